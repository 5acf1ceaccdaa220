//! Top-k postings for many students at once (the batch behind recommendations and
//! `zhijiao match top`), with the result of scoring every pair but far fewer scores.
//!
//! # Why pruning is exact
//! [`total_prepared`] is a sum of four parts. A posting earns major points only if it
//! wants the student's major, its occupation is in the major's crosswalk or the same
//! 小类 as one, it wants a major of the same 专业类, or it states neither majors nor an
//! occupation — each of these is a lookup in an inverted index ([`PostingIndex`]).
//! Every other posting scores at most `skills + location + level`; finer, full major
//! points need an exact major or a crosswalk occupation, else at most the 小类 share, and
//! so on. Likewise a posting earns skill points only if it shares a skill with the
//! student or lists none; the rest score at most `location + level`. So the postings are
//! visited in tiers, each
//! with an upper bound for everything not yet scored, and the search stops as soon as
//! the k-th best score found beats that bound; when it does not, the remaining postings
//! are scored too. Ties are broken by posting order, as in [`top_k_brute_force`], and a
//! tier is skipped only when its bound is strictly (by a margin) below the k-th score,
//! so the top-k is identical to brute force — `tests::pruned_equals_brute_force` checks
//! this on random data.

use crate::employment::occupation_minor;
use crate::matching::{FxHashMap, MatchWeights, PreparedPosting, PreparedStudent, total_prepared};

/// One recommended posting: its index in the postings slice and its score (0..=100).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub posting: usize,
    pub total: f64,
}

/// Higher score first, then the earlier posting.
fn ahead(a: &Ranked, b: &Ranked) -> bool {
    a.total > b.total || (a.total == b.total && a.posting < b.posting)
}

/// The k best seen so far, best first.
struct TopK {
    k: usize,
    items: Vec<Ranked>,
}

impl TopK {
    fn new(k: usize) -> Self {
        TopK { k, items: Vec::with_capacity(k + 1) }
    }
    #[inline]
    fn offer(&mut self, r: Ranked) {
        if self.k == 0 {
            return;
        }
        if self.items.len() == self.k && !ahead(&r, &self.items[self.k - 1]) {
            return;
        }
        let pos = self.items.iter().position(|x| ahead(&r, x)).unwrap_or(self.items.len());
        self.items.insert(pos, r);
        self.items.truncate(self.k);
    }
    /// Whether nothing scoring at most `bound` can enter any more.
    fn beats(&self, bound: f64) -> bool {
        self.items.len() == self.k && self.items.last().is_some_and(|last| last.total > bound + 1e-9)
    }
}

/// Score every posting: the reference result.
pub fn top_k_brute_force(s: &PreparedStudent, postings: &[PreparedPosting], w: &MatchWeights, k: usize) -> Vec<Ranked> {
    let mut top = TopK::new(k);
    for (i, p) in postings.iter().enumerate() {
        top.offer(Ranked { posting: i, total: total_prepared(s, p, w) });
    }
    top.items
}

/// Inverted indexes over the postings for the tiers of [`top_k`].
#[derive(Debug, Default)]
pub struct PostingIndex {
    len: usize,
    by_wanted_major: FxHashMap<String, Vec<u32>>,
    by_occupation: FxHashMap<String, Vec<u32>>,
    by_minor: FxHashMap<String, Vec<u32>>,
    by_wanted_class: FxHashMap<String, Vec<u32>>,
    /// Postings that state neither wanted majors nor an occupation.
    major_unspecified: Vec<u32>,
    by_skill: FxHashMap<String, Vec<u32>>,
    /// Postings that list no skills.
    skills_unspecified: Vec<u32>,
}

impl PostingIndex {
    pub fn new(postings: &[PreparedPosting]) -> Self {
        let mut ix = PostingIndex { len: postings.len(), ..Default::default() };
        for (i, p) in postings.iter().enumerate() {
            let i = i as u32;
            for m in &p.wanted_major_codes {
                ix.by_wanted_major.entry(m.clone()).or_default().push(i);
            }
            if let Some(o) = &p.occupation_code {
                ix.by_occupation.entry(o.clone()).or_default().push(i);
                if let Some(minor) = occupation_minor(o) {
                    ix.by_minor.entry(minor.to_string()).or_default().push(i);
                }
            }
            for c in p.wanted_class_names.iter().flatten() {
                ix.by_wanted_class.entry(c.clone()).or_default().push(i);
            }
            if p.wanted_major_codes.is_empty() && p.occupation_code.is_none() {
                ix.major_unspecified.push(i);
            }
            for (n, _) in &p.skills {
                ix.by_skill.entry(n.clone()).or_default().push(i);
            }
            if p.skills.is_empty() {
                ix.skills_unspecified.push(i);
            }
        }
        ix
    }
}

/// Per-thread scratch: which postings were scored for the current student.
pub struct Scratch {
    seen: Vec<u32>,
    epoch: u32,
    /// Pairs scored so far (what the pruning saves shows here).
    pub scored: u64,
}

impl Scratch {
    pub fn new(postings: usize) -> Self {
        Scratch { seen: vec![0; postings], epoch: 0, scored: 0 }
    }
    fn next_student(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.seen.iter_mut().for_each(|x| *x = 0);
            self.epoch = 1;
        }
    }
    #[inline]
    fn first_visit(&mut self, i: u32) -> bool {
        let slot = &mut self.seen[i as usize];
        if *slot == self.epoch {
            false
        } else {
            *slot = self.epoch;
            self.scored += 1;
            true
        }
    }
}

fn total_of(points: f64, w: &MatchWeights) -> f64 {
    let max = w.major + w.skills + w.location + w.level;
    if max > 0.0 { (100.0 * points / max).clamp(0.0, 100.0) } else { 0.0 }
}

/// Upper bounds of the totals of the postings not yet scored after each tier (see
/// [`top_k`]); `None` when a weight or factor is negative (then only brute force is exact).
fn bounds(w: &MatchWeights) -> Option<[f64; 4]> {
    let all = [w.major, w.skills, w.location, w.level, w.same_minor_factor, w.same_class_factor, w.unspecified_factor, w.same_city_factor];
    if all.iter().any(|x| x.is_nan() || *x < 0.0) {
        return None;
    }
    let location = w.location * 1f64.max(w.same_city_factor).max(w.unspecified_factor);
    let skills = w.skills * 1f64.max(w.unspecified_factor);
    let rest = skills + location + w.level;
    Some([
        // After exact majors and crosswalk occupations: at best the same 小类, 专业类 or unstated.
        total_of(w.major * w.same_minor_factor.max(w.same_class_factor).max(w.unspecified_factor) + rest, w),
        // After the same 小类 too.
        total_of(w.major * w.same_class_factor.max(w.unspecified_factor) + rest, w),
        // After every posting with major points: no major points.
        total_of(rest, w),
        // After every posting with skill points as well: neither.
        total_of(location + w.level, w),
    ])
}

/// The k best postings for one student, identical to [`top_k_brute_force`]. Tiers, each
/// followed by the bound of what is left: postings that want the student's major or whose
/// occupation is in its crosswalk (full major points); same 小类; same 专业类 or stating
/// neither; sharing a skill or listing none; the rest.
pub fn top_k(
    s: &PreparedStudent,
    postings: &[PreparedPosting],
    ix: &PostingIndex,
    w: &MatchWeights,
    k: usize,
    scratch: &mut Scratch,
) -> Vec<Ranked> {
    debug_assert_eq!(ix.len, postings.len());
    let Some(bound) = bounds(w) else {
        return top_k_brute_force(s, postings, w, k);
    };
    scratch.next_student();
    let mut top = TopK::new(k);
    let visit = |list: &[u32], top: &mut TopK, scratch: &mut Scratch| {
        for &i in list {
            if scratch.first_visit(i) {
                top.offer(Ranked { posting: i as usize, total: total_prepared(s, &postings[i as usize], w) });
            }
        }
    };
    let empty: &[u32] = &[];
    visit(ix.by_wanted_major.get(&s.major_code).map_or(empty, Vec::as_slice), &mut top, scratch);
    for occ in s.aligned_occupations.keys() {
        visit(ix.by_occupation.get(occ).map_or(empty, Vec::as_slice), &mut top, scratch);
    }
    if top.beats(bound[0]) {
        return top.items;
    }
    for minor in s.aligned_minors.keys() {
        visit(ix.by_minor.get(minor).map_or(empty, Vec::as_slice), &mut top, scratch);
    }
    if top.beats(bound[1]) {
        return top.items;
    }
    if let Some(class) = &s.class_name {
        visit(ix.by_wanted_class.get(class).map_or(empty, Vec::as_slice), &mut top, scratch);
    }
    visit(&ix.major_unspecified, &mut top, scratch);
    if top.beats(bound[2]) {
        return top.items;
    }
    for skill in &s.skills {
        visit(ix.by_skill.get(skill).map_or(empty, Vec::as_slice), &mut top, scratch);
    }
    visit(&ix.skills_unspecified, &mut top, scratch);
    if top.beats(bound[3]) {
        return top.items;
    }
    for i in 0..postings.len() as u32 {
        if scratch.first_visit(i) {
            top.offer(Ranked { posting: i as usize, total: total_prepared(s, &postings[i as usize], w) });
        }
    }
    top.items
}

/// Top-k for every student, on `threads` threads (students split into equal runs; the
/// result is in student order and does not depend on the thread count).
pub fn top_k_all(
    students: &[PreparedStudent],
    postings: &[PreparedPosting],
    w: &MatchWeights,
    k: usize,
    threads: usize,
) -> Vec<Vec<Ranked>> {
    let ix = PostingIndex::new(postings);
    let threads = threads.max(1).min(students.len().max(1));
    let chunk = students.len().div_ceil(threads).max(1);
    let mut out: Vec<Vec<Ranked>> = Vec::with_capacity(students.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = students
            .chunks(chunk)
            .map(|part| {
                let ix = &ix;
                scope.spawn(move || {
                    let mut scratch = Scratch::new(postings.len());
                    part.iter().map(|s| top_k(s, postings, ix, w, k, &mut scratch)).collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            out.extend(h.join().expect("matching thread"));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{MajorLevel, MajorNode, catalogs};
    use crate::matching::{EducationLevel, PostingProfile, StudentProfile};

    /// A tiny deterministic generator (no dependency): xorshift64*.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
            &xs[self.below(xs.len())]
        }
    }

    const SKILLS: [&str; 10] = ["PLC", "焊接", "CAD", "电工证", "数控编程", "GMP", "Java", "SQL", "叉车证", "仓储管理"];
    const COUNTIES: [&str; 4] = ["370302", "370303", "370304", "110101"];

    fn random_data(seed: u64, n_students: usize, n_postings: usize) -> (Vec<PreparedStudent>, Vec<PreparedPosting>) {
        let c = catalogs();
        // Majors of one 专业大类 (装备制造) and a few others, so that every kind of fit occurs.
        let majors: Vec<_> = c
            .majors
            .iter()
            .filter(|m| m.node == MajorNode::Major && m.level != MajorLevel::Bachelor && (m.code.starts_with("66") || m.code.starts_with("46") || m.code.starts_with("71")))
            .collect();
        let mut occupations: Vec<String> = Vec::new();
        for m in majors.iter().take(40) {
            for o in c.occupations_for_major(m.level, &m.code) {
                occupations.push(o.code.clone());
            }
        }
        occupations.extend(["4-03-01-01".to_string(), "6-31".to_string()]);
        let mut rng = Rng(seed | 1);
        let levels = [None, Some(EducationLevel::Secondary), Some(EducationLevel::Associate), Some(EducationLevel::Bachelor)];
        let skills = |rng: &mut Rng, n: usize| (0..rng.below(n)).map(|_| rng.pick(&SKILLS).to_string()).collect::<Vec<_>>();
        let students = (0..n_students)
            .map(|_| {
                let m = rng.pick(&majors);
                let prefs = (0..rng.below(3)).map(|_| rng.pick(&COUNTIES).to_string()).collect();
                PreparedStudent::new(&StudentProfile {
                    major_level: m.level,
                    major_code: m.code.clone(),
                    skills: skills(&mut rng, 5),
                    certificates: vec![],
                    preferred_county_codes: prefs,
                    education_level: if m.level == MajorLevel::Secondary { EducationLevel::Secondary } else { EducationLevel::Associate },
                })
            })
            .collect();
        let postings = (0..n_postings)
            .map(|_| {
                let wanted = (0..rng.below(3)).map(|_| rng.pick(&majors).code.clone()).collect();
                let occupation = (rng.below(5) > 0).then(|| rng.pick(&occupations).clone());
                PreparedPosting::new(&PostingProfile {
                    occupation_code: occupation,
                    wanted_major_codes: wanted,
                    skills: skills(&mut rng, 4),
                    county_code: (rng.below(6) > 0).then(|| rng.pick(&COUNTIES).to_string()),
                    min_education: *rng.pick(&levels),
                })
            })
            .collect();
        (students, postings)
    }

    #[test]
    fn pruned_equals_brute_force() {
        for (seed, n_students, n_postings, k) in [(7, 300, 2000, 10), (11, 200, 40, 10), (13, 100, 5, 10), (17, 100, 500, 1), (19, 50, 300, 0)] {
            let (students, postings) = random_data(seed, n_students, n_postings);
            let w = MatchWeights::default();
            let ix = PostingIndex::new(&postings);
            let mut scratch = Scratch::new(postings.len());
            for (i, s) in students.iter().enumerate() {
                let want = top_k_brute_force(s, &postings, &w, k);
                assert_eq!(want.len(), k.min(postings.len()));
                assert_eq!(top_k(s, &postings, &ix, &w, k, &mut scratch), want, "seed {seed} student {i}");
            }
            let all = (students.len() * postings.len()) as u64;
            if n_postings == 2000 {
                assert!(scratch.scored < all / 2, "pruning scored {} of {all} pairs", scratch.scored);
            }
            if n_postings == 5 {
                assert_eq!(scratch.scored, all, "fewer postings than k: every pair is scored");
            }
        }
    }

    #[test]
    fn other_weights_and_threads_give_the_same_result() {
        let (students, postings) = random_data(23, 200, 1500);
        let weights = [
            MatchWeights { skills: 60.0, ..Default::default() },
            MatchWeights { major: 0.0, unspecified_factor: 1.0, ..Default::default() },
            MatchWeights { location: -1.0, ..Default::default() },
        ];
        for w in weights {
            let want: Vec<_> = students.iter().map(|s| top_k_brute_force(s, &postings, &w, 10)).collect();
            assert_eq!(top_k_all(&students, &postings, &w, 10, 1), want);
            assert_eq!(top_k_all(&students, &postings, &w, 10, 3), want);
        }
    }

    #[test]
    fn ties_keep_posting_order() {
        let (students, _) = random_data(29, 1, 0);
        let same = PreparedPosting::new(&PostingProfile {
            occupation_code: None,
            wanted_major_codes: vec![],
            skills: vec![],
            county_code: None,
            min_education: None,
        });
        let postings = vec![same; 25];
        let top = top_k_all(&students, &postings, &MatchWeights::default(), 10, 2);
        assert_eq!(top[0].iter().map(|r| r.posting).collect::<Vec<_>>(), (0..10).collect::<Vec<_>>());
    }
}
