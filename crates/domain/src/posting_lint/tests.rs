use super::*;

/// Sentences that must fire, with the exact set of rule keys expected (sorted).
const POSITIVE: &[(&str, &[&str])] = &[
    // gender
    ("限男", &["gender"]),
    ("本岗位限女，有责任心。", &["gender"]),
    ("男性优先", &["gender"]),
    ("仅限女性，熟练使用办公软件", &["gender"]),
    ("只招男生，能吃苦耐劳", &["gender"]),
    ("男士优先，有驾照", &["gender"]),
    ("性别：男", &["gender"]),
    ("性别要求：女", &["gender"]),
    ("招聘女性员工2名", &["gender"]),
    ("女性勿扰，需经常出差", &["gender"]),
    ("不招女工", &["gender"]),
    ("急招男工若干名", &["gender"]),
    ("要求男性", &["gender"]),
    ("招聘文员，女，25岁以下", &["age", "gender"]),
    ("岗位要求：男", &["gender"]),
    // marriage_childbearing
    ("要求未婚", &["marriage_childbearing"]),
    ("已婚已育者优先", &["marriage_childbearing"]),
    ("孕妇勿扰", &["marriage_childbearing"]),
    ("入职体检包括妊娠检查", &["marriage_childbearing"]),
    ("签约后三年内不生育", &["marriage_childbearing"]),
    ("要求2年内不得怀孕", &["marriage_childbearing"]),
    ("暂无生育计划者优先", &["marriage_childbearing"]),
    ("有二胎计划者勿扰", &["marriage_childbearing"]),
    ("限单身", &["marriage_childbearing"]),
    ("婚否：未婚", &["marriage_childbearing"]),
    (
        "入职体检项目：血常规、肝功能、妊娠测试",
        &["marriage_childbearing"],
    ),
    ("已婚女性优先", &["gender", "marriage_childbearing"]),
    // school_tier
    ("985院校毕业", &["school_tier"]),
    ("211及以上", &["school_tier"]),
    ("仅限双一流高校", &["school_tier"]),
    ("要求985、211院校本科及以上学历", &["school_tier"]),
    ("毕业于985/211高校优先", &["school_tier"]),
    ("名校毕业生优先考虑", &["school_tier"]),
    ("须为“双一流”建设高校毕业生", &["school_tier"]),
    ("一本院校毕业", &["school_tier"]),
    ("限985", &["school_tier"]),
    ("QS前100高校毕业", &["school_tier"]),
    ("985、211优先", &["school_tier"]),
    ("本科及以上学历，双一流优先", &["school_tier"]),
    // hukou
    ("限本地户口", &["hukou"]),
    ("需淄博户籍", &["hukou"]),
    ("要求具有山东省户籍", &["hukou"]),
    ("本地户口优先", &["hukou"]),
    ("外地人勿扰", &["hukou"]),
    ("户籍：淄博市", &["hukou"]),
    ("农村户口勿扰", &["hukou"]),
    ("户籍须为淄博市", &["hukou"]),
    ("本地人优先", &["hukou"]),
    ("需本地人", &["hukou"]),
    // ethnicity
    ("限汉族", &["ethnicity"]),
    ("少数民族勿扰", &["ethnicity"]),
    ("民族：汉族", &["ethnicity"]),
    ("汉族优先", &["ethnicity"]),
    ("新疆籍人员一律不录用", &["ethnicity"]),
    ("维吾尔族求职者不予考虑", &["ethnicity"]),
    // religion
    ("信仰伊斯兰教者勿扰", &["religion"]),
    ("要求无宗教信仰", &["religion"]),
    ("有宗教信仰者勿扰", &["religion"]),
    ("限基督徒", &["religion"]),
    ("宗教信仰：无", &["religion"]),
    ("不信教者优先", &["religion"]),
    // hbv
    ("乙肝携带者勿扰", &["hbv"]),
    ("入职体检含乙肝两对半", &["hbv"]),
    ("无乙肝等传染病", &["hbv"]),
    ("乙肝病毒携带者不予录用", &["hbv"]),
    ("HBV阳性者免谈", &["hbv"]),
    ("需提供乙肝五项检查报告", &["hbv"]),
    ("要求乙肝阴性", &["hbv"]),
    // vocational_exclusion
    ("职业院校毕业生勿扰", &["vocational_exclusion"]),
    ("不招技校生", &["vocational_exclusion"]),
    ("仅限普通高校毕业生", &["vocational_exclusion"]),
    ("中职毕业生不予录用", &["vocational_exclusion"]),
    ("只招普通高中毕业生", &["vocational_exclusion"]),
    ("职高学历免谈", &["vocational_exclusion"]),
    ("中专学历不能报名", &["vocational_exclusion"]),
    ("要求非技校毕业", &["vocational_exclusion"]),
    ("高职院校毕业生除外", &["vocational_exclusion"]),
    ("不要技校的", &["vocational_exclusion"]),
    ("限普通高中及以上学历", &["vocational_exclusion"]),
    // fulltime_only
    ("全日制本科及以上学历", &["fulltime_only"]),
    ("统招本科", &["fulltime_only"]),
    ("要求全日制", &["fulltime_only"]),
    ("自考学历勿扰", &["fulltime_only"]),
    ("不认可函授学历", &["fulltime_only"]),
    ("全日制统招大专以上", &["fulltime_only"]),
    (
        "仅限统招本科毕业生",
        &["fulltime_only", "vocational_exclusion"],
    ),
    // first_degree
    ("第一学历为本科", &["first_degree"]),
    ("要求第一学历985", &["first_degree", "school_tier"]),
    ("初始学历须为本科", &["first_degree"]),
    ("本硕一致", &["first_degree"]),
    ("第一学历全日制本科", &["first_degree", "fulltime_only"]),
    // age
    ("35岁以下", &["age"]),
    ("年龄18-30岁", &["age"]),
    ("限25周岁以内", &["age"]),
    ("年龄要求：20至35周岁", &["age"]),
    ("不超过40周岁", &["age"]),
    ("90后优先", &["age"]),
    ("三十五岁以下", &["age"]),
    ("年龄在45岁以上的勿扰", &["age"]),
    ("年满22周岁", &["age"]),
    ("年龄：18岁以上，45岁以下", &["age"]),
    ("00后", &["age"]),
    // appearance
    ("身高165cm以上", &["appearance"]),
    ("五官端正", &["appearance"]),
    ("形象气质佳", &["appearance"]),
    ("男身高175以上，相貌端正", &["appearance"]),
    ("身高1.60米以上", &["appearance"]),
    ("长相甜美，身材匀称", &["appearance"]),
    ("颜值高者优先", &["appearance"]),
    // combinations
    (
        "限男，35岁以下，本地户口，身高170cm以上，985院校毕业",
        &["age", "appearance", "gender", "hukou", "school_tier"],
    ),
    ("男性优先，年龄不限", &["gender"]),
    ("限女 学历不限", &["gender"]),
    (
        "岗位要求：女性，25岁以下，未婚，形象好",
        &["age", "appearance", "gender", "marriage_childbearing"],
    ),
    (
        "岗位：前台文员 要求：女，22-28岁，身高160以上，形象气质佳，未婚优先",
        &["age", "appearance", "gender", "marriage_childbearing"],
    ),
];

/// Sentences that must not fire: negations, neutral numbers, benefits.
const NEGATIVE: &[&str] = &[
    "性别不限",
    "男女不限",
    "不限性别",
    "性别：男女不限",
    "性别要求：男女均可",
    "不限男女，能吃苦耐劳",
    "男女比例均衡",
    "提供女职工休息室",
    "女职工享受产假、哺乳假",
    "男女同工同酬",
    "户籍不作要求",
    "不限户籍",
    "户籍不限",
    "可协助办理淄博户口",
    "入职需提供户口本复印件",
    "社保缴纳至户籍所在地",
    "职业院校毕业生可报名",
    "欢迎中职毕业生",
    "技校毕业生优先",
    "中职、高职、本科毕业生均可",
    "与多所职业院校开展校企合作",
    "不限普通高校或职业院校",
    "婚育情况不限",
    "已婚未婚均可",
    "已婚员工可申请夫妻宿舍",
    "不得询问求职者婚育情况",
    "为孕期员工提供保护",
    "入职体检不含妊娠检查",
    "学历不限",
    "年龄不限",
    "211室",
    "985号",
    "型号211",
    "G211国道",
    "办公地点：高新区985号",
    "联系电话：0533-2110985",
    "沿211国道向东500米",
    "不限985/211，看重能力",
    "不唯名校，注重实践能力",
    "乙肝疫苗接种",
    "公司为员工免费接种乙肝疫苗",
    "入职体检不查乙肝两对半",
    "欢迎乙肝携带者",
    "乙肝携带者可正常报名",
    "无乙肝歧视",
    "提供全日制学历提升机会",
    "本岗位为非全日制用工",
    "全日制、非全日制学历均可",
    "全日制学历不限",
    "第一学历不限",
    "不看第一学历",
    "对第一学历不作要求",
    "民族不限",
    "欢迎少数民族求职者",
    "少数民族同胞优先",
    "尊重少数民族风俗习惯，提供清真餐",
    "宗教信仰不限",
    "尊重员工宗教信仰",
    "无宗教信仰要求",
    "年满18周岁",
    "16周岁以上",
    "年龄18周岁以上",
    "提供18天带薪年假",
    "3年以上工作经验",
    "身高不限",
    "无身高要求",
    "提升企业形象",
    "公司品牌形象良好",
    "淄博某某科技有限公司女装事业部",
    "合同期限三年",
    "售后服务工程师",
    "一本书",
    "与重点大学合作研发",
    "淄博户籍员工可享受人才公寓",
    "须如实填写户籍信息",
    "平均年龄28岁",
    "招聘女生宿舍管理员",
    "需维吾尔语翻译",
    "五险一金（含生育保险）",
    "已有985名学员结业",
    "已婚员工享受探亲假",
    "为已婚员工提供夫妻房",
    "孕期女职工不安排夜班",
    "怀孕员工可申请调岗",
    "1990后",
    "工作时间9-18点",
    "211路公交可达",
    "工作地点：高新区中润大道211号",
    "毕业院校：不限",
    "无户籍限制",
    "回族员工可申请清真餐",
    "信仰自由",
    "体检不含乙肝五项",
    "乙肝检测项目已取消",
    "技校毕业即可",
    "全日制用工",
    "非全日制岗位，时薪30元",
    "支持员工攻读全日制硕士",
    "注重职业形象",
    "上限35人",
    "倡导男女平等",
    "要求男女搭配，男、女均可",
    "提供男、女宿舍",
    "男、女不限",
];

/// Restrictions phrased as people write them, read by the clause pass (issue 15): a protected
/// attribute inside a requirement clause, with words between it and 优先/适合/不招收 ….
/// (sentence, exact sorted rule keys)
const CLAUSE_POSITIVE: &[(&str, &[&str])] = &[
    // 民族: a bare ethnic group among the requirements, or preferred/excluded.
    ("招聘条件：高中以上学历、汉族、身体健康", &["ethnicity"]),
    (
        "任职要求：1、年满18周岁；2、汉族；3、吃苦耐劳",
        &["ethnicity"],
    ),
    ("应聘条件：初中及以上文化，回族，能适应倒班", &["ethnicity"]),
    ("岗位要求：\n蒙古族\n持C1驾照", &["ethnicity"]),
    ("要求本人为汉族，有驾照", &["ethnicity"]),
    ("招聘条件：维吾尔族、哈萨克族人员除外", &["ethnicity"]),
    ("本岗位不适合少数民族人员", &["ethnicity"]),
    ("同等条件下汉族应聘者优先考虑", &["ethnicity"]),
    ("报名条件：具有本科学历、满族或蒙古族", &["ethnicity"]),
    ("招聘保安2名，汉族，退伍军人优先", &["ethnicity"]),
    ("基本条件：壮族、年龄25岁以下", &["age", "ethnicity"]),
    ("不接受少数民族员工", &["ethnicity"]),
    ("土家族、苗族求职者恕不考虑", &["ethnicity"]),
    (
        "任职资格：\n1. 大专及以上学历\n2. 朝鲜族，会韩语\n3. 有外贸经验",
        &["ethnicity"],
    ),
    ("3、限招汉族员工", &["ethnicity"]),
    // 性别: "suitable" or preferred with words between, or excluded.
    ("女性应聘者优先考虑", &["gender"]),
    ("此岗位更适合女性", &["gender"]),
    ("该职位适合男生，需经常出差", &["gender"]),
    ("有相关经验的男性求职者优先", &["gender"]),
    ("工作强度大，更适合男同志", &["gender"]),
    ("同等条件下男性员工优先录用", &["gender"]),
    ("优先录用女性", &["gender"]),
    ("岗位适合细心的女孩子", &["gender"]),
    ("女士不适合本岗位", &["gender"]),
    ("任职条件：男士，持C1驾照", &["gender"]),
    ("本岗位以男性为主", &["gender"]),
    ("男生最好，能适应夜班", &["gender"]),
    ("希望是女性，性格开朗", &["gender"]),
    ("女性求职者恕不考虑", &["gender"]),
    (
        "招聘条件：\n1、男女青年，男青年优先\n2、高中以上",
        &["gender"],
    ),
    ("车间操作岗，女工较为合适", &["gender"]),
    // 宗教信仰: exclusion of believers, phrased as 不招收/不接受 ….
    ("不招收有宗教信仰的人员", &["religion"]),
    ("不接受宗教信仰人士", &["religion"]),
    ("本单位不招录信仰宗教者", &["religion"]),
    ("佛教、基督教信徒不适合此岗位", &["religion"]),
    ("穆斯林不宜从事本岗位", &["religion"]),
    ("不接收宗教人士", &["religion"]),
    ("招聘条件：非宗教人士", &["religion"]),
    ("应聘者须无宗教信仰", &["religion"]),
    ("有宗教信仰的求职者请勿投递", &["religion"]),
    ("基本条件：政治立场坚定，不信教", &["religion"]),
    ("信仰伊斯兰教的应聘者不予考虑", &["religion"]),
    ("本岗位不招聘宗教信徒", &["religion"]),
    ("天主教徒恕不录用", &["religion"]),
    ("任职要求：\n- 本科学历\n- 无任何宗教信仰", &["religion"]),
    ("要求应聘者不信仰宗教", &["religion"]),
    // 婚育, 户籍, 学校层次, 职业院校 read the same way.
    ("招聘条件：单身，能适应出差", &["marriage_childbearing"]),
    ("近两年没有生育打算的优先", &["marriage_childbearing"]),
    ("应聘条件：张店区户籍", &["hukou"]),
    ("外地户籍的求职者不予考虑", &["hukou"]),
    ("持有高新区户口的优先", &["hukou"]),
    ("名牌大学硕士研究生优先录用", &["school_tier"]),
    ("任职要求：本科学历，211", &["school_tier"]),
    ("职业院校学生不在考虑范围", &["vocational_exclusion"]),
    ("中专生不适合此岗位", &["vocational_exclusion"]),
    ("普通高校毕业生优先", &["vocational_exclusion"]),
    ("优先录用普通本科院校毕业生", &["vocational_exclusion"]),
    ("本岗位需倒班，女性慎投", &["gender"]),
    (
        "任职要求：\n1. 年龄18-45周岁，男性\n2. 初中以上学历\n3. 能吃苦耐劳\n薪资待遇：4500-6000元",
        &["age", "gender"],
    ),
    ("任职要求：适应倒班，本岗位为男性岗位", &["gender"]),
    (
        "招聘岗位：普工10名。招聘条件：男女不限，18-50周岁，少数民族需会普通话",
        &["age", "ethnicity"],
    ),
];

/// Neutral, negated, welfare and legal clauses that mention a protected attribute and must
/// not fire.
const CLAUSE_NEGATIVE: &[&str] = &[
    "宿舍分男女，每间4人",
    "尊重员工宗教信仰，食堂设清真窗口",
    "男女不限，25人",
    "少数民族优先",
    "同等条件下少数民族考生优先录用",
    "不限户籍，外地员工提供住宿",
    "招聘条件：身体健康，民族不限",
    "任职要求：性别不限，有相关工作经验",
    "女职工享受国家规定的产假和哺乳假",
    "公司严禁任何形式的民族、宗教歧视",
    "依法保障女职工权益",
    "熟悉回族风俗习惯者优先",
    "招聘条件：中职及以上学历，技工院校毕业生可报名",
    "职业院校毕业生优先",
    "任职要求：高中、中专、技校学历均可",
    "我们与多所重点高校建立了合作关系",
    "提供单身公寓",
    "已婚员工可安排夫妻房",
    "户籍不限，欢迎外地求职者",
    "招聘条件：不限男女，不限民族",
    "婚育状况不作要求",
    "任职要求：政治信仰坚定，拥护党的路线方针政策",
    "公司员工来自汉族、回族、满族等多个民族",
    "岗位职责：负责女装品类的陈列与销售",
    "工作地点：宁夏回族自治区银川市",
    "男女员工同工同酬",
    "招聘女装导购员",
    "需协助办理本地户口",
    "本岗位适合应届毕业生",
    "需了解伊斯兰教饮食禁忌",
    "少数民族考生享受加分照顾",
    "任职要求：\n1. 能与少数民族客户沟通\n2. 普通话标准",
    "招聘条件：宗教信仰自由，不作要求",
    "应聘者无须提供婚育证明",
    "岗位要求：本科及以上学历；福利待遇：男女宿舍分开，提供清真餐",
    "岗位要求：熟练操作数控机床。\n\n公司有汉族、回族等员工三百余人",
    "任职要求：具备良好的职业素养；\n公司简介：淄博某某有限公司成立于2005年，女员工占六成",
    "本岗位男女比例1:1",
    "需熟悉女性消费者心理",
    "适合在校生兼职，不限专业",
    "产假期间工资照发，生育津贴按规定申领",
    "入职需提供户籍证明复印件",
    "不限户籍、不限民族、不限宗教信仰",
    "招聘普通话标准的客服专员",
    "任职要求：1、中专及以上学历，机电相关专业；2、能适应两班倒，男女不限；3、有叉车证者优先。福利待遇：五险一金，免费提供住宿，宿舍分男女。",
    "岗位要求：熟悉少数民族地区市场，能适应出差",
    "任职要求：具有良好的政治素质，熟悉党的民族宗教政策",
    "任职要求：有户口所在地派出所开具的无犯罪记录证明",
    "要求品行端正，无宗教极端思想",
    "任职要求：大专学历，擅长与客户沟通，适合性格外向的人",
    "公司福利：已婚员工提供夫妻房，单身员工提供集体宿舍",
    "任职要求：有女装设计经验者优先",
    "我公司是一家回族企业，主营清真食品",
    "任职要求：能独立操作设备；本岗位主要服务女性顾客",
    "要求：信仰马克思主义，政治可靠",
    "任职要求：中共党员，汉语言文学专业",
    "要求会说蒙古语",
    "任职要求：本科学历，毕业院校不限，男生女生都可以",
    "任职要求：哺乳期女职工不安排夜班",
];

#[test]
fn clause_table_positive() {
    assert!(
        CLAUSE_POSITIVE.len() >= 45,
        "{} clause positives",
        CLAUSE_POSITIVE.len()
    );
    let mut failures = Vec::new();
    for (text, want) in CLAUSE_POSITIVE {
        let got = keys(text);
        if got != *want {
            let spans: Vec<_> = lint_text(text)
                .findings
                .iter()
                .map(|f| (f.rule, f.span.clone()))
                .collect();
            failures.push(format!("{text:?}: want {want:?}, got {spans:?}"));
        }
        for f in lint_text(text).findings {
            assert_eq!(&text[f.start..f.end], f.span, "{text:?}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn clause_table_negative() {
    assert!(
        CLAUSE_NEGATIVE.len() >= 40,
        "{} clause negatives",
        CLAUSE_NEGATIVE.len()
    );
    let mut failures = Vec::new();
    for text in CLAUSE_NEGATIVE {
        let r = lint_text(text);
        if !r.findings.is_empty() {
            let spans: Vec<_> = r
                .findings
                .iter()
                .map(|f| (f.rule, f.span.as_str()))
                .collect();
            failures.push(format!("{text:?}: got {spans:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn clause_spans_cover_attribute_and_marker() {
    let text = "任职要求：身体健康，女性应聘者优先考虑。";
    let r = lint_text(text);
    assert_eq!(r.rule_keys(), vec!["gender"]);
    assert_eq!(r.findings[0].span, "女性应聘者优先");
    let text = "招聘条件：高中以上学历、汉族、身体健康";
    let f = &lint_text(text).findings[0];
    assert_eq!((f.rule, f.span.as_str()), ("ethnicity", "汉族"));
    assert_eq!(f.start, text.find("汉族").unwrap());
    // The same ethnic group outside a requirement section is a description, not a condition.
    assert!(keys("公司简介：员工多为汉族").is_empty());
    // A welfare header ends the requirement section.
    assert!(keys("任职要求：大专；福利待遇：回族员工清真餐补").is_empty());
}

#[test]
fn clause_reader_knows_every_ethnic_group_of_gbt3304() {
    let t = crate::codes::tables();
    let names: Vec<_> = t
        .ethnicity
        .codes
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| n.ends_with('族'))
        .collect();
    assert_eq!(names.len(), 56);
    for name in names {
        let text = format!("招聘条件：大专以上学历、{name}、身体健康");
        assert_eq!(keys(&text), vec!["ethnicity"], "{text}");
        assert!(
            keys(&format!(
                "招聘条件：大专以上学历，民族不限，{name}等各民族均可"
            ))
            .is_empty(),
            "{name}"
        );
    }
}

#[test]
fn every_finding_has_a_chinese_and_english_name() {
    for r in rules() {
        assert!(
            !r.label_zh.is_empty() && !r.label_en.is_empty(),
            "{}",
            r.key
        );
        assert!(
            r.label_zh.chars().all(|c| !c.is_ascii_lowercase()),
            "{}",
            r.label_zh
        );
        assert_eq!(rule_label_zh(r.key), r.label_zh);
        assert_eq!(rule_label_en(r.key), r.label_en);
    }
    let f = &lint_text("限男").findings[0];
    assert_eq!(
        (f.label_zh(), f.label_en()),
        ("性别限制", "Gender restriction")
    );
    assert_eq!(lint_text("限本地户口").findings[0].label_zh(), "户籍限制");
    assert_eq!(rule_label_zh("no_such_rule"), "其他");
    assert!(rule_info("no_such_rule").is_none());
}

fn keys(text: &str) -> Vec<&'static str> {
    lint_text(text).rule_keys()
}

#[test]
fn table_positive() {
    assert!(POSITIVE.len() >= 60, "{} positive cases", POSITIVE.len());
    let mut failures = Vec::new();
    for (text, want) in POSITIVE {
        let got = keys(text);
        if got != *want {
            failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn positive_covers_every_rule_at_least_four_times() {
    for r in rules() {
        let n = POSITIVE
            .iter()
            .filter(|(_, want)| want.contains(&r.key))
            .count();
        assert!(n >= 4, "rule {} has only {n} positive cases", r.key);
    }
}

#[test]
fn table_negative() {
    assert!(NEGATIVE.len() >= 40, "{} negative cases", NEGATIVE.len());
    let mut failures = Vec::new();
    for text in NEGATIVE {
        let r = lint_text(text);
        if !r.findings.is_empty() {
            let spans: Vec<_> = r
                .findings
                .iter()
                .map(|f| (f.rule, f.span.as_str()))
                .collect();
            failures.push(format!("{text:?}: got {spans:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn spans_match_offsets() {
    for (text, _) in POSITIVE {
        for f in lint_text(text).findings {
            assert_eq!(&text[f.start..f.end], f.span, "{text:?}");
            assert!(!f.span.is_empty());
            assert_eq!(f.source, "text");
        }
    }
}

#[test]
fn span_is_the_matched_text() {
    let text = "招聘操作工，限男，要求淄博户籍，35岁以下。";
    let r = lint_text(text);
    let spans: Vec<_> = r
        .findings
        .iter()
        .map(|f| (f.rule, f.span.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![
            ("gender", "限男"),
            ("hukou", "要求淄博户籍"),
            ("age", "35岁以下")
        ]
    );
    let g = &r.findings[0];
    assert_eq!(g.start, "招聘操作工，".len());
    assert_eq!(g.end, g.start + "限男".len());
    // Findings are in text order.
    assert!(r.findings.windows(2).all(|w| w[0].start <= w[1].start));
}

#[test]
fn severity_and_report_helpers() {
    let clean = lint_text("招聘数控车工，月薪6000元以上，五险一金。");
    assert!(clean.findings.is_empty());
    assert!(!clean.blocked());
    assert_eq!(clean.max_severity(), None);

    let warn = lint_text("35岁以下，形象气质佳");
    assert!(!warn.blocked());
    assert_eq!(warn.max_severity(), Some(Severity::Warn));

    let block = lint_text("35岁以下，限男");
    assert!(block.blocked());
    assert_eq!(block.max_severity(), Some(Severity::Block));
    assert!(Severity::Block > Severity::Warn);
}

#[test]
fn json_shape() {
    let json = serde_json::to_string(&lint_text("限男")).unwrap();
    assert!(
        json.starts_with(r#"{"findings":[{"rule":"gender","severity":"block","span":"限男","start":0,"end":6,"basis":"#),
        "{json}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["findings"][0]["message_en"], RULES_GENDER_EN);
    assert_eq!(
        serde_json::to_string(&lint_text("一切正常")).unwrap(),
        r#"{"findings":[]}"#
    );
    let warn = serde_json::to_value(lint_text("35岁以下")).unwrap();
    assert_eq!(warn["findings"][0]["severity"], "warn");
    // Severity round-trips.
    let s: Severity = serde_json::from_str(r#""block""#).unwrap();
    assert_eq!(s, Severity::Block);
}

const RULES_GENDER_EN: &str =
    "A posting may not restrict or prefer a gender; remove the gender requirement.";

#[test]
fn rule_catalogue() {
    let keys: Vec<_> = rules().iter().map(|r| r.key).collect();
    assert_eq!(
        keys,
        vec![
            "gender",
            "marriage_childbearing",
            "school_tier",
            "hukou",
            "ethnicity",
            "religion",
            "hbv",
            "vocational_exclusion",
            "fulltime_only",
            "first_degree",
            "age",
            "appearance",
        ]
    );
    for (r, m) in rules().iter().zip(rules::MATCHERS.iter()) {
        assert_eq!(r.key, m.key);
        assert!(!r.basis.is_empty() && r.basis.contains('《'));
        assert!(!r.description_zh.is_empty() && !r.description_en.is_empty());
        assert!(!m.patterns.is_empty());
    }
    let warn: Vec<_> = rules()
        .iter()
        .filter(|r| r.severity == Severity::Warn)
        .map(|r| r.key)
        .collect();
    assert_eq!(
        warn,
        vec!["fulltime_only", "first_degree", "age", "appearance"]
    );
    assert!(rules()[7].basis.contains("第五十三条"));
    // All patterns compile.
    assert!(COMPILED.len() >= 40);
    // Catalogue serialises for the help page.
    let json = serde_json::to_value(rules()).unwrap();
    assert_eq!(json[0]["severity"], "block");
}

#[test]
fn posting_structured_fields() {
    let p = PostingFields {
        title: "数控车工".into(),
        description: "负责数控车床操作，五险一金。".into(),
        gender_requirement: Some("男".into()),
        min_age: Some(18),
        max_age: Some(35),
        education_requirement: Some("全日制大专及以上".into()),
    };
    let r = lint_posting(&p);
    assert!(r.blocked());
    assert_eq!(r.rule_keys(), vec!["age", "fulltime_only", "gender"]);
    let g = r.findings.iter().find(|f| f.rule == "gender").unwrap();
    assert_eq!(
        (g.source, g.span.as_str(), g.start, g.end),
        ("gender_requirement", "男", 0, 3)
    );
    let ages: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "age")
        .map(|f| (f.source, f.span.as_str()))
        .collect();
    // min_age 18 alone is the statutory working age; only max_age fires.
    assert_eq!(ages, vec![("max_age", "35")]);
    let e = r
        .findings
        .iter()
        .find(|f| f.rule == "fulltime_only")
        .unwrap();
    assert_eq!(e.source, "education_requirement");
    assert_eq!(
        &p.education_requirement.as_deref().unwrap()[e.start..e.end],
        e.span
    );
}

#[test]
fn posting_neutral_fields_pass() {
    for g in ["", "  ", "不限", "男女不限", "男女均可", "any", "无要求"] {
        let p = PostingFields {
            title: "电工".into(),
            description: "持证上岗".into(),
            gender_requirement: Some(g.into()),
            min_age: Some(18),
            max_age: None,
            education_requirement: Some("学历不限".into()),
        };
        let r = lint_posting(&p);
        assert!(r.findings.is_empty(), "{g:?}: {:?}", r.findings);
    }
    assert!(lint_posting(&PostingFields::default()).findings.is_empty());
}

#[test]
fn posting_gender_values_and_text_fields() {
    for g in ["女", " 女性 ", "male", "Female", "限男"] {
        let p = PostingFields {
            gender_requirement: Some(g.into()),
            ..Default::default()
        };
        let r = lint_posting(&p);
        assert_eq!(r.rule_keys(), vec!["gender"], "{g:?}");
        let f = &r.findings[0];
        assert_eq!(&g[f.start..f.end], f.span);
    }
    let p = PostingFields {
        title: "招聘文员（限女）".into(),
        description: "要求未婚，本地户口优先。".into(),
        min_age: Some(20),
        ..Default::default()
    };
    let r = lint_posting(&p);
    assert_eq!(
        r.rule_keys(),
        vec!["age", "gender", "hukou", "marriage_childbearing"]
    );
    let t = r.findings.iter().find(|f| f.rule == "gender").unwrap();
    assert_eq!(t.source, "title");
    assert_eq!(&p.title[t.start..t.end], t.span);
    let d = r.findings.iter().find(|f| f.rule == "hukou").unwrap();
    assert_eq!(d.source, "description");
    assert_eq!(&p.description[d.start..d.end], d.span);
}

#[test]
fn posting_fields_deserialize() {
    let p: PostingFields = serde_json::from_str(
        r#"{"title":"焊工","description":"男性优先","gender_requirement":null,"min_age":null,"max_age":45,"education_requirement":null}"#,
    )
    .unwrap();
    assert_eq!(lint_posting(&p).rule_keys(), vec!["age", "gender"]);
}

#[test]
fn negation_window_stops_at_clause_boundary() {
    // "不限" in the next clause must not hide the restriction.
    assert_eq!(keys("限男，年龄不限"), vec!["gender"]);
    assert_eq!(keys("男性优先；学历不限"), vec!["gender"]);
    // The same clause does.
    assert!(keys("性别：男女不限").is_empty());
}

fn long_posting() -> String {
    let para = "岗位职责：负责数控设备的操作与日常维护，按图纸完成零件加工，做好设备点检记录；\
配合工艺人员完成新产品试制，参与班组5S管理和安全生产。任职要求：机电一体化、数控技术等相关专业，\
中职及以上学历，职业院校毕业生可报名，性别不限，户籍不作要求；有电工证者优先。福利待遇：五险一金，\
提供宿舍和工作餐，带薪年假，公司提供全日制学历提升机会。办公地点：高新区985号，近G211国道。";
    let mut s = String::new();
    while s.chars().count() < 2000 {
        s.push_str(para);
    }
    s.push_str("限男，35岁以下。");
    s
}

#[test]
fn long_text_many_times() {
    let text = long_posting();
    assert!(text.chars().count() >= 2000);
    let first = lint_text(&text);
    assert_eq!(first.rule_keys(), vec!["age", "gender"]);
    for f in &first.findings {
        assert_eq!(&text[f.start..f.end], f.span);
    }
    // Correctness only; no timing asserts (shared CI machines).
    for _ in 0..1000 {
        let r = lint_text(&text);
        assert_eq!(r.findings.len(), first.findings.len());
    }
}

#[test]
fn unicode_boundaries_are_safe() {
    // Mixed scripts, emoji and full-width punctuation must never panic on char boundaries.
    for t in [
        "🙂限男🙂",
        "限",
        "男",
        "985",
        "年龄",
        "身高",
        "（限女）",
        "ＡＢＣ限本地户口ｘ",
        "\u{3000}限汉族\u{3000}",
    ] {
        for f in lint_text(t).findings {
            assert_eq!(&t[f.start..f.end], f.span);
        }
    }
}
