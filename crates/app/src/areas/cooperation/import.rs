//! Agreements in and out of Excel. A party imports its agreements as drafts for the other
//! side to confirm; the import is all-or-nothing (any bad row → nothing written, every
//! problem named by row and column).

use super::{AgreementInput, AgreementView, Side, check, field_label, insert_draft, writer};
use crate::auth::Ctx;
use crate::error::{AppError, AppResult, FieldError};
use crate::xlsx::Column;
use sea_orm::{DatabaseConnection, TransactionTrait};

/// The template's columns (headers are the form's field names).
pub const COLUMNS: [Column; 14] = [
    Column { key: "kind", header: "合作形式", required: true, help: "订单班/冠名班、现代学徒制、共建实训基地、共建技术技能创新平台/技术转移机构/创新创业空间、技术协作与产品研发、企业办学/合办、企业托管、政校企行/行企校" },
    Column { key: "title", header: "协议名称", required: true, help: "不超过100字" },
    Column { key: "partner", header: "合作方", required: true, help: "学校填企业全称，企业填职业院校全称（须是平台上的单位）" },
    Column { key: "majors", header: "涉及专业", required: false, help: "中职专业目录名称，多个用顿号分隔，如 电气设备运行与控制、工业机器人技术应用" },
    Column { key: "start_date", header: "开始日期", required: true, help: "如 2026-09-01" },
    Column { key: "end_date", header: "结束日期", required: false, help: "如 2029-07-31，长期协议留空" },
    Column { key: "students", header: "参与学生人数", required: false, help: "整数" },
    Column { key: "teachers", header: "参与教师人数", required: false, help: "整数" },
    Column { key: "graduates_hired", header: "录用毕业生人数", required: false, help: "整数" },
    Column { key: "apprentices_certified", header: "学徒出师/取证人数", required: false, help: "整数" },
    Column { key: "projects", header: "合作项目数", required: false, help: "整数" },
    Column { key: "patents", header: "专利数", required: false, help: "整数" },
    Column { key: "revenue_wan", header: "到账经费（万元）", required: false, help: "整数" },
    Column { key: "equipment_wan", header: "捐赠设备（万元）", required: false, help: "整数" },
];

pub fn template() -> AppResult<Vec<u8>> {
    let kinds = zhijiao_domain::cooperation::AgreementKind::ALL.iter().map(|k| (k.label().to_string(), k.label().to_string())).collect();
    crate::xlsx::template("校企合作协议", &COLUMNS, &[("合作形式", kinds)]).map_err(|e| AppError::Internal(e.into()))
}

/// The export's header row and the rows of `views`.
pub fn export(views: &[AgreementView]) -> AppResult<Vec<u8>> {
    let headers = [
        "编号", "合作形式", "协议名称", "学校", "企业", "行业协会", "涉及专业", "关联岗位", "开始日期", "结束日期", "参与学生人数", "参与教师人数", "录用毕业生人数",
        "学徒出师/取证人数", "合作项目数", "专利数", "到账经费（万元）", "捐赠设备（万元）", "状态",
    ];
    let rows = views.iter().map(|v| {
        vec![
            v.id.to_string(),
            v.kind_label.clone(),
            v.title.clone(),
            v.school_name.clone(),
            v.enterprise_name.clone(),
            v.association_name.clone().unwrap_or_default(),
            v.majors.join("、"),
            v.posting_title.clone().unwrap_or_default(),
            v.start_date.clone(),
            v.end_date.clone().unwrap_or_default(),
            v.students.to_string(),
            v.teachers.to_string(),
            v.graduates_hired.to_string(),
            v.apprentices_certified.to_string(),
            v.projects.to_string(),
            v.patents.to_string(),
            v.revenue_wan.to_string(),
            v.equipment_wan.to_string(),
            v.status_label.clone(),
        ]
    });
    crate::xlsx::export("校企合作协议", &headers, rows).map_err(|e| AppError::Internal(e.into()))
}

/// Import a workbook of the template's shape; returns the number of drafts written.
pub async fn run(db: &DatabaseConnection, ctx: &Ctx, bytes: &[u8]) -> AppResult<usize> {
    let (u, side) = writer(ctx)?;
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    crate::xlsx::stream_rows(bytes, |n, cells| rows.push((n, cells)))
        .map_err(|e| AppError::Validation(vec![FieldError::new("文件", e.to_string())]))?;
    let Some((_, header)) = rows.first().cloned() else {
        return Err(AppError::Validation(vec![FieldError::new("文件", "文件是空的")]));
    };
    let positions = crate::xlsx::map_headers(&header, &COLUMNS).map_err(AppError::Validation)?;
    if rows.len() < 2 {
        return Err(AppError::Validation(vec![FieldError::new("文件", "没有数据行")]));
    }
    if rows.len() > 1001 {
        return Err(AppError::Validation(vec![FieldError::new("文件", "一次最多导入1000行")]));
    }
    let partner_kind = if side == Side::School { "enterprise" } else { "vocational_school" };
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (row_no, cells) in rows.iter().skip(1) {
        let cell = |key: &str| -> String {
            let i = COLUMNS.iter().position(|c| c.key == key).expect("column");
            positions[i].and_then(|p| cells.get(p)).cloned().unwrap_or_default()
        };
        let mut row_errors = Vec::new();
        let partner_name = cell("partner");
        let partner_id = match crate::areas::orgs::resolve(db, &partner_name).await? {
            Some(o) if o.kind == partner_kind => o.id.to_string(),
            Some(_) => {
                row_errors.push(FieldError::new("合作方", format!("“{partner_name}”不是{}", if side == Side::School { "企业" } else { "职业院校" })));
                String::new()
            }
            None if partner_name.is_empty() => String::new(),
            None => {
                row_errors.push(FieldError::new("合作方", format!("平台上没有“{partner_name}”")));
                String::new()
            }
        };
        let input = AgreementInput {
            kind: cell("kind"),
            title: cell("title"),
            partner_org_id: partner_id,
            majors: cell("majors").split(['、', ',', '，', ';', '；']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            start_date: cell("start_date"),
            end_date: cell("end_date"),
            students: cell("students"),
            teachers: cell("teachers"),
            graduates_hired: cell("graduates_hired"),
            apprentices_certified: cell("apprentices_certified"),
            projects: cell("projects"),
            patents: cell("patents"),
            revenue_wan: cell("revenue_wan"),
            equipment_wan: cell("equipment_wan"),
            ..Default::default()
        };
        match check(&input) {
            Ok(c) if row_errors.is_empty() => checked.push((*row_no, c)),
            Ok(_) => {}
            // The partner's own message is clearer than "请选择合作方".
            Err(es) => row_errors.extend(es.into_iter().filter(|e| e.field != field_label("partner_org_id") || partner_name.is_empty())),
        }
        errors.extend(row_errors.into_iter().map(|mut e| {
            e.row = Some(*row_no);
            e
        }));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let tx = db.begin().await?;
    for (row_no, c) in &checked {
        if let Err(e) = insert_draft(&tx, ctx, u, side, c, None).await {
            return Err(match e {
                AppError::Validation(es) => AppError::Validation(
                    es.into_iter()
                        .map(|mut f| {
                            f.row = Some(*row_no);
                            f
                        })
                        .collect(),
                ),
                other => other,
            });
        }
    }
    tx.commit().await?;
    Ok(checked.len())
}
