//! The demand forecast behind the district's major planning: monthly posting counts of a
//! chain or an occupation (the talent report's rollups) projected three years ahead.
//!
//! Models suited to short monthly series (Hyndman & Athanasopoulos, *Forecasting:
//! Principles and Practice*, 3rd ed., §5.2 simple methods, §8.3 Holt-Winters additive):
//! the naive method, the seasonal naive method and additive Holt-Winters. Each series gets
//! the model with the lowest MASE when the last months are held out (§5.8, §5.10
//! time-series cross-validation, one origin); its MAPE and MASE on those months travel with
//! every forecast, which is advice with its error, never a verdict.

use serde::Serialize;

/// Months per season.
pub const SEASON: usize = 12;
/// Three years ahead.
pub const HORIZON: usize = 36;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Model {
    /// The last value carried forward.
    Naive,
    /// The value of the same month a season earlier.
    SeasonalNaive,
    /// Additive Holt-Winters with its smoothing parameters.
    HoltWinters { alpha: f64, beta: f64, gamma: f64 },
}

impl Model {
    pub fn name_zh(&self) -> &'static str {
        match self {
            Model::Naive => "朴素法（沿用上月）",
            Model::SeasonalNaive => "季节朴素法（沿用上年同月）",
            Model::HoltWinters { .. } => "Holt-Winters 加法季节模型",
        }
    }
}

/// Forecasts of a series with the model chosen by back-test and its back-test error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub model: Model,
    /// The next `HORIZON` months, never below zero (counts of postings).
    pub values: Vec<f64>,
    /// Months held out for the back-test (0 when the series was too short to hold any out).
    pub holdout: usize,
    /// Mean absolute percentage error on the held-out months (months with 0 left out).
    pub mape: Option<f64>,
    /// Mean absolute scaled error on the held-out months (scaled by the in-sample
    /// seasonal naive, or naive for less than a season, error).
    pub mase: Option<f64>,
}

pub fn naive(y: &[f64], h: usize) -> Option<Vec<f64>> {
    let last = *y.last()?;
    Some(vec![last; h])
}

/// `ŷ(T+k) = y(T+k−m·⌈k/m⌉)`; needs a full season.
pub fn seasonal_naive(y: &[f64], m: usize, h: usize) -> Option<Vec<f64>> {
    let n = y.len();
    if m == 0 || n < m {
        return None;
    }
    Some((0..h).map(|k| y[n - m + (k % m)]).collect())
}

/// One run of additive Holt-Winters: the one-step squared errors and the forecasts.
/// Initial level and trend from the first two seasons' means, initial seasonal indices as
/// the first season's deviations from the centred trend line.
fn hw_run(y: &[f64], m: usize, alpha: f64, beta: f64, gamma: f64, h: usize) -> (f64, Vec<f64>) {
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    let (m1, m2) = (mean(&y[..m]), mean(&y[m..2 * m]));
    let b0 = (m2 - m1) / m as f64;
    let centre = (m as f64 - 1.0) / 2.0;
    let mut season: Vec<f64> = (0..m).map(|i| y[i] - (m1 + (i as f64 - centre) * b0)).collect();
    // Level and trend one step before the first observation.
    let mut level = m1 - (centre + 1.0) * b0;
    let mut trend = b0;
    let mut sse = 0.0;
    for (t, &obs) in y.iter().enumerate() {
        let s = season[t % m];
        let fitted = level + trend + s;
        sse += (obs - fitted).powi(2);
        let new_level = alpha * (obs - s) + (1.0 - alpha) * (level + trend);
        trend = beta * (new_level - level) + (1.0 - beta) * trend;
        season[t % m] = gamma * (obs - new_level) + (1.0 - gamma) * s;
        level = new_level;
    }
    let n = y.len();
    let f = (1..=h).map(|k| level + k as f64 * trend + season[(n - 1 + k) % m]).collect();
    (sse, f)
}

const GRID: [f64; 5] = [0.1, 0.3, 0.5, 0.7, 0.9];
const TREND_GRID: [f64; 3] = [0.0, 0.1, 0.3];

/// Additive Holt-Winters with parameters from a grid by the smallest in-sample one-step
/// squared error; needs two full seasons.
pub fn holt_winters(y: &[f64], m: usize, h: usize) -> Option<(Model, Vec<f64>)> {
    if m < 2 || y.len() < 2 * m {
        return None;
    }
    let mut best: Option<(f64, Model, Vec<f64>)> = None;
    for alpha in GRID {
        for beta in TREND_GRID {
            for gamma in GRID {
                let (sse, f) = hw_run(y, m, alpha, beta, gamma, h);
                if best.as_ref().is_none_or(|(b, _, _)| sse < *b) {
                    best = Some((sse, Model::HoltWinters { alpha, beta, gamma }, f));
                }
            }
        }
    }
    best.map(|(_, model, f)| (model, f))
}

fn run(model: &Model, y: &[f64], m: usize, h: usize) -> Option<(Model, Vec<f64>)> {
    match model {
        Model::Naive => naive(y, h).map(|f| (Model::Naive, f)),
        Model::SeasonalNaive => seasonal_naive(y, m, h).map(|f| (Model::SeasonalNaive, f)),
        Model::HoltWinters { .. } => holt_winters(y, m, h),
    }
}

/// Mean absolute percentage error over the months whose actual value is not 0.
pub fn mape(actual: &[f64], predicted: &[f64]) -> Option<f64> {
    let errs: Vec<f64> = actual.iter().zip(predicted).filter(|(a, _)| **a != 0.0).map(|(a, p)| ((a - p) / a).abs()).collect();
    if errs.is_empty() { None } else { Some(errs.iter().sum::<f64>() / errs.len() as f64) }
}

/// Mean absolute scaled error: the forecast's mean absolute error over the in-sample mean
/// absolute error of the seasonal naive method (lag `m`), or of the naive method (lag 1)
/// when the training part is not longer than a season. `None` when that scale is 0.
pub fn mase(actual: &[f64], predicted: &[f64], train: &[f64], m: usize) -> Option<f64> {
    let lag = if train.len() > m && m > 0 { m } else { 1 };
    if train.len() <= lag || actual.is_empty() {
        return None;
    }
    let scale = train.windows(lag + 1).map(|w| (w[lag] - w[0]).abs()).sum::<f64>() / (train.len() - lag) as f64;
    if scale == 0.0 {
        return None;
    }
    let mae = actual.iter().zip(predicted).map(|(a, p)| (a - p).abs()).sum::<f64>() / actual.len() as f64;
    Some(mae / scale)
}

/// Months to hold out: a quarter of the series, at least 1 and at most a season; none for
/// fewer than four months.
pub fn holdout_len(n: usize, m: usize) -> usize {
    if n < 4 { 0 } else { (n / 4).clamp(1, m.max(1)) }
}

/// The forecast of a monthly series: every model that the training part allows is
/// back-tested on the held-out months; the lowest MASE wins (then MAPE; ties go to the
/// simpler model), and is refitted on the whole series. `None` for an empty series.
pub fn forecast(y: &[f64], m: usize, h: usize) -> Option<Forecast> {
    if y.is_empty() {
        return None;
    }
    let candidates = [Model::Naive, Model::SeasonalNaive, Model::HoltWinters { alpha: 0.0, beta: 0.0, gamma: 0.0 }];
    let hold = holdout_len(y.len(), m);
    let (train, test) = y.split_at(y.len() - hold);
    let mut best: Option<(Model, Option<f64>, Option<f64>)> = None;
    let score = |x: Option<f64>| x.unwrap_or(f64::INFINITY);
    if hold > 0 {
        for c in &candidates {
            let Some((_, pred)) = run(c, train, m, hold) else { continue };
            let (e_mase, e_mape) = (mase(test, &pred, train, m), mape(test, &pred));
            let better = match &best {
                None => true,
                Some((_, b_mase, b_mape)) => {
                    let (a, b) = (score(e_mase), score(*b_mase));
                    a < b || (a == b && score(e_mape) < score(*b_mape))
                }
            };
            if better {
                best = Some((*c, e_mase, e_mape));
            }
        }
    }
    let (chosen, e_mase, e_mape) = best.unwrap_or((Model::Naive, None, None));
    let (model, values) = run(&chosen, y, m, h).or_else(|| run(&Model::Naive, y, m, h))?;
    Some(Forecast { model, values: values.into_iter().map(|v| v.max(0.0)).collect(), holdout: hold, mape: e_mape, mase: e_mase })
}

/// Graduates a major would add per year if it opened `seats` places now, for each of the
/// next `years` years: none until the first cohort finishes (`length_years`), then `seats`.
pub fn graduates_from_seats(seats: u32, length_years: u32, years: usize) -> Vec<u32> {
    (1..=years as u32).map(|k| if k >= length_years.max(1) { seats } else { 0 }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn simple_methods_known_values() {
        assert_eq!(naive(&[3.0, 5.0], 3), Some(vec![5.0, 5.0, 5.0]));
        assert_eq!(naive(&[], 3), None);
        let y = [1.0, 2.0, 3.0, 4.0, 10.0, 20.0, 30.0, 40.0];
        assert_eq!(seasonal_naive(&y, 4, 6), Some(vec![10.0, 20.0, 30.0, 40.0, 10.0, 20.0]));
        assert_eq!(seasonal_naive(&y[..3], 4, 2), None);
    }

    #[test]
    fn holt_winters_reproduces_an_exact_trend_and_season() {
        // y(t) = 10 + 2t + s(t mod 4), s = (3, −1, −2, 0) summing to 0: any smoothing keeps
        // the exact components, so the forecasts are the formula's values.
        let s = [3.0, -1.0, -2.0, 0.0];
        let f = |t: usize| 10.0 + 2.0 * t as f64 + s[t % 4];
        let y: Vec<f64> = (0..12).map(f).collect();
        let (model, out) = holt_winters(&y, 4, 5).unwrap();
        assert!(matches!(model, Model::HoltWinters { .. }));
        for (k, v) in out.iter().enumerate() {
            assert!(close(*v, f(12 + k)), "k={k}: {v} vs {}", f(12 + k));
        }
        // Fewer than two seasons: not fitted.
        assert!(holt_winters(&y[..7], 4, 1).is_none());
    }

    #[test]
    fn errors_known_values() {
        // |10−8|/10 = 0.2, |20−25|/20 = 0.25, the zero month left out → 0.225.
        assert!(close(mape(&[10.0, 20.0, 0.0], &[8.0, 25.0, 3.0]).unwrap(), 0.225));
        assert_eq!(mape(&[0.0], &[1.0]), None);
        // Train 1, 3, 2, 4 with lag 1: scale (2 + 1 + 2) / 3 = 5/3; MAE of (1, 2) = 1.5 → 0.9.
        assert!(close(mase(&[5.0, 6.0], &[4.0, 4.0], &[1.0, 3.0, 2.0, 4.0], 12).unwrap(), 0.9));
        // Seasonal scale when the training part is longer than a season (m = 2):
        // |2−1|, |4−3|, |6−5| → 1; MAE 2 → 2.
        assert!(close(mase(&[9.0], &[7.0], &[1.0, 3.0, 2.0, 4.0, 3.0, 5.0], 2).unwrap(), 1.0 * 2.0 / 1.0));
        assert_eq!(mase(&[1.0], &[1.0], &[2.0, 2.0, 2.0], 12), None);
    }

    #[test]
    fn back_test_picks_the_seasonal_model_for_a_seasonal_series() {
        // Three years of a strong season and a mild trend.
        let season = [5.0, 8.0, 20.0, 30.0, 25.0, 12.0, 6.0, 4.0, 15.0, 28.0, 22.0, 9.0];
        let y: Vec<f64> = (0..36).map(|t| season[t % 12] + 0.2 * t as f64).collect();
        let f = forecast(&y, SEASON, HORIZON).unwrap();
        assert_ne!(f.model, Model::Naive);
        assert_eq!(f.values.len(), HORIZON);
        assert_eq!(f.holdout, 9);
        assert!(f.mase.unwrap() < 0.5, "{f:?}");
        // The forecast follows the season: March above January next year.
        assert!(f.values[2] > f.values[0]);
    }

    #[test]
    fn short_and_flat_series() {
        // Nine months: no season to fit, the naive method; holdout 2 months.
        let y = [3.0, 4.0, 5.0, 4.0, 6.0, 5.0, 7.0, 6.0, 8.0];
        let f = forecast(&y, SEASON, 3).unwrap();
        assert_eq!(f.model, Model::Naive);
        assert_eq!(f.values, vec![8.0, 8.0, 8.0]);
        assert_eq!(f.holdout, 2);
        // Held out 6.0, 8.0 against 7.0 → MAPE (1/6 + 1/8)/2.
        assert!(close(f.mape.unwrap(), (1.0 / 6.0 + 1.0 / 8.0) / 2.0));
        // Three months: nothing held out, no error figures.
        let f = forecast(&[1.0, 2.0, 3.0], SEASON, 2).unwrap();
        assert_eq!((f.holdout, f.mape, f.mase), (0, None, None));
        assert!(forecast(&[], SEASON, 2).is_none());
        // Forecasts never go below zero.
        let down: Vec<f64> = (0..30).map(|t| (60.0 - 3.0 * t as f64).max(0.0)).collect();
        assert!(forecast(&down, SEASON, HORIZON).unwrap().values.iter().all(|v| *v >= 0.0));
    }

    #[test]
    fn seats_become_graduates_after_the_length_of_schooling() {
        assert_eq!(graduates_from_seats(40, 3, 4), vec![0, 0, 40, 40]);
        assert_eq!(graduates_from_seats(40, 0, 2), vec![40, 40]);
    }
}
