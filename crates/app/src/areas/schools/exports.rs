//! Excel exports of the quality scorecard (one row per item of each school's result of a
//! year, with the self-assessed and reviewed points and the reasons) and of the 党建/思政
//! activity log, written through the streaming helper (`crate::export::xlsx`) in batches
//! read by key, in the reader's scope (the district: every school; a school: its own).

use super::activities::{KINDS, Status as ActivityStatus};
use super::scorecard::{self, Status};
use crate::auth::Ctx;
use crate::entity::{organization, party_activity as pa, scorecard_result as sr};
use crate::error::AppResult;
use crate::export::{BATCH, Batch};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

fn points(p: f64) -> String {
    if p.fract() == 0.0 { format!("{p:.0}") } else { format!("{p:.1}") }
}

pub const SCORECARD_HEADERS: [&str; 13] = ["学校", "年度", "考核办法", "状态", "总分", "等级", "序号", "考核项目", "满分", "来源", "学校自评分", "区审核分", "调整理由"];

/// The year's scorecards, item by item.
pub async fn scorecards(db: &DatabaseConnection, ctx: &Ctx, year: i32) -> AppResult<Vec<u8>> {
    let scope = super::read_scope(ctx)?;
    crate::export::xlsx("办学质量考核", &SCORECARD_HEADERS, |after: Option<i64>| async move {
        let mut q = sr::Entity::find().filter(sr::Column::Year.eq(year));
        if let Some(own) = scope {
            q = q.filter(sr::Column::SchoolOrgId.eq(own));
        }
        if let Some(a) = after {
            q = q.filter(sr::Column::Id.gt(a));
        }
        let rows = q.order_by_asc(sr::Column::Id).limit(BATCH).all(db).await?;
        let last = rows.last().map(|r| r.id);
        let full = rows.len() as u64 >= BATCH;
        let mut out = Vec::new();
        for r in rows {
            let v = scorecard::result_view_pub(db, r).await?;
            for it in &v.items {
                out.push(vec![
                    v.school_name.clone(),
                    v.year.to_string(),
                    v.method_name.clone(),
                    v.status_name.clone(),
                    v.total.map(points).unwrap_or_default(),
                    v.grade.clone().unwrap_or_default(),
                    (it.index + 1).to_string(),
                    it.name.clone(),
                    it.max_points.to_string(),
                    it.source.clone(),
                    points(it.score.self_points),
                    if v.status == Status::SelfAssessed { String::new() } else { it.score.district_points.map(points).unwrap_or_else(|| points(it.score.self_points)) },
                    it.score.reason.clone(),
                ]);
            }
        }
        Ok(Batch { rows: out, next: if full { last } else { None } })
    })
    .await
}

pub const ACTIVITY_HEADERS: [&str; 8] = ["学校", "日期", "类别", "活动名称", "参与人数", "佐证材料", "审核状态", "审核意见"];

/// The 党建/思政/工匠精神 activity log, newest first by key.
pub async fn activities(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<Vec<u8>> {
    let scope = super::read_scope(ctx)?;
    let names: HashMap<i64, String> = organization::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let names = &names;
    crate::export::xlsx("党建思政活动", &ACTIVITY_HEADERS, |after: Option<i64>| async move {
        let mut q = pa::Entity::find();
        if let Some(own) = scope {
            q = q.filter(pa::Column::SchoolOrgId.eq(own));
        }
        if let Some(a) = after {
            q = q.filter(pa::Column::Id.lt(a));
        }
        let rows = q.order_by_desc(pa::Column::Id).limit(BATCH).all(db).await?;
        Ok(Batch::of(rows, |m| m.id, |m| {
            let status = ActivityStatus::parse(&m.status).unwrap_or(ActivityStatus::Submitted);
            vec![
                names.get(&m.school_org_id).cloned().unwrap_or_default(),
                m.held_on.format("%Y-%m-%d").to_string(),
                KINDS.iter().find(|(k, _)| *k == m.kind).map(|(_, n)| *n).unwrap_or("").to_string(),
                m.title,
                m.participants.to_string(),
                m.evidence,
                status.name_zh().to_string(),
                m.review_note.unwrap_or_default(),
            ]
        }))
    })
    .await
}
