//! The demo zone: a realistic, clearly labelled picture of Zibo High-tech Zone — the
//! responsible departments of the seed policy, three vocational schools, two general
//! high schools, eight primary and middle schools, forty enterprises of the zone's lead
//! industries, the majors each school offers, a few thousand synthetic students, and
//! one account per role. Every demo row carries `is_demo = true`; names of schools and
//! enterprises that are not from the seed end in （示例）.
//!
//! Sources: research notes §C (lead industries, 中德莱茵智能科技学校); the seed policy
//! for department names; everything else is synthetic and deterministic (fixed seed).

use crate::areas::account::{self, NewUser};
use crate::areas::orgs::{self, OrgInput};
use crate::auth::Ctx;
use crate::config::PasswordCost;
use crate::entity::{organization, school_major, student};
use crate::error::AppResult;
use crate::roles::Role;
use crate::status::OrgStatus;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use zhijiao_domain::catalog::{MajorLevel, catalogs};
use zhijiao_domain::validate::{credit_code_check_char, resident_id_check_char};

pub const DEMO_PASSWORD: &str = "Zhijiao2026";

/// (username, display name, role, organisation name)
pub const DEMO_USERS: [(&str, &str, Role, &str); 6] = [
    ("admin", "区教体中心管理员（演示）", Role::DistrictAdmin, "教育和体育事业中心"),
    ("renshe", "人社中心联络员（演示）", Role::DeptLiaison, "人社中心"),
    ("school", "中德莱茵学校管理员（演示）", Role::SchoolAdmin, "中德莱茵智能科技学校"),
    ("teacher", "王老师（演示）", Role::Teacher, "中德莱茵智能科技学校"),
    ("hr", "企业HR（演示）", Role::EnterpriseHr, "淄博华瓷新材料科技有限公司（示例）"),
    ("student", "李同学（演示）", Role::Student, "中德莱茵智能科技学校"),
];

/// Departments as the seed names them, with the other names they go by.
const DEPARTMENTS: [(&str, &str, &[&str]); 14] = [
    ("district_center", "教育和体育事业中心", &["高新区教育和体育事业中心", "区教体中心", "教体中心"]),
    ("department", "组织人事部", &["高新区组织人事部"]),
    ("department", "宣传新闻中心", &["高新区宣传新闻中心"]),
    ("department", "人社中心", &["人力资源和社会保障中心", "高新区人力资源和社会保障中心", "高新区人社中心"]),
    ("department", "工业信息化和商务局", &["工信商务局", "工业和信息化部门", "高新区工业信息化和商务局"]),
    ("department", "发展和改革局", &["发展改革局", "发改局", "高新区发展和改革局"]),
    ("department", "高新区自然资源和规划分局", &["自然资源和规划分局"]),
    ("department", "城投公司", &["高新区城投公司"]),
    ("department", "科学技术发展中心", &["科技发展中心", "高新区科学技术发展中心"]),
    ("department", "财政金融局", &["高新区财政金融局"]),
    ("department", "市场监督管理局", &["市场监管局"]),
    ("department", "应急管理局", &["高新区应急管理局"]),
    ("department", "四宝山街道", &["四宝山街道办事处"]),
    ("department", "中埠镇", &["中埠镇人民政府"]),
];

/// (name, school type, street, majors at secondary level)
const VOCATIONAL_SCHOOLS: [(&str, &str, &str, &[&str]); 3] = [
    ("中德莱茵智能科技学校", "中职", "370303008", &["660301", "660201", "660303", "660302", "660103", "710201"]),
    ("淄博信息工程学校（示例）", "中职", "370303008", &["710103", "710201", "660703", "730801", "690206"]),
    ("淄博高新区技工学校（示例）", "技工", "370303105", &["670204", "670207", "690201", "690207", "660702"]),
];

const HIGH_SCHOOLS: [&str; 2] = ["淄博高新区第一中学（示例）", "淄博高新区实验高级中学（示例）"];

const PRIMARY_MIDDLE: [&str; 8] = [
    "四宝山街道中心小学（示例）",
    "四宝山街道第二小学（示例）",
    "中埠镇中心小学（示例）",
    "中埠镇第二小学（示例）",
    "高新区实验小学（示例）",
    "高新区第一初级中学（示例）",
    "四宝山街道初级中学（示例）",
    "中埠镇初级中学（示例）",
];

/// Enterprise name stems per lead industry chain, with the GB/T 4754 class they work in.
const ENTERPRISES: [(&str, &str); 40] = [
    ("淄博华瓷新材料科技有限公司", "3089"),
    ("淄博晶澜玻璃有限公司", "3041"),
    ("山东氟硅新材料有限公司", "2662"),
    ("淄博聚合树脂有限公司", "2651"),
    ("淄博碳谷材料科技有限公司", "3091"),
    ("淄博纤维复材有限公司", "3062"),
    ("山东高新功能膜材料有限公司", "2669"),
    ("淄博精陶先进陶瓷有限公司", "3089"),
    ("淄博绿源催化剂有限公司", "2669"),
    ("淄博聚氨酯弹性体有限公司", "2651"),
    ("淄博康华制药有限公司", "2720"),
    ("山东齐鲁原料药科技有限公司", "2710"),
    ("淄博博生生物制药有限公司", "2761"),
    ("淄博新医医疗器械有限公司", "3584"),
    ("淄博健康诊断设备有限公司", "3581"),
    ("淄博华康医用材料有限公司", "3584"),
    ("山东高新制药装备有限公司", "3562"),
    ("淄博安泰生物科技有限公司", "2761"),
    ("淄博仁和药业有限公司", "2720"),
    ("淄博医检科技有限公司", "3581"),
    ("淄博微芯传感科技有限公司", "3983"),
    ("山东齐芯半导体有限公司", "3973"),
    ("淄博恒信智能卡有限公司", "3990"),
    ("淄博光微电子有限公司", "3974"),
    ("淄博云数软件有限公司", "6513"),
    ("淄博精测仪器有限公司", "3983"),
    ("山东微纳光电科技有限公司", "3973"),
    ("淄博数智信息技术有限公司", "6513"),
    ("淄博电子封装科技有限公司", "3990"),
    ("淄博芯联测控有限公司", "4011"),
    ("淄博智造机器人有限公司", "3491"),
    ("山东数控机床有限公司", "3421"),
    ("淄博智洋自动化有限公司", "4011"),
    ("淄博钢构智能装备有限公司", "3311"),
    ("淄博莱茵智能制造有限公司", "3491"),
    ("淄博精工机械有限公司", "3421"),
    ("山东智能产线集成有限公司", "4011"),
    ("淄博工业互联科技有限公司", "6513"),
    ("淄博电气控制设备有限公司", "4011"),
    ("淄博高新智能仓储有限公司", "3491"),
];

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "子涵浩然欣怡宇轩梓萱思远雨桐俊杰诗琪博文佳怡明轩梦瑶志强晓东海燕家豪嘉怡天佑雅婷文博子豪婉清一鸣若曦";

/// Zibo county codes for students' 身份证号 (张店, 淄川, 博山, 临淄, 周村, 桓台).
const COUNTIES: [&str; 6] = ["370303", "370302", "370304", "370305", "370306", "370321"];

pub struct DemoSummary {
    pub organizations: u64,
    pub students: u64,
    pub users: usize,
    pub already_loaded: bool,
}

fn credit_code(rng: &mut StdRng) -> String {
    // 9 = 工商, 1 = 企业, 370303 = 张店区 (the zone), then a 9-character organisation code.
    const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut s = String::from("91370303");
    for _ in 0..9 {
        s.push(ALPHA[rng.random_range(0..ALPHA.len())] as char);
    }
    let check = credit_code_check_char(&s);
    s.push(check);
    s
}

pub fn resident_id(rng: &mut StdRng, birth_year: i32) -> String {
    let county = COUNTIES[rng.random_range(0..COUNTIES.len())];
    let month = rng.random_range(1..=12);
    let day = rng.random_range(1..=28);
    let seq = rng.random_range(1..=999);
    let first17 = format!("{county}{birth_year:04}{month:02}{day:02}{seq:03}");
    let check = resident_id_check_char(&first17);
    format!("{first17}{check}")
}

pub fn chinese_name(rng: &mut StdRng) -> String {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut n = String::new();
    n.push(surnames[rng.random_range(0..surnames.len())]);
    for _ in 0..rng.random_range(1..=2) {
        n.push(given[rng.random_range(0..given.len())]);
    }
    n
}

/// Load the demo zone unless it is there already. `students_per_school` sets the size.
pub async fn load(db: &DatabaseConnection, cost: PasswordCost, students_per_school: usize) -> AppResult<DemoSummary> {
    let ctx = Ctx::system();
    if organization::Entity::find().filter(organization::Column::Name.eq("教育和体育事业中心")).one(db).await?.is_some() {
        return Ok(DemoSummary {
            organizations: organization::Entity::find().count(db).await?,
            students: student::Entity::find().count(db).await?,
            users: DEMO_USERS.len(),
            already_loaded: true,
        });
    }
    let mut rng = StdRng::seed_from_u64(2023_100);
    let tx = db.begin().await?;
    let insert = |input: OrgInput| {
        orgs::validate(&input).unwrap_or_else(|e| panic!("demo organisation {} is invalid: {e:?}", input.name))
    };
    let mut ids = std::collections::HashMap::new();
    for (kind, name, aliases) in DEPARTMENTS {
        let o = insert(OrgInput { kind: kind.into(), name: name.into(), county_code: Some("370303".into()), ..Default::default() });
        let m = orgs::insert(&tx, &ctx, &o, OrgStatus::Active, true).await?;
        for a in aliases {
            orgs::add_alias(&tx, &ctx, m.id, a).await?;
        }
        ids.insert(name.to_string(), m.id);
    }
    let mut schools = Vec::new();
    for (name, school_type, street, majors) in VOCATIONAL_SCHOOLS {
        let o = insert(OrgInput {
            kind: "vocational_school".into(),
            name: name.into(),
            school_type: Some(school_type.into()),
            street_code: Some(street.into()),
            credit_code: Some(credit_code(&mut rng).replacen("91", "12", 1)).map(|c| {
                // 12 = 事业单位 (机构编制): recompute the check character.
                let first17 = &c[..17];
                format!("{first17}{}", credit_code_check_char(first17))
            }),
            contact_phone: Some(format!("0533{:07}", rng.random_range(1_000_000..9_999_999))),
            ..Default::default()
        });
        let m = orgs::insert(&tx, &ctx, &o, OrgStatus::Active, true).await?;
        for code in majors {
            let major = catalogs().major(MajorLevel::Secondary, code).unwrap_or_else(|| panic!("demo major {code}"));
            school_major::ActiveModel {
                org_id: Set(m.id),
                level: Set("secondary".into()),
                major_code: Set(code.to_string()),
                major_name: Set(major.name.clone()),
                start_year: Set(Some(2021)),
                status: Set("active".into()),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
        }
        ids.insert(name.to_string(), m.id);
        schools.push((m.id, majors));
    }
    for name in HIGH_SCHOOLS {
        let o = insert(OrgInput { kind: "high_school".into(), name: name.into(), street_code: Some("370303008".into()), ..Default::default() });
        orgs::insert(&tx, &ctx, &o, OrgStatus::Active, true).await?;
    }
    for name in PRIMARY_MIDDLE {
        let street = if name.contains("中埠") { "370303105" } else { "370303008" };
        let o = insert(OrgInput { kind: "primary_middle_school".into(), name: name.to_string(), street_code: Some(street.into()), ..Default::default() });
        orgs::insert(&tx, &ctx, &o, OrgStatus::Active, true).await?;
    }
    for (i, (stem, industry)) in ENTERPRISES.iter().enumerate() {
        let name = format!("{stem}（示例）");
        let o = insert(OrgInput {
            kind: "enterprise".into(),
            name: name.clone(),
            credit_code: Some(credit_code(&mut rng)),
            industry_code: Some(industry.to_string()),
            street_code: Some(if i % 3 == 0 { "370303105" } else { "370303008" }.into()),
            contact_name: Some(format!("{}经理", chinese_name(&mut rng).chars().next().unwrap_or('王'))),
            contact_phone: Some(format!("13{}{:08}", rng.random_range(3..=9), rng.random_range(0..99_999_999))),
            ..Default::default()
        });
        // Two enterprises await the district's approval, as new registrations do.
        let status = if i >= 38 { OrgStatus::Pending } else { OrgStatus::Active };
        let m = orgs::insert(&tx, &ctx, &o, status, true).await?;
        ids.insert(name, m.id);
    }
    for org in ["行业协会", "培训机构", "实训基地运营方"] {
        let (kind, name) = match org {
            "行业协会" => ("industry_association", "淄博高新区新材料产业协会（示例）"),
            "培训机构" => ("training_institution", "淄博高新区职业技能培训学校（示例）"),
            _ => ("training_base_operator", "中德莱茵科斯特智能制造产教融合基地（示例）"),
        };
        let o = insert(OrgInput { kind: kind.into(), name: name.into(), street_code: Some("370303008".into()), ..Default::default() });
        orgs::insert(&tx, &ctx, &o, OrgStatus::Active, true).await?;
    }

    // Students: three cohorts per school, spread over its majors.
    let now = chrono::Utc::now();
    let mut batch = Vec::new();
    let mut n_students = 0u64;
    for (school_id, majors) in &schools {
        for i in 0..students_per_school {
            let cohort = 2023 + (i % 3) as i32;
            let major = majors[i % majors.len()];
            let birth_year = cohort - 15 - rng.random_range(0..2);
            let id = resident_id(&mut rng, birth_year);
            let gender = if (id.as_bytes()[16] - b'0') % 2 == 1 { "1" } else { "2" };
            let birth = chrono::NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").ok();
            batch.push(student::ActiveModel {
                org_id: Set(*school_id),
                student_no: Set(format!("{cohort}{:05}", i + 1)),
                name: Set(chinese_name(&mut rng)),
                gender_code: Set(gender.into()),
                id_type: Set("1".into()),
                id_number: Set(id),
                birth_date: Set(birth),
                ethnicity_code: Set(Some(if rng.random_range(0..50) == 0 { "03" } else { "01" }.into())),
                political_code: Set(Some(if rng.random_range(0..3) == 0 { "03" } else { "13" }.into())),
                major_level: Set("secondary".into()),
                major_code: Set(major.to_string()),
                class_name: Set(Some(format!("{cohort}级{}{}班", catalogs().major(MajorLevel::Secondary, major).map(|m| m.name.chars().take(2).collect::<String>()).unwrap_or_default(), i % 2 + 1))),
                enrollment_ym: Set(Some(format!("{cohort}-09"))),
                study_years: Set(Some("3".into())),
                phone: Set(Some(format!("13{}{:08}", rng.random_range(3..=9), rng.random_range(0..99_999_999)))),
                status: Set("在读".into()),
                graduation_year: Set(Some(cohort + 3)),
                is_demo: Set(true),
                created_at: Set(now),
                ..Default::default()
            });
            n_students += 1;
            if batch.len() == 500 {
                student::Entity::insert_many(std::mem::take(&mut batch)).exec(&tx).await?;
            }
        }
    }
    if !batch.is_empty() {
        student::Entity::insert_many(batch).exec(&tx).await?;
    }
    crate::audit::record(&tx, &ctx, crate::audit::Entry::new("demo", "system", "demo", format!("载入演示数据：学生 {n_students} 名"))).await?;
    record_demo_destinations(&tx, &ctx, DEMO_GRADUATION_YEAR).await?;
    tx.commit().await?;

    for (username, display, role, org) in DEMO_USERS {
        let org_id = *ids.get(org).unwrap_or_else(|| panic!("demo org {org}"));
        account::add_user(db, &ctx, cost, NewUser { username, display_name: display, password: DEMO_PASSWORD, org_id, roles: &[role] }).await?;
    }
    load_employment(db, &ctx).await?;
    crate::areas::fairs::load_demo(db, &ctx, cost).await?;
    crate::areas::majors::demo::seed(db, &ctx).await?;
    crate::areas::schools::demo::seed(db).await?;
    crate::areas::cooperation::demo::seed(db).await?;
    crate::areas::enlightenment::demo::seed(db, cost).await?;
    crate::areas::training::demo::seed(db).await?;
    crate::areas::general_vocational::seed(db).await?;
    // The demo writes rows in bulk (backdated publications): the report's rollups are
    // computed once from them.
    crate::areas::report::rebuild_rollups(db, &ctx).await?;
    Ok(DemoSummary {
        organizations: organization::Entity::find().count(db).await?,
        students: n_students,
        users: DEMO_USERS.len(),
        already_loaded: false,
    })
}

/// For the showcase (`serve --demo`, `zhijiao demo`): the seed policy imported and
/// accepted by the district administrator, so that tasks and the leadership dashboard
/// have content. Skipped when any policy exists. Tests load the zone without it.
pub async fn accept_seed_policy(db: &DatabaseConnection) -> AppResult<bool> {
    if crate::entity::policy::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let Some(admin) = crate::entity::user::Entity::find().filter(crate::entity::user::Column::Username.eq("admin")).one(db).await? else {
        return Ok(false);
    };
    let ctx = Ctx { user: crate::auth::load_auth_user(db, admin.id).await?, ..Ctx::system() };
    let p = crate::areas::policy::import_seed(db, &ctx).await?;
    crate::areas::policy::accept(db, &ctx, p.id, &crate::areas::policy::AcceptInput::default()).await?;
    Ok(true)
}

/// Posting templates per lead industry chain: (title, 大典 code, wanted majors, skills,
/// pay from, pay to, duties).
type PostingTemplate = (&'static str, &'static str, &'static str, &'static str, i32, i32, &'static str);

const NEW_MATERIALS: [PostingTemplate; 5] = [
    ("陶瓷烧成工", "6-15-05-03", "670204", "窑炉操作,温度曲线控制,安全生产", 5000, 7000, "操作辊道窑和梭式窑，按工艺曲线烧制先进陶瓷制品，记录烧成参数"),
    ("化学检验员", "6-31-03-01", "670207,470201", "化学分析,仪器分析,实验室安全", 4500, 6500, "对原料、中间品和成品进行理化检验，使用液相色谱、红外光谱等仪器出具检验报告"),
    ("化工总控工", "6-11-01-03", "470201,670204", "DCS操作,化工单元操作,应急处置", 5500, 8000, "在中控室监控聚合反应装置，调整工艺参数，处理异常工况"),
    ("质检员", "6-31-03-05", "670207", "来料检验,质量记录,量具使用", 4200, 5800, "负责来料、过程和出厂检验，填写质量记录，参与不合格品评审"),
    ("高分子材料成型操作工", "6-15-05-03", "670204", "挤出成型,注塑,模具更换", 4800, 6800, "操作挤出和注塑设备生产功能膜与复合材料制品，完成换模和首件确认"),
];

const BIO_MEDICINE: [PostingTemplate; 4] = [
    ("药物制剂工", "6-12-03-00", "690201", "GMP,固体制剂,洁净区操作", 4800, 6500, "在D级洁净区完成制粒、压片、包衣等制剂工序，按GMP要求填写批生产记录"),
    ("化学合成制药工", "6-12-01-00", "690201,470201", "合成反应,离心干燥,GMP", 5200, 7500, "操作反应釜、离心机和干燥设备完成原料药合成，控制反应温度和投料"),
    ("药物检验员", "4-08-05-04", "670207,690201", "HPLC,药典方法,数据完整性", 5000, 7000, "按中国药典方法检验原料药和制剂，维护检验仪器，确保数据完整可追溯"),
    ("医疗器械装配工", "6-21-06-01", "690206,690207", "装配调试,洁净车间,质量体系", 4500, 6200, "装配和调试医用设备部件，完成过程检验，执行医疗器械质量管理体系"),
];

const ELECTRONICS: [PostingTemplate; 4] = [
    ("电子设备装接工", "6-25-04-07", "710103", "SMT,回流焊,IPC-A-610", 4500, 6000, "操作贴片机和回流焊设备，完成电路板装接与目检，维护生产线"),
    ("集成电路封装测试工", "6-25-02-06", "710103", "封装工艺,测试程序,静电防护", 5000, 7200, "操作划片、键合和测试设备，完成芯片封装和测试分选"),
    ("软件开发实习生", "4-04-05-01", "710201,510201", "Java,SQL,Linux", 3000, 4000, "参与工业软件模块开发和测试，编写接口文档"),
    ("网络运维员", "4-04-04-02", "710201,510201", "网络配置,Linux,信息安全", 4500, 6500, "维护企业网络与服务器，处理安全告警，编写运维记录"),
];

const EQUIPMENT: [PostingTemplate; 7] = [
    ("电工", "6-31-01-03", "660301,660302,460301", "电工证,PLC编程,电气图纸识读", 5000, 7000, "负责车间供配电和自动化设备的安装、调试与维护，排查电气故障"),
    ("数控车工", "6-18-01-01", "660103,460301", "数控车床,G代码编程,量具使用", 5500, 8000, "操作数控车床加工轴类零件，编制加工程序，进行首件检验"),
    ("数控机床操作调整工", "6-18-01-07", "660103", "加工中心,CAM编程,刀具管理", 6000, 8500, "操作和调整多工序数控加工生产线，优化加工参数，保证零件精度"),
    ("工业机器人操作员", "6-31-07-03", "660303,460305", "示教器编程,机器人离线编程,PLC", 5500, 7500, "使用示教器编制焊接和搬运机器人程序，完成工作站日常运行"),
    ("工业机器人运维员", "6-31-07-01", "660303,460305,660201", "机器人维护,故障诊断,电气装调", 6000, 8000, "对机器人工作站进行点检、保养和故障诊断，参与产线改造"),
    ("焊工", "6-18-02-04", "660301", "焊工证,二氧化碳保护焊,识图", 6000, 9000, "焊接钢结构和设备机架，按图纸完成焊缝检验"),
    ("机修钳工", "6-31-01-02", "660201,660301", "设备维修,钳工技能,液压气动", 5200, 7200, "维护和修理生产设备的机械部分，编制点检计划"),
];

const WAREHOUSE: PostingTemplate =
    ("仓储管理员", "4-02-06-01", "730801", "WMS,出入库管理,叉车证", 4200, 5500, "管理智能立体仓库的出入库和盘点，维护仓储管理系统数据");

fn chain_of(industry: &str) -> &'static [PostingTemplate] {
    match &industry[..2] {
        "30" | "26" => &NEW_MATERIALS,
        "27" | "35" => &BIO_MEDICINE,
        "39" | "65" => &ELECTRONICS,
        _ => &EQUIPMENT,
    }
}

/// Demo postings left as drafts because the equal-treatment check blocks them.
const PROBLEM_DRAFTS: [(&str, &str, &str); 3] = [
    ("仓库搬运工（限男性）", "4-02-06-01", "负责原料和成品装卸搬运。要求本地户口，未婚，年龄35岁以下。"),
    ("储备干部", "6-31-03-05", "仅限985、211院校统招全日制本科，第一学历本科，形象好气质佳。"),
    ("生产操作工", "6-11-01-03", "不招中专、技校毕业生，要求普通高中及以上学历，男性优先。"),
];

/// The employment demo: about sixty published postings of the zone's approved
/// enterprises (titles, skills and wanted majors per industry chain, 大典 occupation
/// codes), a few re-posts inside the 60-day window for the duplicate counts, drafts
/// the equal-treatment check blocks, one posting awaiting review, and the demo
/// student's job-seeking profile.
pub async fn load_employment(db: &DatabaseConnection, ctx: &Ctx) -> AppResult<()> {
    use crate::areas::postings::{self, PostingInput};
    use crate::entity::{posting, student_profile, user};
    let enterprises = organization::Entity::find()
        .filter(organization::Column::Kind.eq("enterprise"))
        .filter(organization::Column::IsDemo.eq(true))
        .filter(organization::Column::Status.eq("active"))
        .order_by_asc(organization::Column::Id)
        .all(db)
        .await?;
    if enterprises.is_empty() {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let today = postings::today();
    let tx = db.begin().await?;
    let mut n = 0usize;
    let mut used: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let kinds = ["fulltime", "fulltime", "internship", "fulltime", "apprenticeship", "fulltime", "order_class"];
    while n < 60 {
        let org = &enterprises[n % enterprises.len()];
        let chain = chain_of(org.industry_code.as_deref().unwrap_or("34"));
        let k = used.entry(org.id).or_insert(0);
        let t = if org.industry_code.as_deref() == Some("3491") && *k == 1 { &WAREHOUSE } else { &chain[(*k + n) % chain.len()] };
        *k += 1;
        let kind = kinds[n % kinds.len()];
        let (title, suffix) = match kind {
            "internship" => (format!("{}（岗位实习）", t.0), "接收职业院校学生岗位实习，配备企业导师，签订三方协议。"),
            "apprenticeship" => (format!("{}（学徒制）", t.0), "实行企业新型学徒制，校企双导师培养，学徒期满考核合格转正。"),
            "order_class" => (format!("{}订单班", t.0), "与职业院校合作开设订单班，在校期间企业参与授课，毕业后直接上岗。"),
            _ => (t.0.to_string(), "缴纳五险一金，提供工作餐和班车。"),
        };
        let headcount = 2 + (n % 5) as i32 * 2;
        let (pay_min, pay_max) = if kind == "internship" { (t.4 * 7 / 10, t.4) } else { (t.4, t.5) };
        let input = PostingInput {
            kind: kind.into(),
            title: title.clone(),
            description: format!(
                "{}。任职要求：熟悉{}，相关专业毕业生优先，性别不限，职业院校毕业生可报名。{}",
                t.6,
                t.3.replace(',', "、"),
                suffix
            ),
            occupation_code: Some(t.1.into()),
            education_level: Some(if n % 4 == 3 { "associate" } else { "secondary" }.into()),
            experience: Some(["none", "lt1", "1_3", "none", "3_5", "ge5"][n % 6].into()),
            headcount: Some(headcount.to_string()),
            pay_min: Some(pay_min.to_string()),
            pay_max: Some(pay_max.to_string()),
            skills: Some(t.3.into()),
            majors: Some(t.2.into()),
            start_date: Some((today + chrono::Duration::days(30 + (n % 4) as i64 * 15)).to_string()),
            deadline: Some((today + chrono::Duration::days(20 + (n * 7 % 60) as i64)).to_string()),
            ..Default::default()
        };
        let v = postings::validate(&input).unwrap_or_else(|e| panic!("demo posting {title}: {e:?}"));
        let m = postings::insert(&tx, ctx, org, &v, true).await?;
        assert!(!m.lint_blocked, "demo posting {title} should pass the equal-treatment check");
        let published = now - chrono::Duration::days((n * 13 % 80) as i64) - chrono::Duration::hours((n % 9) as i64);
        let mut am: posting::ActiveModel = m.into();
        am.status = Set("published".into());
        am.submitted_at = Set(Some(published - chrono::Duration::hours(20)));
        am.reviewed_at = Set(Some(published));
        am.published_at = Set(Some(published));
        am.update(&tx).await?;
        n += 1;
    }
    // Re-posts 20 days after the first: total counts them, unique does not.
    let firsts = posting::Entity::find().filter(posting::Column::IsDemo.eq(true)).filter(posting::Column::Status.eq("published")).all(&tx).await?;
    for first in firsts.iter().filter(|p| p.published_at.is_some_and(|d| d < now - chrono::Duration::days(25))).take(3) {
        let mut copy: posting::ActiveModel = first.clone().into();
        copy.id = sea_orm::ActiveValue::NotSet;
        copy.published_at = Set(first.published_at.map(|d| d + chrono::Duration::days(20)));
        copy.created_at = Set(now);
        let c = copy.insert(&tx).await?;
        let majors = crate::entity::posting_major::Entity::find()
            .filter(crate::entity::posting_major::Column::PostingId.eq(first.id))
            .all(&tx)
            .await?;
        for pm in majors {
            crate::entity::posting_major::ActiveModel { posting_id: Set(c.id), level: Set(pm.level), major_code: Set(pm.major_code), ..Default::default() }
                .insert(&tx)
                .await?;
        }
    }
    // Drafts the check blocks, and one clean posting awaiting review, at the demo HR's enterprise.
    let hr_org = enterprises.iter().find(|o| o.name == "淄博华瓷新材料科技有限公司（示例）").unwrap_or(&enterprises[0]);
    for (i, (title, occ, text)) in PROBLEM_DRAFTS.iter().enumerate() {
        let org = if i == 0 { hr_org } else { &enterprises[(i * 7) % enterprises.len()] };
        let input = PostingInput { kind: "fulltime".into(), title: title.to_string(), description: text.to_string(), occupation_code: Some(occ.to_string()), ..Default::default() };
        let v = postings::validate(&input).unwrap_or_else(|e| panic!("demo draft {title}: {e:?}"));
        postings::insert(&tx, ctx, org, &v, true).await?;
    }
    let input = PostingInput {
        kind: "internship".into(),
        title: "先进陶瓷检测员（岗位实习）".into(),
        description: "对氧化铝、氮化硅陶瓷制品进行尺寸和性能检测。性别不限，职业院校学生可报名。".into(),
        occupation_code: Some("6-31-03-05".into()),
        majors: Some("670207,670204".into()),
        skills: Some("量具使用,检测报告".into()),
        pay_min: Some("3500".into()),
        deadline: Some((today + chrono::Duration::days(45)).to_string()),
        ..Default::default()
    };
    let v = postings::validate(&input).expect("demo submitted posting");
    let m = postings::insert(&tx, ctx, hr_org, &v, true).await?;
    let mut am: posting::ActiveModel = m.into();
    am.status = Set("submitted".into());
    am.submitted_at = Set(Some(now));
    am.update(&tx).await?;

    // The demo student: a register student of 机电技术应用, visible to employers.
    if let Some(u) = user::Entity::find().filter(user::Column::Username.eq("student")).one(&tx).await? {
        let reg = student::Entity::find()
            .filter(student::Column::OrgId.eq(u.org_id))
            .filter(student::Column::MajorCode.eq("660301"))
            .one(&tx)
            .await?;
        student_profile::ActiveModel {
            user_id: Set(u.id),
            org_id: Set(u.org_id),
            student_id: Set(reg.as_ref().map(|r| r.id)),
            major_level: Set("secondary".into()),
            major_code: Set("660301".into()),
            graduation_year: Set(reg.as_ref().and_then(|r| r.graduation_year).or(Some(2026))),
            skills: Set("PLC编程,电气图纸识读,CAD制图".into()),
            certificates: Set(DEMO_CERTIFICATES.into()),
            preferred_locations: Set("370303,370303008".into()),
            preferred_kinds: Set("fulltime,internship,apprenticeship".into()),
            opt_in_visible: Set(true),
            updated_at: Set(now),
        }
        .insert(&tx)
        .await?;
        load_classmates(&tx, &u, now).await?;
    }
    load_school_vetting(&tx, ctx, hr_org.id).await?;
    load_placements(&tx, ctx).await?;
    crate::audit::record(&tx, ctx, crate::audit::Entry::new("demo", "system", "demo", format!("载入演示岗位：{n} 个已发布"))).await?;
    // The caller that runs a server tells its index (`PostingChanges::postings_changed`).
    tx.commit().await?;
    Ok(())
}

/// The demo student's certificates (1+X and 职业技能等级), as the profile stores them.
const DEMO_CERTIFICATES: &str = r#"[{"name":"电工","level":"四级","issuer":"淄博市职业技能鉴定中心（示例）","year":2025},{"name":"工业机器人操作与运维","level":"初级","issuer":"北京新奥时代科技有限责任公司","year":2026},{"name":"低压电工作业证","level":"","issuer":"淄博市应急管理局（示例）","year":2025}]"#;

/// Classmates of the demo student with job-seeking profiles visible to employers, so that
/// "推荐人选" has people to rank: (username, register major, skills, certificates JSON,
/// preferred places). They sign in with the demo password (the demo student's hash).
pub const CLASSMATES: [(&str, &str, &str, &str, &str); 5] = [
    ("student2", "660303", "示教器编程,PLC编程,机器人维护", r#"[{"name":"工业机器人应用编程","level":"中级","issuer":"北京赛育达科教有限责任公司","year":2026}]"#, "370303"),
    ("student3", "660103", "数控车床,G代码编程,量具使用", r#"[{"name":"数控车铣加工","level":"中级","issuer":"武汉华中数控股份有限公司","year":2025}]"#, "370303,370302"),
    ("student4", "660301", "电气图纸识读,PLC编程,设备维修", r#"[{"name":"电工","level":"四级","issuer":"淄博市职业技能鉴定中心（示例）","year":2025}]"#, ""),
    ("student5", "660201", "钳工技能,液压气动,设备维修", "[]", "370305"),
    ("student6", "710201", "Java,SQL,Linux", r#"[{"name":"Web前端开发","level":"初级","issuer":"工业和信息化部教育与考试中心","year":2026}]"#, "370303"),
];

async fn load_classmates<C: sea_orm::ConnectionTrait>(db: &C, student_user: &crate::entity::user::Model, now: chrono::DateTime<chrono::Utc>) -> AppResult<()> {
    use crate::entity::{student_profile, user, user_role};
    for (i, (username, major, skills, certificates, places)) in CLASSMATES.iter().enumerate() {
        let reg = student::Entity::find()
            .filter(student::Column::OrgId.eq(student_user.org_id))
            .filter(student::Column::MajorCode.eq(*major))
            .order_by_desc(student::Column::GraduationYear)
            .order_by_desc(student::Column::Id)
            .one(db)
            .await?;
        let Some(reg) = reg else { continue };
        let u = user::ActiveModel {
            username: Set(username.to_string()),
            display_name: Set(format!("{}（演示）", reg.name)),
            password_hash: Set(student_user.password_hash.clone()),
            org_id: Set(student_user.org_id),
            locale: Set("zh-CN".into()),
            phone: Set(None),
            is_active: Set(true),
            failed_logins: Set(0),
            locked_until: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        user_role::ActiveModel { user_id: Set(u.id), role: Set(Role::Student.key().into()) }.insert(db).await?;
        student_profile::ActiveModel {
            user_id: Set(u.id),
            org_id: Set(u.org_id),
            student_id: Set(Some(reg.id)),
            major_level: Set("secondary".into()),
            major_code: Set(major.to_string()),
            graduation_year: Set(reg.graduation_year),
            skills: Set(skills.to_string()),
            certificates: Set(certificates.to_string()),
            preferred_locations: Set(places.to_string()),
            preferred_kinds: Set(if i % 2 == 0 { "fulltime,apprenticeship" } else { "" }.into()),
            opt_in_visible: Set(true),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// 中德莱茵 approves one enterprise still awaiting the district (淄博高新智能仓储), which
/// publishes a posting aimed at the school's own students; and approves the demo HR's
/// enterprise too.
async fn load_school_vetting<C: sea_orm::ConnectionTrait>(db: &C, ctx: &Ctx, hr_org: i64) -> AppResult<()> {
    use crate::areas::postings::{self, PostingInput};
    use crate::entity::{posting, school_enterprise_approval as sea};
    let school = organization::Entity::find().filter(organization::Column::Name.eq("中德莱茵智能科技学校")).one(db).await?;
    let pending = organization::Entity::find().filter(organization::Column::Name.eq("淄博高新智能仓储有限公司（示例）")).one(db).await?;
    let (Some(school), Some(pending)) = (school, pending) else { return Ok(()) };
    let now = chrono::Utc::now();
    for (ent, note) in [(pending.id, "校企合作订单班企业，经学校实地考察"), (hr_org, "长期实习合作单位")] {
        let a = sea::ActiveModel {
            school_org_id: Set(school.id),
            enterprise_org_id: Set(ent),
            status: Set("approved".into()),
            note: Set(Some(note.into())),
            decided_by: Set(None),
            decided_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        crate::audit::record(db, ctx, crate::audit::Entry::new("school_approve", "school_enterprise_approval", a.id, format!("{} 认可企业（演示）", school.name)).after(&a))
            .await?;
    }
    let input = PostingInput {
        kind: "fulltime".into(),
        title: "设备电工（面向中德莱茵）".into(),
        description: "负责电气控制柜装配调试和产线电气维护。性别不限，职业院校毕业生可报名。面向中德莱茵智能科技学校应届毕业生。".into(),
        occupation_code: Some("6-31-01-03".into()),
        education_level: Some("secondary".into()),
        headcount: Some("4".into()),
        pay_min: Some("5000".into()),
        pay_max: Some("6800".into()),
        // No wanted majors: the match is made through the occupation's crosswalk
        // ("专业对口：机电技术应用 → 电工（6-31-01-03）").
        skills: Some("PLC编程,电气图纸识读,电工".into()),
        deadline: Some((postings::today() + chrono::Duration::days(40)).to_string()),
        target_school_id: Some(school.id.to_string()),
        ..Default::default()
    };
    let v = postings::validate(&input).expect("demo aimed posting");
    let m = postings::insert(db, ctx, &pending, &v, true).await?;
    let mut am: posting::ActiveModel = m.into();
    am.status = Set("published".into());
    am.submitted_at = Set(Some(now - chrono::Duration::days(2)));
    am.reviewed_at = Set(Some(now - chrono::Duration::days(1)));
    am.published_at = Set(Some(now - chrono::Duration::days(1)));
    am.update(db).await?;
    Ok(())
}

/// Two 岗位实习 placements of 中德莱茵 students at the demo HR's enterprise: one confirmed
/// and compliant, one recorded with violations (pay under 80%, no agreement) that the
/// district's list shows.
async fn load_placements<C: sea_orm::ConnectionTrait>(db: &C, ctx: &Ctx) -> AppResult<()> {
    use crate::entity::internship_placement as ip;
    use zhijiao_domain::internship::{InternshipKind, InternshipRules, Placement, check_placement};
    let school = organization::Entity::find().filter(organization::Column::Name.eq("中德莱茵智能科技学校")).one(db).await?;
    let host = organization::Entity::find().filter(organization::Column::Name.eq("淄博华瓷新材料科技有限公司（示例）")).one(db).await?;
    let (Some(school), Some(host)) = (school, host) else { return Ok(()) };
    let students = student::Entity::find()
        .filter(student::Column::OrgId.eq(school.id))
        .filter(student::Column::GraduationYear.eq(2027))
        .order_by_asc(student::Column::Id)
        .all(db)
        .await?;
    let now = chrono::Utc::now();
    let start = crate::areas::postings::today() - chrono::Duration::days(20);
    // (pay, agreement, confirmed)
    for (st, (pay, agreement, confirmed)) in students.iter().skip(2).zip([(3600, true, true), (2500, false, false)]) {
        let grade = st.enrollment_ym.as_deref().and_then(|ym| zhijiao_domain::profile::grade_on(ym, start)).unwrap_or(3);
        let category: String = st.major_code.chars().take(2).collect();
        let placement = Placement {
            host_staff: 320,
            host_interns_including_this: 6,
            position_staff: 40,
            position_interns_including_this: 3,
            monthly_pay_yuan: Some(pay),
            same_post_wage_yuan: Some(4200),
            tripartite_agreement: agreement,
            student_major_category: category.clone(),
            post_major_categories: vec![category.clone()],
            student_grade: grade,
            kind: InternshipKind::Post,
        };
        let violations: Vec<serde_json::Value> = check_placement(&placement, &InternshipRules::default())
            .into_iter()
            .map(|v| serde_json::json!({"rule": v.rule, "message_zh": v.message_zh, "basis": v.basis}))
            .collect();
        let m = ip::ActiveModel {
            school_org_id: Set(school.id),
            student_id: Set(st.id),
            host_org_id: Set(host.id),
            posting_id: Set(None),
            kind: Set("post".into()),
            position_title: Set("设备维护（岗位实习）".into()),
            host_staff: Set(320),
            host_interns_other: Set(5),
            position_staff: Set(40),
            position_interns_other: Set(2),
            monthly_pay: Set(Some(pay as i32)),
            same_post_wage: Set(Some(4200)),
            agreement_signed: Set(agreement),
            agreement_no: Set(agreement.then(|| format!("ZDLY-2026-{:03}", st.id % 1000))),
            student_grade: Set(i32::from(grade)),
            student_category: Set(category.clone()),
            post_categories: Set(category),
            start_date: Set(start),
            end_date: Set(Some(start + chrono::Duration::days(180))),
            status: Set(if confirmed && violations.is_empty() { "confirmed" } else { "recorded" }.into()),
            violations: Set(serde_json::Value::Array(violations).to_string()),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            confirmed_by: Set(None),
            confirmed_at: Set(confirmed.then_some(now)),
            is_demo: Set(true),
            ..Default::default()
        }
        .insert(db)
        .await?;
        crate::audit::record(db, ctx, crate::audit::Entry::new("create", "internship_placement", m.id, format!("演示实习安排：{}", st.name))).await?;
    }
    Ok(())
}

/// The demo cohort that has graduated (enrolled 2023, three-year programmes).
pub const DEMO_GRADUATION_YEAR: i32 = 2026;

/// 毕业去向 of the demo's graduating cohort, initial (8/31) and year-end (12/31): most go
/// on to study (境内升学, which the 中职 definition counts as employed), some sign labour
/// contracts with demo enterprises (in an occupation of their major's crosswalk, or a
/// sales job that is not), one in twenty joins the army or works in Jinan, a few seek work
/// at 8/31 and have found it by 12/31. The cohort's register status becomes 毕业.
async fn record_demo_destinations<C: sea_orm::ConnectionTrait>(db: &C, ctx: &Ctx, year: i32) -> AppResult<u64> {
    use crate::areas::destinations::{self as dest, DestinationInput, Employer, Graduate};
    use crate::entity::graduate_destination as gd;
    let graduates = student::Entity::find().filter(student::Column::GraduationYear.eq(year)).all(db).await?;
    let employers: Vec<organization::Model> = organization::Entity::find()
        .filter(organization::Column::Kind.eq("enterprise"))
        .filter(organization::Column::Status.eq("active"))
        .all(db)
        .await?;
    let now = chrono::Utc::now();
    let mut batch = Vec::new();
    for (i, st) in graduates.iter().enumerate() {
        let aligned = catalogs()
            .occupations_for_major(MajorLevel::Secondary, &st.major_code)
            .first()
            .map(|o| o.code.clone())
            .unwrap_or_else(|| "6-31-01-03".into());
        let employer = &employers[i % employers.len()];
        for (snap, key) in [(zhijiao_domain::employment::Snapshot::Initial, "initial"), (zhijiao_domain::employment::Snapshot::YearEnd, "year_end")] {
            let slot = i % 20;
            let (code, org, occupation, county) = match slot {
                0..=11 => ("80", None, None, None),
                12..=15 => ("11", Some(employer), Some(aligned.clone()), None),
                16 => ("11", Some(employer), Some("4-01-02-01".to_string()), None),
                17 => ("10", None, Some(aligned.clone()), Some("370102")),
                18 => ("46", None, None, None),
                _ if snap == zhijiao_domain::employment::Snapshot::Initial => ("70", None, None, None),
                _ => ("11", Some(employer), Some(aligned.clone()), None),
            };
            let input = DestinationInput {
                student_no: st.student_no.clone(),
                graduation_year: year.to_string(),
                snapshot: key.into(),
                destination: code.into(),
                employer_name: match (org, county) {
                    (Some(o), _) => Some(o.name.clone()),
                    (None, Some(_)) => Some("济南智能装备有限公司（示例）".into()),
                    _ => None,
                },
                occupation_code: occupation,
                county: county.map(String::from),
                ..Default::default()
            };
            let checked = dest::check(&input).unwrap_or_else(|e| panic!("demo destination is invalid: {e:?}"));
            batch.push(dest::to_active_model(&checked, &Graduate::from(st), org.map(Employer::from).as_ref(), "import", None, now));
        }
        if batch.len() >= 500 {
            gd::Entity::insert_many(std::mem::take(&mut batch)).exec(db).await?;
        }
    }
    let n = graduates.len() as u64;
    if !batch.is_empty() {
        gd::Entity::insert_many(batch).exec(db).await?;
    }
    student::Entity::update_many()
        .col_expr(student::Column::Status, sea_orm::sea_query::Expr::value("毕业"))
        .filter(student::Column::GraduationYear.eq(year))
        .exec(db)
        .await?;
    crate::audit::record(db, ctx, crate::audit::Entry::new("demo", "graduate_destination", year, format!("载入演示毕业去向：{year}届 {n} 名"))).await?;
    Ok(n)
}
