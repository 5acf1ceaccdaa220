//! Demo cooperation and bases (synthetic, labelled 示例 like the rest of the demo zone):
//! confirmed agreements of 中德莱茵智能科技学校 — an order class linked to a published
//! order-class posting, an apprenticeship, a jointly built training base — one of another
//! school, a draft awaiting the school's confirmation; the order-class enterprise in the
//! 产教融合型企业 reserve library; the seed's 中德莱茵科斯特智能制造产教融合基地 with rooms,
//! a workstation and equipment, a school lab offered for sharing, and bookings this month.

use crate::audit::{self, Entry};
use crate::auth::Ctx;
use crate::entity::{base_booking as bb, base_resource as br, coop_agreement as ca, coop_fusion as cf, organization, posting};
use crate::error::AppResult;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

async fn org(db: &DatabaseConnection, name: &str) -> AppResult<Option<organization::Model>> {
    Ok(organization::Entity::find().filter(organization::Column::Name.eq(name)).one(db).await?)
}

struct Demo<'a> {
    kind: &'a str,
    title: &'a str,
    majors: &'a str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    counts: [i32; 8],
}

pub async fn seed(db: &DatabaseConnection) -> AppResult<()> {
    let Some(school) = org(db, "中德莱茵智能科技学校").await? else { return Ok(()) };
    if ca::Entity::find().filter(ca::Column::IsDemo.eq(true)).one(db).await?.is_some() {
        return Ok(());
    }
    let other_school = org(db, "淄博信息工程学校（示例）").await?;
    let base = org(db, "中德莱茵科斯特智能制造产教融合基地（示例）").await?;
    let order_posting = posting::Entity::find()
        .filter(posting::Column::Kind.eq("order_class"))
        .filter(posting::Column::Status.eq("published"))
        .order_by_asc(posting::Column::Id)
        .one(db)
        .await?;
    let apprenticeship = posting::Entity::find()
        .filter(posting::Column::Kind.eq("apprenticeship"))
        .filter(posting::Column::Status.eq("published"))
        .order_by_asc(posting::Column::Id)
        .one(db)
        .await?;
    let enterprises = organization::Entity::find()
        .filter(organization::Column::Kind.eq("enterprise"))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?;
    if enterprises.len() < 4 {
        return Ok(());
    }
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("demo date");
    let order_ent = order_posting.as_ref().map(|p| p.org_id).unwrap_or(enterprises[0].id);
    let appr_ent = apprenticeship.as_ref().map(|p| p.org_id).unwrap_or(enterprises[1].id);
    let platform_ent = enterprises.iter().map(|e| e.id).find(|id| *id != order_ent && *id != appr_ent).unwrap_or(enterprises[2].id);
    let ctx = Ctx::system();
    let now = chrono::Utc::now();
    let tx = db.begin().await?;
    let rows: Vec<(i64, i64, Option<i64>, &str, Demo)> = vec![
        (
            school.id,
            order_ent,
            order_posting.as_ref().map(|p| p.id),
            "confirmed",
            Demo { kind: "order_class", title: "电气设备运行与控制订单班（示例）", majors: "660301,660302", start: d(2024, 9, 1), end: Some(d(2027, 7, 31)), counts: [45, 4, 18, 0, 1, 0, 20, 60] },
        ),
        (
            school.id,
            appr_ent,
            apprenticeship.as_ref().filter(|p| p.org_id == appr_ent).map(|p| p.id),
            "confirmed",
            Demo { kind: "apprenticeship", title: "工业机器人现代学徒制试点（示例）", majors: "660303", start: d(2023, 9, 1), end: Some(d(2028, 7, 31)), counts: [30, 3, 8, 12, 0, 0, 0, 0] },
        ),
        (
            school.id,
            platform_ent,
            None,
            "confirmed",
            Demo { kind: "training_base", title: "智能制造产教融合实训基地共建（示例）", majors: "660103,660201", start: d(2025, 3, 1), end: None, counts: [120, 10, 0, 0, 3, 2, 50, 300] },
        ),
    ];
    let mut all = rows;
    if let Some(o) = &other_school {
        all.push((
            o.id,
            enterprises[3].id,
            None,
            "confirmed",
            Demo { kind: "tech_collaboration", title: "工业软件联合研发（示例）", majors: "710201", start: d(2025, 9, 1), end: Some(d(2027, 8, 31)), counts: [20, 5, 4, 0, 2, 1, 30, 0] },
        ));
    }
    // A draft of an enterprise awaiting 中德莱茵's confirmation.
    all.push((
        school.id,
        enterprises[3].id,
        None,
        "draft",
        Demo { kind: "innovation_platform", title: "新材料检测技术创新平台（示例）", majors: "", start: d(2026, 12, 1), end: None, counts: [0; 8] },
    ));
    for (school_id, ent_id, posting_id, status, demo) in all {
        let [students, teachers, hired, certified, projects, patents, revenue, equipment] = demo.counts;
        let confirmed = status == "confirmed";
        let m = ca::ActiveModel {
            kind: Set(demo.kind.into()),
            title: Set(demo.title.into()),
            school_org_id: Set(school_id),
            enterprise_org_id: Set(ent_id),
            major_codes: Set(demo.majors.into()),
            posting_id: Set(posting_id),
            start_date: Set(demo.start),
            end_date: Set(demo.end),
            students: Set(students),
            teachers: Set(teachers),
            graduates_hired: Set(hired),
            apprentices_certified: Set(certified),
            projects: Set(projects),
            patents: Set(patents),
            revenue_wan: Set(revenue),
            equipment_wan: Set(equipment),
            status: Set(status.into()),
            drafted_by: Set("enterprise".into()),
            school_confirmed_at: Set(confirmed.then_some(now)),
            enterprise_confirmed_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            is_demo: Set(true),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        audit::record(&tx, &ctx, Entry::new("demo", "coop_agreement", m.id, format!("演示数据：校企合作协议 {}", m.title))).await?;
    }
    let facts = super::fusion::Declared {
        registered_in_province: true,
        pays_tax_in_province: true,
        years_operating: 8,
        is_education_company: false,
        major_accident: false,
        on_dishonesty_list: false,
    };
    cf::ActiveModel {
        org_id: Set(order_ent),
        stage: Set("reserve".into()),
        province: Set("山东省".into()),
        facts: Set(serde_json::to_string(&facts).unwrap_or_else(|_| "{}".into())),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;

    // The seed's base, and a school lab offered for sharing.
    let mut resources = Vec::new();
    if let Some(b) = &base {
        for (kind, name, capacity, fee, desc) in [
            ("room", "智能制造实训车间", 40, 200, "柔性生产线、MES 系统，适合整班实训"),
            ("room", "PLC与电气控制实训室", 30, 150, "西门子 S7-1200 实训台 15 套"),
            ("workstation", "工业机器人工作站", 6, 120, "六轴机器人焊接与搬运工作站"),
            ("equipment", "五轴加工中心", 2, 300, "需持数控操作证上机"),
        ] {
            resources.push((b.id, kind, name, capacity, fee, desc));
        }
    }
    resources.push((school.id, "room", "电工电子实训室（学校开放共享）", 40, 80, "中德莱茵智能科技学校开放共享的实训室"));
    let today = (now + chrono::Duration::hours(8)).date_naive();
    let at = |day: NaiveDate, h: u32| day.and_hms_opt(h, 0, 0).expect("demo time");
    let mut first_room = None;
    for (owner, kind, name, capacity, fee, desc) in resources {
        let r = br::ActiveModel {
            owner_org_id: Set(owner),
            kind: Set(kind.into()),
            name: Set(name.into()),
            capacity: Set(capacity),
            hourly_fee: Set(fee),
            description: Set(desc.into()),
            shared: Set(true),
            lock_seq: Set(0),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        first_room.get_or_insert(r);
    }
    if let Some(room) = first_room {
        let first_of_month = today.with_day0(0).unwrap_or(today);
        for (booker, day, from, to, purpose, status) in [
            (school.id, first_of_month, 8, 12, "2024级电气订单班整班实训", "approved"),
            (order_ent, first_of_month + chrono::Duration::days(1), 13, 17, "新员工电气装调培训", "approved"),
            (school.id, today + chrono::Duration::days(3), 9, 12, "技能大赛集训", "pending"),
        ] {
            let minutes = i64::from(to - from) * 60;
            let b = bb::ActiveModel {
                resource_id: Set(room.id),
                booker_org_id: Set(booker),
                starts_at: Set(at(day, from)),
                ends_at: Set(at(day, to)),
                purpose: Set(purpose.into()),
                people: Set(30),
                status: Set(status.into()),
                fee_yuan: Set(zhijiao_domain::bases::fee_yuan(room.hourly_fee as u32, minutes) as i64),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            audit::record(&tx, &ctx, Entry::new("demo", "base_booking", b.id, format!("演示数据：预约 {}", room.name))).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

use chrono::Datelike;
