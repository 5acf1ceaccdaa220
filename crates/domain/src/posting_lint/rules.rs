//! The rule table of the posting checker: public [`RuleInfo`] (for a help page) and the
//! private matchers (regex patterns plus rule-specific negation/benefit contexts).
//!
//! A pattern may name a capture group `s`; the span is then that group, not the whole match.
//!
//! Patterns use placeholders expanded by [`expand`] before compiling:
//! `{ONLY}` 仅限/只招/限…, `{REQ}` 要求/需/须…, `{REFUSE}` 勿扰/免谈/不招/谢绝…,
//! `{VOC}` vocational school types, `{GEN}` "general school only" wording, `{TIER}` /
//! `{TIER_A}` university tiers (985/211/双一流/名校…), `{ETH}` ethnic groups, `{RELIG}` religions.

use super::Severity;
use serde::Serialize;

/// Catalogue entry for one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    pub key: &'static str,
    /// The rule's name as pages show it (the key is for code and URLs only).
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub severity: Severity,
    /// Legal basis in Chinese. Items marked “待核实” are citations not verified against the
    /// original document.
    pub basis: &'static str,
    pub description_zh: &'static str,
    pub description_en: &'static str,
    pub message_zh: &'static str,
    pub message_en: &'static str,
}

pub(super) const RULES: [RuleInfo; 12] = [
    RuleInfo {
        key: "gender",
        label_zh: "性别限制",
        label_en: "Gender restriction",
        severity: Severity::Block,
        basis: "《中华人民共和国就业促进法》第三条、第二十七条；《中华人民共和国劳动法》第十二条；《中华人民共和国妇女权益保障法》（2022年修订）第四十三条；《人力资源市场暂行条例》第二十四条；人社部等九部门《关于进一步规范招聘行为促进妇女就业的通知》（人社部发〔2019〕17号）",
        description_zh: "限定性别或性别优先（如“限男”“男性优先”“女性勿扰”“性别：男”）。国家规定的女职工禁忌劳动范围除外，需审核人员确认。",
        description_en: "Restricting or preferring a gender (\"men only\", \"male preferred\", \"no women\"). Jobs legally barred to women are the only exception; a reviewer must confirm.",
        message_zh: "招聘信息不得限定性别或规定性别优先，请删除性别要求。",
        message_en: "A posting may not restrict or prefer a gender; remove the gender requirement.",
    },
    RuleInfo {
        key: "marriage_childbearing",
        label_zh: "婚育状况限制",
        label_en: "Marital or childbearing status",
        severity: Severity::Block,
        basis: "《中华人民共和国妇女权益保障法》（2022年修订）第四十三条；《中华人民共和国就业促进法》第二十七条；人社部等九部门《关于进一步规范招聘行为促进妇女就业的通知》（人社部发〔2019〕17号）",
        description_zh: "以婚姻、生育状况为条件，或要求妊娠检查、限制生育（如“未婚”“已婚已育”“孕妇勿扰”“三年内不生育”）。",
        description_en: "Conditions on marital or childbearing status, pregnancy tests, or childbearing limits (\"unmarried\", \"married with children\", \"no pregnant women\", \"no childbirth within 3 years\").",
        message_zh: "不得将婚姻、生育状况作为录用条件，不得将妊娠测试作为入职体检项目。",
        message_en: "Marital or childbearing status may not be a hiring condition, and pregnancy tests may not be part of the pre-employment medical.",
    },
    RuleInfo {
        key: "school_tier",
        label_zh: "院校层次限制",
        label_en: "University tier restriction",
        severity: Severity::Block,
        basis: "教育部历年《关于做好全国普通高校毕业生就业创业工作的通知》校园招聘“三严禁”（严禁发布含有限定985高校、211高校等字样的招聘信息；文号待核实）；《中华人民共和国就业促进法》第二十六条",
        description_zh: "限定985、211、双一流、名校、一本等院校层次（如“985院校毕业”“211及以上”“仅限双一流高校”）。",
        description_en: "Restricting applicants to 985/211/\"Double First-Class\"/elite universities.",
        message_zh: "不得发布限定985、211、双一流等院校层次的招聘信息，请改为岗位所需的能力要求。",
        message_en: "Postings may not be limited to 985/211/Double First-Class or other elite universities; state the skills the job needs instead.",
    },
    RuleInfo {
        key: "hukou",
        label_zh: "户籍限制",
        label_en: "Household registration (hukou) restriction",
        severity: Severity::Block,
        basis: "教育部校园招聘“三严禁”（严禁发布有关户籍的歧视性条款；文号待核实）；《中华人民共和国就业促进法》第二十六条、第三十一条（农村劳动者）；《就业服务与就业管理规定》第二十条",
        description_zh: "限定户籍或户口（如“限本地户口”“需淄博户籍”“外地人勿扰”）。",
        description_en: "Restricting applicants by household registration (hukou), e.g. \"local hukou only\".",
        message_zh: "招聘信息不得设置户籍限制，请删除户籍要求。",
        message_en: "Postings may not restrict applicants by household registration (hukou); remove the requirement.",
    },
    RuleInfo {
        key: "ethnicity",
        label_zh: "民族限制",
        label_en: "Ethnicity restriction",
        severity: Severity::Block,
        basis: "《中华人民共和国劳动法》第十二条；《中华人民共和国就业促进法》第三条、第二十八条；《人力资源市场暂行条例》第二十四条；《就业服务与就业管理规定》第二十条",
        description_zh: "限定民族或排斥某一民族（如“限汉族”“少数民族勿扰”）。依法对少数民族劳动者给予适当照顾（如“少数民族优先”）不属于本规则。",
        description_en: "Restricting or excluding an ethnic group (\"Han only\", \"no ethnic minorities\"). Lawful preference for minorities is not flagged.",
        message_zh: "招聘信息不得含有民族歧视内容，请删除民族要求。",
        message_en: "Postings may not discriminate by ethnicity; remove the ethnicity requirement.",
    },
    RuleInfo {
        key: "religion",
        label_zh: "宗教信仰限制",
        label_en: "Religious belief restriction",
        severity: Severity::Block,
        basis: "《中华人民共和国劳动法》第十二条；《中华人民共和国就业促进法》第三条；《人力资源市场暂行条例》第二十四条；《就业服务与就业管理规定》第二十条",
        description_zh: "以宗教信仰为条件（如“信仰伊斯兰教者勿扰”“要求无宗教信仰”“限基督徒”）。",
        description_en: "Conditions on religious belief (\"believers need not apply\", \"no religious belief required\").",
        message_zh: "招聘信息不得含有宗教信仰歧视内容，请删除宗教信仰要求。",
        message_en: "Postings may not discriminate by religious belief; remove the requirement.",
    },
    RuleInfo {
        key: "hbv",
        label_zh: "乙肝歧视",
        label_en: "Hepatitis B discrimination",
        severity: Severity::Block,
        basis: "《中华人民共和国就业促进法》第三十条；《就业服务与就业管理规定》第十九条；人社部、教育部、卫生部《关于进一步规范入学和就业体检项目维护乙肝表面抗原携带者入学和就业权利的通知》（人社部发〔2010〕12号）",
        description_zh: "排斥乙肝病毒携带者或要求乙肝项目检测（如“乙肝携带者勿扰”“体检含乙肝两对半”“无乙肝”）。",
        description_en: "Excluding hepatitis B carriers or requiring hepatitis B screening (\"HBV carriers need not apply\", \"HBV panel in the medical\").",
        message_zh: "不得以乙肝病原携带为由拒绝录用，不得将乙肝项目列入入职体检，请删除相关要求。",
        message_en: "Hepatitis B carriers may not be refused and HBV markers may not be part of the pre-employment medical; remove the requirement.",
    },
    RuleInfo {
        key: "vocational_exclusion",
        label_zh: "排斥职业院校毕业生",
        label_en: "Excluding vocational graduates",
        severity: Severity::Block,
        basis: "《中华人民共和国职业教育法》（2022年修订）第五十三条（职业学校学历教育毕业生在升学、就业、职业发展等方面与同层次、同类别普通学校学历教育毕业生享有平等机会；用人单位不得设置妨碍职业学校毕业生平等就业、公平竞争的条件）",
        description_zh: "排斥中职、技校、职高、职业院校毕业生，或只招普通高中、普通高校、统招本科毕业生（如“职业院校毕业生勿扰”“不招技校生”“仅限普通高校毕业生”）。",
        description_en: "Excluding graduates of vocational schools (secondary vocational, technical, vocational colleges) or admitting only graduates of general schools.",
        message_zh: "职业学校毕业生与同层次普通学校毕业生享有平等就业机会，请删除排斥职业学校毕业生的条件。",
        message_en: "Vocational graduates have the same employment rights as general-school graduates of the same level; remove the exclusion.",
    },
    RuleInfo {
        key: "fulltime_only",
        label_zh: "全日制/统招学历限制",
        label_en: "Full-time study only",
        severity: Severity::Warn,
        basis: "教育部校园招聘“三严禁”（严禁发布有关学历的歧视性条款；文号待核实）；国务院办公厅《关于进一步做好高校毕业生等青年就业创业工作的通知》（国办发〔2022〕13号，“不得将……学习方式作为限制性条件”——原文待核实）",
        description_zh: "要求全日制、统招学历，或排斥自考、成考、非全日制学历（如“全日制本科”“统招本科及以上”“自考勿扰”）。",
        description_en: "Requiring full-time (全日制/统招) study or excluding part-time, self-study or adult-education degrees.",
        message_zh: "限定全日制或统招学历可能构成学历歧视，请确认是否为岗位所必需。",
        message_en: "Requiring a full-time/unified-admission degree may be education discrimination; confirm the job really needs it.",
    },
    RuleInfo {
        key: "first_degree",
        label_zh: "第一学历限制",
        label_en: "First-degree restriction",
        severity: Severity::Warn,
        basis: "《中华人民共和国就业促进法》第二十六条（公平就业条件）；教育部校园招聘“三严禁”（学历歧视性条款）——“第一学历”限制无专门条文，提示审核",
        description_zh: "限定第一学历、初始学历或本硕一致（如“第一学历为本科”“本硕均为985”）。",
        description_en: "Conditions on the first degree (\"first degree must be a bachelor's\").",
        message_zh: "限定第一学历可能构成学历歧视，请确认是否为岗位所必需。",
        message_en: "Restricting the first degree may be education discrimination; confirm the job really needs it.",
    },
    RuleInfo {
        key: "age",
        label_zh: "年龄限制",
        label_en: "Age limit",
        severity: Severity::Warn,
        basis: "《中华人民共和国就业促进法》第二十六条（公平就业条件）——年龄限制无专门禁止条文，提示审核；《中华人民共和国劳动法》第十五条（禁止招用未满十六周岁的未成年人，故“年满16/18周岁”不提示）",
        description_zh: "年龄上限或年龄区间（如“35岁以下”“年龄18-30岁”“限25周岁以内”“90后”）。仅要求年满16或18周岁的不提示。",
        description_en: "Age caps or ranges (\"under 35\", \"aged 18-30\", \"born in the 90s\"). A bare minimum age of 16 or 18 is not flagged.",
        message_zh: "年龄限制可能构成年龄歧视，请确认是否为岗位所必需。",
        message_en: "An age limit may be age discrimination; confirm the job really needs it.",
    },
    RuleInfo {
        key: "appearance",
        label_zh: "身高相貌要求",
        label_en: "Height or appearance requirement",
        severity: Severity::Warn,
        basis: "《中华人民共和国就业促进法》第二十六条（公平就业条件）；《就业服务与就业管理规定》第二十条（招聘广告不得包含歧视性内容）——与岗位无关的身高、相貌要求提示审核",
        description_zh: "身高、相貌、形象要求（如“身高165cm以上”“五官端正”“形象气质佳”）。",
        description_en: "Height or looks requirements (\"height 165 cm or more\", \"good-looking\", \"good image\").",
        message_zh: "身高、相貌要求可能与岗位无关，请确认是否为岗位所必需。",
        message_en: "Height or appearance requirements may be unrelated to the job; confirm they are needed.",
    },
];

/// Index of a rule key in [`RULES`]. Panics on an unknown key (programming error).
pub(super) fn idx(key: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.key == key)
        .unwrap_or_else(|| panic!("unknown posting_lint rule {key}"))
}

/// How one rule matches. `MATCHERS[i]` belongs to `RULES[i]`.
pub(super) struct Matcher {
    pub key: &'static str,
    pub patterns: &'static [&'static str],
    /// Suppress if the span contains any of these.
    pub span_neg: &'static [&'static str],
    /// Suppress if the clause text just before the span contains any of these.
    pub before_neg: &'static [&'static str],
    /// Suppress if the clause text just before the span ends with any of these.
    pub before_neg_end: &'static [&'static str],
    /// Suppress if the clause text just after the span contains any of these.
    pub after_neg: &'static [&'static str],
    /// Suppress if the text right after the span starts with any of these.
    pub after_start_neg: &'static [&'static str],
    /// Extra check on `(text, start, end)`; returning false drops the match.
    pub keep: Option<fn(&str, usize, usize) -> bool>,
}

const NONE: &[&str] = &[];

const fn matcher(key: &'static str, patterns: &'static [&'static str]) -> Matcher {
    Matcher {
        key,
        patterns,
        span_neg: NONE,
        before_neg: NONE,
        before_neg_end: NONE,
        after_neg: NONE,
        after_start_neg: NONE,
        keep: None,
    }
}

pub(super) static MATCHERS: [Matcher; 12] = [
    // gender
    Matcher {
        // "男女…" is the neutral compound (男女不限, 男女搭配, 男女平等).
        after_start_neg: &[
            "女",
            "男",
            "宿舍",
            "休息室",
            "专用",
            "卫生间",
            "更衣室",
            "浴室",
            "用品",
        ],
        ..matcher(
            "gender",
            &[
                r"(?:{ONLY}|{REQ})(?:为|是)?(?:男|女)(?:性|士|生|工|孩|的)?",
                // A bare 男/女 as a list item: "要求：女，25岁以下", "文员，男，". Only the
                // named group `s` is the span.
                r"(?:^|[：:，,；;、\s])(?P<s>(?:男|女)(?:性)?)(?:[，,；;、\s]|$)",
                r"(?:男|女)(?:性|士|生|孩|工|同志)?(?:者)?(?:优先|{REFUSE})",
                r"性别(?:要求|限制)?[：:为是]?\s*(?:男|女)(?:性)?",
                r"(?:招聘|招收|招录|招|聘)(?:男|女)(?:性|士|生|工|职工|员工)",
                r"(?:不招|不收|不要|不考虑|谢绝|拒绝|不录用)(?:收|聘)?(?:男|女)(?:性|士|生|工)?",
            ],
        )
    },
    // marriage_childbearing
    Matcher {
        after_neg: &[
            "员工可",
            "职工可",
            "可申请",
            "享受",
            "提供",
            "福利",
            "补贴",
            "宿舍",
            "公寓",
            "夫妻房",
            "婚假",
            "产假",
            "住房",
        ],
        ..matcher(
            "marriage_childbearing",
            &[
                r"(?:已婚|未婚)(?:已育|未育)?",
                r"(?:已育|未育)(?:者|女性)?",
                r"(?:孕妇|孕期|怀孕|哺乳期|备孕|三期)(?:女性|妇女|人员|者|员工)?{REFUSE}",
                r"(?:妊娠|怀孕|早孕)(?:检查|测试|检测|试验)|孕检|验孕",
                r"[0-9一二三四五六七八九十两]+年内(?:不|不得|不能|暂不|无)(?:生育|生孩子|生小孩|要孩子|怀孕|结婚|婚育)(?:计划)?",
                r"(?:暂无|近期无|近期不|短期内无|短期内不|无)(?:生育|婚育|怀孕|结婚)(?:计划|打算|意向)",
                r"(?:有)?(?:生育|二胎|二孩|三孩|生孩子)(?:计划|打算)?(?:者|的)?{REFUSE}",
                r"{ONLY}单身|{REQ}单身|单身(?:者|人士)?优先",
            ],
        )
    },
    // school_tier
    Matcher {
        keep: Some(keep_school_number),
        ..matcher(
            "school_tier",
            &[
                r"{TIER}(?:\s*[、/或和及与]\s*{TIER})*(?:工程)?(?:建设)?(?:高校|院校|大学|学校|本科|毕业生|毕业|及以上|以上|优先|学历|背景|出身|生源|学生|名校)",
                r"(?:{ONLY}|{REQ}|均为|皆为|须为|需为|必须为|要求为|毕业于|(?:第一学历|最高学历|学历|本科|硕士|本硕|毕业院校|院校)(?:须|需|要求|均|必须)?)(?:为|是)?(?:全国)?{TIER_A}(?:\s*[、/或和及与]\s*{TIER_A})*",
            ],
        )
    },
    // hukou
    Matcher {
        span_neg: &[
            "提供", "携带", "办理", "协助", "解决", "迁", "落", "复印", "填", "登记", "核", "查验",
        ],
        before_neg: &["办理", "解决", "协助", "迁", "落"],
        after_neg: &["员工可", "职工可", "享受", "可申请", "补贴", "公寓"],
        after_start_neg: &[
            "本",
            "簿",
            "证明",
            "复印",
            "页",
            "所在地",
            "迁",
            "信息",
            "性质",
            "登记",
            "地址",
        ],
        ..matcher(
            "hukou",
            &[
                r"(?:{ONLY}|{REQ})(?:为|是|有|具有|具备|持有|拥有)?\p{Han}{0,6}?(?:户口|户籍)",
                r"(?:本地|本市|本省|本区|当地|淄博|山东|省内|市内)(?:市|省|区)?(?:城镇|农村|常住|非农)?(?:户口|户籍)(?:者|人员|人士|求职者|考生)?(?:者优先|优先|限定)?",
                r"(?:外地|外省|外市|外县|非本地|非本市|非本省|非淄博|农村|农业)(?:人|籍)?(?:户口|户籍)?(?:人员|者|求职者)?{REFUSE}",
                r"(?:户口|户籍)(?:要求|限制)?[：:]\s*(?:本地|本市|本省|当地|淄博|山东|\p{Han}{2,4}(?:市|省|区|县))",
                r"(?:户口|户籍)(?:所在地)?(?:须|需|要求|必须|限|仅限)(?:为|在|是)\p{Han}{2,4}",
                r"(?:{ONLY}|{REQ})(?:为|是)?(?:淄博本地人|本地人|当地人|本市人|淄博人)|(?:淄博本地人|本地人|当地人|本市人|淄博人)(?:者)?优先",
            ],
        )
    },
    // ethnicity
    matcher(
        "ethnicity",
        &[
            r"(?:{ONLY}|{REQ})(?:为|是)?{ETH}(?:人员|者|求职者)?",
            r"(?:{ETH}|新疆人|新疆籍|西藏人|藏区人)(?:人员|者|同胞|求职者|人士)?{REFUSE}",
            r"民族(?:要求|限制)?[：:]\s*{ETH}",
            r"汉族(?:者|人员)?优先",
        ],
    ),
    // religion
    Matcher {
        after_start_neg: &["要求", "限制", "歧视", "之分"],
        ..matcher(
            "religion",
            &[
                r"信仰[^，。；;,\n\s]{0,8}?(?:者|人士|人员|的人)?{REFUSE}",
                r"(?:{ONLY}|{REQ})?(?:无宗教信仰|不信仰任何宗教|不信仰宗教|不信教|无信仰)(?:者|人员)?",
                r"(?:{ONLY}|{REQ})(?:为|是)?(?:信仰)?{RELIG}(?:信徒|教徒|者)?",
                r"{RELIG}(?:信徒|教徒|者|人士|人员)?{REFUSE}",
                r"宗教信仰[：:]\s*(?:无|须无|不得有)",
            ],
        )
    },
    // hbv
    Matcher {
        before_neg: &["接种", "疫苗", "预防", "免费", "组织"],
        after_neg: &["疫苗", "接种", "不影响", "可正常", "同等", "享有"],
        after_start_neg: &["要求", "限制", "歧视", "检测", "检查", "项目"],
        ..matcher(
            "hbv",
            &[
                r"(?:乙肝|乙型肝炎|HBV|乙肝病毒)(?:病毒)?(?:病原)?(?:携带者|携带|患者|阳性|小三阳|大三阳|表面抗原阳性)?(?:者|人员)?(?:{REFUSE}|不予考虑|一律不录用)",
                r"(?:乙肝两对半|两对半|乙肝五项|乙肝表面抗原|HBsAg|乙肝病毒血清学|乙肝检测|乙肝检查|乙肝筛查)(?:检查|检测|筛查|指标)?",
                r"(?:无|非|没有)(?:乙肝|乙型肝炎)(?:病毒)?(?:携带者|患者)?",
                r"(?:乙肝|乙型肝炎|HBV)(?:病毒)?(?:携带者|小三阳|大三阳|阳性|阴性)",
            ],
        )
    },
    // vocational_exclusion
    matcher(
        "vocational_exclusion",
        &[
            r"{VOC}(?:毕业生|毕业|学生|生源|学历|出身|背景|生)?(?:者|人员|的)?{REFUSE}",
            r"(?:不招|不收|不要|不接受|谢绝|拒绝|不考虑|排除|不录用)(?:收|聘|录|用)?{VOC}(?:毕业生|学生|学历|生)?",
            r"(?:{ONLY}|须为|需为|必须为|必须是|要求为)(?:为|是)?{GEN}(?:毕业生|学历|生源|学生|院校|毕业)?",
            r"{VOC}(?:毕业生|学历|学生)?(?:不予|不能|不可|不得|无法|不允许)(?:报名|报考|录用|应聘|参加)",
            r"非{VOC}(?:毕业生|毕业|学历|学生|生)",
        ],
    ),
    // fulltime_only
    Matcher {
        before_neg: &[
            "提供", "支持", "鼓励", "资助", "攻读", "报销", "提升", "继续",
        ],
        before_neg_end: &["非"],
        after_neg: &[
            "提升", "机会", "进修", "深造", "补贴", "报销", "培训", "用工",
        ],
        ..matcher(
            "fulltime_only",
            &[
                r"(?:全日制|统招|统分)(?:统招|统分|全日制|普通)?(?:本科|大专|专科|硕士|博士|研究生|学历|学位|毕业生|毕业|院校|高校|大学|生)",
                r"(?:{ONLY}|{REQ})(?:为)?(?:全日制|统招)",
                r"(?:全日制|统招)(?:者)?优先",
                r"(?:非全日制|自考|成考|成人教育|函授|网络教育|电大|夜大|专升本|专接本|成人高考|开放大学)(?:学历|毕业生|者|生)?(?:{REFUSE}|不认可)",
                r"不(?:认可|接受|招|要|考虑)(?:非全日制|自考|成考|函授|网络教育|专升本|成人教育)(?:学历)?",
            ],
        )
    },
    // first_degree
    matcher(
        "first_degree",
        &[
            r"第一学历|初始学历|最初学历",
            r"本硕(?:博)?(?:一致|均为|均需|均须|皆为|同为|同校)",
        ],
    ),
    // age
    Matcher {
        keep: Some(keep_age),
        before_neg: &["平均", "团队", "员工"],
        ..matcher(
            "age",
            &[
                r"(?:年龄|年纪)[^，。；;,\n\d]{0,6}?\d{2}\s*(?:周岁|岁)?\s*(?:[-—–~～至到]\s*\d{2}\s*(?:周岁|岁)?)?(?:以下|以内|以上|及以下|及以上|之间|左右)?",
                r"\d{2}\s*(?:周岁|岁)?\s*[-—–~～至到]\s*\d{2}\s*(?:周岁|岁)",
                r"(?:限|仅限|要求|年满|不超过|不大于|不高于|小于|低于|未满|不满)\d{2}\s*(?:周岁|岁)(?:以下|以内|以上|及以下|及以上|之间|左右|内)?",
                r"\d{2}\s*(?:周岁|岁)(?:以下|以内|以上|及以下|及以上|之间|内)",
                r"(?:[5-9]0|00|[6-9]5|05)后",
                r"[二三四五六]十[一二三四五六七八九]?(?:周岁|岁)(?:以下|以内|之间|及以下)",
            ],
        )
    },
    // appearance
    Matcher {
        before_neg: &[
            "品牌", "企业", "公司", "产品", "城市", "门店", "店面", "店铺", "包装", "整体",
        ],
        ..matcher(
            "appearance",
            &[
                r"身高[^，。；;,\n\d]{0,5}?\d(?:\.\d{1,2}|\d{2})\s*(?:cm|CM|厘米|公分|米|m)?(?:以上|及以上|以下|左右)?",
                r"(?:形象气质|形象|气质|相貌|容貌|长相|外形|外貌|五官|体貌|面容|样貌|身材)(?:俱佳|佳|好|端正|姣好|良好|出众|靓丽|甜美|优秀|大方|匀称|苗条|高挑|漂亮)",
                r"颜值(?:高|在线|要求)|身高要求|貌美|长得(?:好看|漂亮|帅)",
            ],
        )
    },
];

/// Expand the `{NAME}` placeholders of a pattern.
pub(super) fn expand(p: &str) -> String {
    const SUBS: &[(&str, &str)] = &[
        (
            "{ONLY}",
            "(?:仅限于|仅限|只限|限于|限定|限|只招|仅招|只要|只收|只录用|仅录用|仅面向|只面向)",
        ),
        ("{REQ}", "(?:要求|需要|需|须|必须)"),
        (
            "{REFUSE}",
            "(?:一律)?(?:勿扰|免谈|不招|不收|不考虑|不予考虑|谢绝|除外|不予录用|不录用|不接受|请绕道|绕道|莫扰|请勿投递|勿投)",
        ),
        (
            "{VOC}",
            "(?:中等职业学校|中职|职业中专|中专|技工学校|技工院校|技师学院|技校|职业高中|职高|职业院校|职业学校|职校|高职院校|高职高专|高职|职业技术学院|职业技术学校|职业大学|职业本科)",
        ),
        (
            "{GEN}",
            "(?:普通高中|普高|普通高等院校|普通高等学校|普通高校|普通本科|普通大学|统招本科|普通全日制本科|全日制普通本科|全日制普通高校)",
        ),
        (
            "{TIER_A}",
            r#"[“"]?(?:985|211|双一流|一流大学|一流高校|世界一流大学|名校|名牌大学|名牌高校|重点大学|重点高校|重点院校|C9|QS前?\d{2,3})[”"]?"#,
        ),
        (
            "{TIER}",
            r#"[“"]?(?:985|211|双一流|一流大学|一流高校|世界一流大学|名校|名牌大学|名牌高校|重点大学|重点高校|重点院校|C9|QS前?\d{2,3}|一本)[”"]?"#,
        ),
        (
            "{ETH}",
            "(?:汉族|少数民族|维吾尔族|维族|回族|藏族|蒙古族|壮族|满族|苗族|彝族|土家族|朝鲜族|哈萨克族|布依族|侗族|瑶族|白族|哈尼族|黎族|傣族)",
        ),
        (
            "{RELIG}",
            "(?:基督教|天主教|伊斯兰教|佛教|道教|穆斯林|基督徒|天主教徒|佛教徒|道教徒|宗教人士|宗教信徒|信教|有宗教信仰)",
        ),
    ];
    let mut s = p.to_string();
    for (k, v) in SUBS {
        s = s.replace(k, v);
    }
    s
}

/// A tier number that ends the match must not be a house, room or road number
/// ("限985号", "需211室").
fn keep_school_number(text: &str, _start: usize, end: usize) -> bool {
    let span = &text[..end];
    if !span.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    match text[end..].chars().next() {
        None => true,
        Some(c) => {
            !(c.is_ascii_alphanumeric() || "号室路街道栋楼层弄巷线次型款米元年国".contains(c))
        }
    }
}

/// Drop a bare minimum age of 18 or less ("年满18周岁", "16周岁以上"): that is the statutory
/// working age (《劳动法》第十五条), not discrimination.
fn keep_age(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    if span.ends_with('后') {
        return true;
    }
    const UPPER: &[&str] = &[
        "以下",
        "以内",
        "不超过",
        "不大于",
        "不高于",
        "小于",
        "低于",
        "未满",
        "不满",
        "之间",
        "左右",
        "内",
        "-",
        "—",
        "–",
        "~",
        "～",
        "至",
        "到",
    ];
    if UPPER.iter().any(|w| span.contains(w)) {
        return true;
    }
    let lower_only = span.contains("以上") || span.contains('满');
    if !lower_only {
        return true;
    }
    let max = span
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u32>().ok())
        .max();
    !matches!(max, Some(n) if n <= 18)
}
