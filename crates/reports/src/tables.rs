//! The report as a list of tables, shared by the .xlsx (one sheet each) and the .docx.

use zhijiao_domain::talent_report::{DemandTable, NO_DATA_ZH, ReportOutput, Section};

/// A cell: text, or a number kept as a number in Excel.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count.
    Int(u64),
    /// A decimal (shown with two decimals).
    Num(f64),
    /// A ratio shown as a percentage (0.5 → 50.0%).
    Pct(f64),
    /// Not available (no denominator): blank in Excel, "—" in Word.
    Na,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }
    pub fn opt_num(x: Option<f64>) -> Self {
        x.filter(|v| v.is_finite()).map_or(Cell::Na, Cell::Num)
    }
    pub fn opt_pct(x: Option<f64>) -> Self {
        x.filter(|v| v.is_finite()).map_or(Cell::Na, Cell::Pct)
    }
    pub fn num(x: f64) -> Self {
        if x.is_finite() { Cell::Num(x) } else { Cell::Na }
    }
    /// As shown in Word.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => group_thousands(*n),
            Cell::Num(x) => {
                if (x - x.round()).abs() < 1e-9 {
                    format!("{x:.0}")
                } else {
                    format!("{x:.2}")
                }
            }
            Cell::Pct(x) => format!("{:.1}%", x * 100.0),
            Cell::Na => "—".into(),
        }
    }
}

/// 12345 → "12,345".
pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One table of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name (≤ 31 characters, none of `[]:*?/\`).
    pub sheet: &'static str,
    pub title_zh: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Shown when `rows` is empty (暂无数据 …) or as a caveat.
    pub note_zh: String,
}

fn note_of<T>(s: &Section<T>) -> String {
    if s.note_zh.is_empty() && s.data.is_none() { NO_DATA_ZH.to_string() } else { s.note_zh.clone() }
}

fn demand_table(sheet: &'static str, t: Option<&DemandTable>, note: &str) -> Table {
    let rows = t
        .map(|t| {
            t.rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.label_zh),
                        Cell::text(&r.key),
                        Cell::Int(r.total_postings),
                        Cell::Int(r.unique_postings),
                        Cell::Int(r.new_postings),
                        Cell::Int(r.headcount),
                        Cell::opt_pct(r.share),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    Table {
        sheet,
        title_zh: t.map_or_else(|| sheet.to_string(), |t| format!("岗位需求{}", t.title_zh)),
        headers: vec!["名称", "代码", "总岗位数", "去重岗位数", "新增岗位数", "需求人数", "占比"],
        rows,
        note_zh: note.to_string(),
    }
}

/// Sheet names, in order (the .xlsx has exactly these sheets).
pub const SHEETS: [&str; 17] = [
    "概要",
    "紧缺职业TOP10",
    "需求-按产业链",
    "需求-按行业",
    "需求-按职业",
    "需求-按需求专业",
    "需求-按学历要求",
    "需求-按经验要求",
    "需求-按薪酬区间",
    "需求-月度趋势",
    "供给-按专业",
    "缺口-按职业",
    "缺口-按专业",
    "订单班学徒制供求比",
    "技能需求",
    "专业设置建议",
    "方法说明",
];

/// All tables of a report, in [`SHEETS`] order.
pub fn tables(r: &ReportOutput) -> Vec<Table> {
    let mut out = Vec::new();

    // 概要
    let mut rows = vec![
        vec![Cell::text("报告期"), Cell::text(r.period_label())],
        vec![Cell::text("范围"), Cell::text(r.scope.label_zh())],
    ];
    if let Some(s) = &r.summary.data {
        rows.extend([
            vec![Cell::text("总岗位数"), Cell::Int(s.demand.total_postings)],
            vec![Cell::text("去重岗位数"), Cell::Int(s.demand.unique_postings)],
            vec![Cell::text("新增岗位数"), Cell::Int(s.demand.new_postings)],
            vec![Cell::text("需求人数"), Cell::Int(s.demand.headcount)],
            vec![Cell::text("毕业生数"), Cell::Int(s.graduates)],
            vec![Cell::text("本地供给"), Cell::Int(s.local_supply)],
            vec![Cell::text("求人倍率"), Cell::opt_num(s.jobs_ratio)],
            vec![Cell::text("有需求的职业数"), Cell::Int(s.occupations_with_demand)],
            vec![Cell::text("★4及以上紧缺职业数"), Cell::Int(s.occupations_in_shortage)],
        ]);
    }
    out.push(Table {
        sheet: SHEETS[0],
        title_zh: r.summary.title_zh.clone(),
        headers: vec!["指标", "数值"],
        rows,
        note_zh: note_of(&r.summary),
    });

    // 紧缺职业TOP10
    let top = r.summary.data.as_ref().map(|s| s.top_short.as_slice()).unwrap_or(&[]);
    out.push(Table {
        sheet: SHEETS[1],
        title_zh: "紧缺职业前十位".into(),
        headers: vec!["序号", "职业", "职业代码", "主要产业链", "去重岗位数", "需求", "本地供给", "求人倍率", "紧缺指数", "星级", "主要学历要求", "主要薪酬区间"],
        rows: top
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let s = g.shortage.as_ref();
                vec![
                    Cell::Int(i as u64 + 1),
                    Cell::text(&g.occupation_name),
                    Cell::text(&g.occupation_code),
                    Cell::text(&g.main_chain),
                    Cell::Int(g.unique_postings),
                    Cell::num(g.demand),
                    Cell::num(g.local_supply),
                    Cell::opt_num(g.jobs_ratio),
                    Cell::opt_num(s.map(|s| s.index)),
                    Cell::text(s.map(|s| s.stars_zh.clone()).unwrap_or_default()),
                    Cell::text(&g.main_education_zh),
                    Cell::text(&g.main_pay_zh),
                ]
            })
            .collect(),
        note_zh: if top.is_empty() { format!("{NO_DATA_ZH}：本期没有评定紧缺指数的职业。") } else { String::new() },
    });

    // 需求 by dimension (7 tables) and monthly trend.
    let dm = r.demand.data.as_ref();
    let demand_note = note_of(&r.demand);
    for (k, sheet) in SHEETS[2..9].iter().enumerate() {
        out.push(demand_table(sheet, dm.and_then(|d| d.tables.get(k)), &demand_note));
    }
    out.push(Table {
        sheet: SHEETS[9],
        title_zh: "岗位需求月度趋势".into(),
        headers: vec!["月份", "总岗位数", "去重岗位数", "新增岗位数"],
        rows: dm
            .map(|d| {
                d.monthly
                    .iter()
                    .map(|m| {
                        vec![Cell::text(&m.label_zh), Cell::Int(m.total_postings), Cell::Int(m.unique_postings), Cell::Int(m.new_postings)]
                    })
                    .collect()
            })
            .unwrap_or_default(),
        note_zh: if dm.is_some_and(|d| d.monthly.is_empty()) { format!("{NO_DATA_ZH}：无月度数据。") } else { demand_note.clone() },
    });

    // 供给
    out.push(Table {
        sheet: SHEETS[10],
        title_zh: "毕业生供给（按专业）".into(),
        headers: vec!["层次", "专业代码", "专业名称", "届别", "毕业生数", "就业", "升学", "待就业", "本地就业", "毕业去向落实率", "升学率", "本地就业率", "本地供给"],
        rows: r
            .supply
            .data
            .as_ref()
            .map(|s| {
                s.by_major
                    .iter()
                    .map(|x| {
                        vec![
                            Cell::text(x.major.level_zh),
                            Cell::text(&x.major.code),
                            Cell::text(&x.major.name),
                            Cell::Int(x.cohort.max(0) as u64),
                            Cell::Int(x.graduates),
                            Cell::Int(x.employed),
                            Cell::Int(x.further_study),
                            Cell::Int(x.seeking),
                            Cell::Int(x.employed_local),
                            Cell::opt_pct(x.placement_rate),
                            Cell::opt_pct(x.further_study_rate),
                            Cell::opt_pct(x.local_retention_rate),
                            Cell::Int(x.local_supply),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default(),
        note_zh: note_of(&r.supply),
    });

    // 缺口
    let gap = r.gap.data.as_ref();
    let gap_note = note_of(&r.gap);
    out.push(Table {
        sheet: SHEETS[11],
        title_zh: "供需缺口与紧缺指数（按职业）".into(),
        headers: vec![
            "职业", "职业代码", "主要产业链", "去重岗位数", "需求", "本地供给", "缺口", "求人倍率", "紧缺指数", "星级",
            "供需比得分", "学历要求得分", "经验要求得分", "综合要求得分", "薪酬水平得分", "对口专业",
        ],
        rows: gap
            .map(|g| {
                g.by_occupation
                    .iter()
                    .map(|o| {
                        let s = o.shortage.as_ref();
                        let mut row = vec![
                            Cell::text(&o.occupation_name),
                            Cell::text(&o.occupation_code),
                            Cell::text(&o.main_chain),
                            Cell::Int(o.unique_postings),
                            Cell::num(o.demand),
                            Cell::num(o.local_supply),
                            Cell::num(o.gap),
                            Cell::opt_num(o.jobs_ratio),
                            Cell::opt_num(s.map(|s| s.index)),
                            Cell::text(s.map_or_else(|| "样本不足".to_string(), |s| s.stars_zh.clone())),
                        ];
                        for k in 0..5 {
                            row.push(Cell::opt_num(s.and_then(|s| s.dims.get(k)).and_then(|d| d.score)));
                        }
                        row.push(Cell::text(o.supplying_majors.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join("、")));
                        row
                    })
                    .collect()
            })
            .unwrap_or_default(),
        note_zh: gap_note.clone(),
    });
    out.push(Table {
        sheet: SHEETS[12],
        title_zh: "供需缺口（按专业）".into(),
        headers: vec!["层次", "专业代码", "专业名称", "点名需求", "对口职业分摊需求", "需求合计", "本地供给", "缺口", "需求÷供给"],
        rows: gap
            .map(|g| {
                g.by_major
                    .iter()
                    .map(|m| {
                        vec![
                            Cell::text(m.major.level_zh),
                            Cell::text(&m.major.code),
                            Cell::text(&m.major.name),
                            Cell::num(m.explicit_demand),
                            Cell::num(m.allocated_demand),
                            Cell::num(m.demand),
                            Cell::num(m.local_supply),
                            Cell::num(m.gap),
                            Cell::opt_num(m.ratio),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default(),
        note_zh: gap_note.clone(),
    });
    let anr = gap.map(|g| g.anr.as_slice()).unwrap_or(&[]);
    out.push(Table {
        sheet: SHEETS[13],
        title_zh: "订单班、学徒制供求比（ANR，每百名报名者对应名额）".into(),
        headers: vec!["职业", "职业代码", "类型", "提供名额", "报名人数", "录取人数", "每百人名额(ANR)", "名额录满率"],
        rows: anr
            .iter()
            .map(|a| {
                vec![
                    Cell::text(&a.occupation_name),
                    Cell::text(&a.occupation_code),
                    Cell::text(a.kind_zh),
                    Cell::Int(a.places_offered),
                    Cell::Int(a.applicants),
                    Cell::Int(a.admitted),
                    Cell::opt_num(a.anr),
                    Cell::opt_pct(a.fill_rate),
                ]
            })
            .collect(),
        note_zh: if anr.is_empty() { format!("{NO_DATA_ZH}：本期无订单班、学徒制招生。") } else { String::new() },
    });

    // 技能
    out.push(Table {
        sheet: SHEETS[14],
        title_zh: "岗位技能需求".into(),
        headers: vec!["职业", "职业代码", "职业去重岗位数", "排名", "技能", "提及岗位数", "提及率"],
        rows: r
            .skills
            .data
            .as_ref()
            .map(|v| {
                v.iter()
                    .flat_map(|o| {
                        o.skills.iter().enumerate().map(move |(i, s)| {
                            vec![
                                Cell::text(&o.occupation_name),
                                Cell::text(&o.occupation_code),
                                Cell::Int(o.unique_postings),
                                Cell::Int(i as u64 + 1),
                                Cell::text(&s.skill),
                                Cell::Int(s.postings),
                                Cell::opt_pct(s.share),
                            ]
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
        note_zh: note_of(&r.skills),
    });

    // 建议
    out.push(Table {
        sheet: SHEETS[15],
        title_zh: "专业设置建议".into(),
        headers: vec!["建议", "层次", "专业代码", "专业名称", "职业", "候选/合并专业", "依据规则", "规则来源", "建议性规则", "证据"],
        rows: r
            .recommendations
            .data
            .as_ref()
            .map(|v| {
                v.iter()
                    .map(|x| {
                        vec![
                            Cell::text(x.action_zh),
                            Cell::text(x.major.as_ref().map(|m| m.level_zh).unwrap_or("")),
                            Cell::text(x.major.as_ref().map(|m| m.code.clone()).unwrap_or_default()),
                            Cell::text(x.major.as_ref().map(|m| m.name.clone()).unwrap_or_default()),
                            Cell::text(x.occupation_name.clone().unwrap_or_default()),
                            Cell::text(
                                x.candidates.iter().map(|m| format!("{}（{}）", m.name, m.level_zh)).collect::<Vec<_>>().join("、"),
                            ),
                            Cell::text(&x.rule_zh),
                            Cell::text(x.source_zh),
                            Cell::text(if x.suggestion { "是" } else { "否" }),
                            Cell::text(evidence_zh(x)),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default(),
        note_zh: note_of(&r.recommendations),
    });

    // 方法
    let mut rows = Vec::new();
    if let Some(m) = &r.method.data {
        rows.push(vec![Cell::text("报告期"), Cell::text(&m.period_zh)]);
        rows.push(vec![Cell::text("范围"), Cell::text(&m.scope_zh)]);
        rows.push(vec![Cell::text("数据截至"), Cell::text(&m.snapshot_date_zh)]);
        rows.push(vec![Cell::text("去重窗口（天）"), Cell::Int(m.dedup_window_days.max(0) as u64)]);
        for s in &m.sources_zh {
            rows.push(vec![Cell::text("数据来源"), Cell::text(s)]);
        }
        for c in &m.chains {
            rows.push(vec![Cell::text(format!("产业链：{}", c.name)), Cell::text(format!("GB/T 4754-2017 {}", c.industry_codes.join("、")))]);
        }
        rows.push(vec![Cell::text("专业—职业对照"), Cell::text(&m.crosswalk_zh)]);
        for f in &m.formulas_zh {
            rows.push(vec![Cell::text("口径"), Cell::text(f)]);
        }
    }
    out.push(Table { sheet: SHEETS[16], title_zh: r.method.title_zh.clone(), headers: vec!["项目", "说明"], rows, note_zh: note_of(&r.method) });
    out
}

pub fn evidence_zh(x: &zhijiao_domain::talent_report::Recommendation) -> String {
    x.evidence.iter().map(|f| format!("{}：{}", f.label_zh, f.value_zh)).collect::<Vec<_>>().join("；")
}

/// Period label of a report.
pub trait PeriodLabel {
    fn period_label(&self) -> String;
}

impl PeriodLabel for ReportOutput {
    fn period_label(&self) -> String {
        self.period.label_zh()
    }
}
