//! Document builders of zhijiao: the 产业人才需求信息报告 as .xlsx and .docx, and SVG bar
//! charts for pages and documents. Pure functions from a
//! [`zhijiao_domain::talent_report::ReportOutput`] to bytes or text: no IO, no database.
//! Kept apart from the app so that the app's build does not recompile them on every change
//! (ARCHITECTURE.md, `reports/`).

pub mod chart;
pub mod demo;
pub mod docx;
pub mod tables;
pub mod xlsx;

pub use chart::{Bar, chart_svg};
pub use demo::demo_input;
pub use docx::{DocMeta, docx, docx_with};
pub use xlsx::xlsx;

use zhijiao_domain::talent_report::ReportOutput;

/// The report as JSON (for the page and the API).
pub fn json(r: &ReportOutput) -> String {
    serde_json::to_string(r).expect("the report serialises: no maps with non-string keys, no NaN")
}

/// The charts of a report for its page or an image export: (id, title, SVG).
pub fn report_charts(r: &ReportOutput) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    if let Some(s) = &r.summary.data {
        let bars: Vec<Bar> =
            s.top_short.iter().map(|g| Bar::new(&g.occupation_name, g.shortage.as_ref().map_or(0.0, |x| x.index))).collect();
        out.push(("top_short", "紧缺职业紧缺指数".to_string(), chart_svg("紧缺职业紧缺指数（1–5）", &bars, "")));
    }
    if let Some(d) = &r.demand.data {
        for t in d.tables.iter().filter(|t| matches!(t.dimension, zhijiao_domain::talent_report::Dimension::Chain | zhijiao_domain::talent_report::Dimension::Occupation)) {
            let bars: Vec<Bar> = t.rows.iter().take(10).map(|x| Bar::new(&x.label_zh, x.unique_postings as f64)).collect();
            let id = if t.dimension == zhijiao_domain::talent_report::Dimension::Chain { "demand_by_chain" } else { "demand_by_occupation" };
            out.push((id, format!("去重岗位{}", t.title_zh), chart_svg(&format!("去重岗位{}", t.title_zh), &bars, "个")));
        }
        let bars: Vec<Bar> = d.monthly.iter().map(|m| Bar::new(&m.label_zh, m.unique_postings as f64)).collect();
        out.push(("monthly", "月度去重岗位数".to_string(), chart_svg("月度去重岗位数", &bars, "个")));
    }
    out
}
