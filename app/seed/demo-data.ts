import type { Duty, Level, MentorKind, OutputType, ProfessionalTitle } from "~/generated/prisma/enums.ts";

/** Hand-written content for the demo university; names of other people come from Faker (zh_CN). */

export const DEMO_PASSWORD = "Fudao@2026";

/** Printed at start-up; one per role. */
export const DEMO_ACCOUNTS = [
  { username: "admin", name: "陈静", label: "学工部管理员" },
  { username: "college", name: "刘海涛", label: "学院管理员（分管学生工作副书记）" },
  { username: "leader", name: "张明华", label: "工作室负责人（成熟期）" },
  { username: "backbone", name: "李雪", label: "工作室骨干（经验期）" },
  { username: "counselor", name: "王小雨", label: "辅导员（初任期，尚未加入工作室）" },
  { username: "mentor", name: "赵立群", label: "校内导师" },
  { username: "external", name: "孙颖", label: "校外导师" },
] as const;

export const COLLEGES: Array<{ code: string; name: string }> = [
  { code: "MKS", name: "马克思主义学院" },
  { code: "WX", name: "文学院" },
  { code: "LS", name: "历史文化学院" },
  { code: "WY", name: "外国语学院" },
  { code: "JJ", name: "经济学院" },
  { code: "GL", name: "管理学院" },
  { code: "FX", name: "法学院" },
  { code: "SX", name: "数学与统计学院" },
  { code: "WL", name: "物理科学与技术学院" },
  { code: "HX", name: "化学化工学院" },
  { code: "SM", name: "生命科学学院" },
  { code: "XX", name: "信息科学与工程学院" },
  { code: "YX", name: "基础医学院" },
  { code: "YS", name: "艺术学院" },
];

/** Free specialty tags per duty, used for counselors' profiles and mentors' keywords. */
export const DUTY_TAGS: Record<Duty, string[]> = {
  IDEOLOGY: ["理想信念教育", "党史学习教育", "课程思政", "主题班会设计", "红色文化育人"],
  PARTY_CLASS: ["学生党支部建设", "团支部活力提升", "班级建设", "学生骨干培养", "发展党员工作"],
  STUDY_STYLE: ["学业预警", "学风建设", "考研辅导", "朋辈互助学习", "学业规划"],
  DAILY_AFFAIRS: ["资助育人", "宿舍管理", "奖助评定", "少数民族学生服务", "安全教育"],
  MENTAL_HEALTH: ["心理危机干预", "团体心理辅导", "朋辈心理互助", "新生适应", "心理普查与约谈"],
  ONLINE_EDUCATION: ["易班建设", "新媒体运营", "网络舆情引导", "短视频育人", "网络文化作品"],
  CRISIS: ["突发事件处置", "舆情应对", "家校沟通", "应急预案演练", "安全稳定研判"],
  CAREER: ["生涯规划", "就业指导", "创新创业", "基层就业引导", "简历与面试辅导"],
  RESEARCH: ["思政课题申报", "质性研究方法", "案例写作", "调查问卷设计", "论文写作"],
};

export interface StudioSeed {
  name: string;
  duty: Duty;
  level: Level;
  budgetYuan: number;
  platform: string;
  description: string;
  directions: Array<{ name: string; description: string; keywords: string[] }>;
}

export const STUDIOS: StudioSeed[] = [
  {
    name: "“心晴”心理健康教育辅导员工作室",
    duty: "MENTAL_HEALTH",
    level: "PROVINCIAL",
    budgetYuan: 80000,
    platform: "团体辅导室、沙盘室各一间",
    description: "聚焦大学生心理危机早期识别与朋辈互助体系建设，形成“普查—约谈—转介—回访”闭环。",
    directions: [
      { name: "心理危机早期识别与干预", description: "基于心理普查数据的分级预警与约谈机制研究。", keywords: ["心理危机干预", "心理普查与约谈", "家校沟通"] },
      { name: "朋辈心理互助体系建设", description: "宿舍心理委员与班级心理委员培训体系。", keywords: ["朋辈心理互助", "团体心理辅导", "新生适应"] },
    ],
  },
  {
    name: "“明理”思想引领辅导员工作室",
    duty: "IDEOLOGY",
    level: "SCHOOL",
    budgetYuan: 50000,
    platform: "理论学习研讨室",
    description: "以理想信念教育为主线，探索主题班会、红色文化与日常思想政治教育的融合路径。",
    directions: [
      { name: "主题班会课程化设计", description: "将主题班会打造为系列化、课程化的思政载体。", keywords: ["主题班会设计", "理想信念教育", "课程思政"] },
      { name: "红色文化育人实践", description: "依托地方红色资源开展沉浸式教育。", keywords: ["红色文化育人", "党史学习教育"] },
    ],
  },
  {
    name: "“青春领航”党团班级建设工作室",
    duty: "PARTY_CLASS",
    level: "SCHOOL",
    budgetYuan: 40000,
    platform: "党员活动室",
    description: "研究学生党支部“双创”工作与班团一体化建设，培养学生骨干队伍。",
    directions: [
      { name: "学生党支部标准化建设", description: "对标“样板支部”的学生党支部建设路径。", keywords: ["学生党支部建设", "发展党员工作"] },
      { name: "班团一体化与骨干培养", description: "班委、团支委协同机制与学生骨干培训。", keywords: ["班级建设", "团支部活力提升", "学生骨干培养"] },
    ],
  },
  {
    name: "“笃学”学风建设辅导员工作室",
    duty: "STUDY_STYLE",
    level: "SCHOOL",
    budgetYuan: 30000,
    platform: "朋辈学习中心",
    description: "构建学业预警与帮扶体系，推动朋辈互助学习与考研升学指导。",
    directions: [
      { name: "学业预警与精准帮扶", description: "学业困难学生的识别、帮扶与跟踪。", keywords: ["学业预警", "学业规划"] },
      { name: "朋辈互助学习共同体", description: "学习小组与学业导师制度建设。", keywords: ["朋辈互助学习", "考研辅导", "学风建设"] },
    ],
  },
  {
    name: "“暖心”资助育人辅导员工作室",
    duty: "DAILY_AFFAIRS",
    level: "SCHOOL",
    budgetYuan: 30000,
    platform: "学生事务服务大厅工作点",
    description: "探索“资助+育人”模式，提升家庭经济困难学生综合素质与发展能力。",
    directions: [
      { name: "发展型资助育人", description: "从保障型资助走向发展型资助的项目设计。", keywords: ["资助育人", "奖助评定"] },
      { name: "书院制社区育人", description: "学生宿舍社区的自我管理与文化建设。", keywords: ["宿舍管理", "安全教育"] },
    ],
  },
  {
    name: "“e路同行”网络思政辅导员工作室",
    duty: "ONLINE_EDUCATION",
    level: "NATIONAL",
    budgetYuan: 100000,
    platform: "融媒体工作室（含演播间）",
    description: "依托易班与新媒体平台开展网络育人，打造网络文化精品。",
    directions: [
      { name: "易班平台育人功能建设", description: "易班轻应用与线上线下联动育人。", keywords: ["易班建设", "新媒体运营"] },
      { name: "网络文化作品创作", description: "短视频、微电影等网络文化作品的策划与传播。", keywords: ["短视频育人", "网络文化作品", "网络舆情引导"] },
    ],
  },
  {
    name: "“守护”校园危机应对工作室",
    duty: "CRISIS",
    level: "SCHOOL",
    budgetYuan: 35000,
    platform: "应急演练室",
    description: "研究校园突发事件的研判、处置与善后，建设案例库与应急预案。",
    directions: [
      { name: "突发事件处置案例库", description: "典型案例的复盘与处置流程提炼。", keywords: ["突发事件处置", "应急预案演练"] },
      { name: "网络舆情与家校沟通", description: "危机事件中的舆情应对与家长沟通策略。", keywords: ["舆情应对", "家校沟通", "安全稳定研判"] },
    ],
  },
  {
    name: "“启航”生涯规划与就业指导工作室",
    duty: "CAREER",
    level: "PROVINCIAL",
    budgetYuan: 60000,
    platform: "生涯咨询室、模拟面试室",
    description: "开展生涯咨询与就业指导，引导学生到基层和重点领域就业。",
    directions: [
      { name: "大学生生涯发展咨询", description: "一对一生涯咨询与生涯团辅。", keywords: ["生涯规划", "简历与面试辅导"] },
      { name: "基层就业与创新创业引导", description: "选调生、西部计划与创新创业项目培育。", keywords: ["基层就业引导", "创新创业", "就业指导"] },
    ],
  },
  {
    name: "“知行”思政理论与实践研究工作室",
    duty: "RESEARCH",
    level: "SCHOOL",
    budgetYuan: 45000,
    platform: "研究资料室",
    description: "提升辅导员科研能力，组织课题申报、论文写作与案例写作训练。",
    directions: [
      { name: "辅导员科研能力提升", description: "课题申报与论文写作工作坊。", keywords: ["思政课题申报", "论文写作"] },
      { name: "思政教育案例研究", description: "案例写作规范与质性研究方法。", keywords: ["案例写作", "质性研究方法", "调查问卷设计"] },
    ],
  },
  {
    name: "“阳光”新生适应心理辅导工作室",
    duty: "MENTAL_HEALTH",
    level: "SCHOOL",
    budgetYuan: 25000,
    platform: "新生成长辅导室",
    description: "关注新生入学适应，开展团体辅导与适应性教育。",
    directions: [
      { name: "新生入学适应团体辅导", description: "以团体辅导促进新生人际与学业适应。", keywords: ["新生适应", "团体心理辅导"] },
      { name: "特殊群体学生关爱", description: "家庭经济困难、学业困难学生的心理支持。", keywords: ["心理普查与约谈", "资助育人"] },
    ],
  },
  {
    name: "“红烛”课程思政协同工作室",
    duty: "IDEOLOGY",
    level: "SCHOOL",
    budgetYuan: 30000,
    platform: "课程思政研讨室",
    description: "辅导员与专业课教师协同推进课程思政与第二课堂融合。",
    directions: [
      { name: "专业课程思政协同育人", description: "辅导员参与专业课程思政的机制研究。", keywords: ["课程思政", "理想信念教育"] },
      { name: "第二课堂思政品牌", description: "校园文化活动中的价值引领。", keywords: ["主题班会设计", "红色文化育人"] },
    ],
  },
  {
    name: "“筑梦”创新创业指导工作室",
    duty: "CAREER",
    level: "SCHOOL",
    budgetYuan: 40000,
    platform: "众创空间工位区",
    description: "指导学生参加创新创业大赛，孵化学生创业项目。",
    directions: [
      { name: "创新创业大赛指导", description: "“互联网+”“挑战杯”等赛事的项目培育。", keywords: ["创新创业", "就业指导"] },
      { name: "创业项目孵化与跟踪", description: "学生创业项目的孵化与长期跟踪。", keywords: ["创新创业", "生涯规划"] },
    ],
  },
];

export const HONOURS: Array<{ name: string; level: Level }> = [
  { name: "校级优秀辅导员", level: "SCHOOL" },
  { name: "校级优秀共产党员", level: "SCHOOL" },
  { name: "省高校辅导员年度人物提名奖", level: "PROVINCIAL" },
  { name: "省高校辅导员素质能力大赛三等奖", level: "PROVINCIAL" },
  { name: "省优秀思想政治工作者", level: "PROVINCIAL" },
  { name: "全国高校网络教育优秀作品", level: "NATIONAL" },
  { name: "校级教学成果奖", level: "SCHOOL" },
];

export interface MentorSeed {
  name: string;
  kind: MentorKind;
  organisation: string;
  title: string;
  duties: Duty[];
  capacity: number;
  bio: string;
}

/** A few named mentors; the rest of the 40 are generated with Faker names. */
export const NAMED_MENTORS: MentorSeed[] = [
  { name: "赵立群", kind: "INTERNAL", organisation: "教育学院心理学系", title: "教授", duties: ["MENTAL_HEALTH", "RESEARCH"], capacity: 3, bio: "长期从事大学生心理健康教育研究，主持国家社科基金项目 2 项。" },
  { name: "孙颖", kind: "EXTERNAL", organisation: "省高校心理健康教育指导中心", title: "主任、研究员", duties: ["MENTAL_HEALTH", "CRISIS"], capacity: 2, bio: "负责全省高校心理危机干预培训，参与制定省级心理健康教育工作规范。" },
];

export const EXTERNAL_ORGANISATIONS = [
  "省委教育工委思政处",
  "省高校辅导员培训和研修基地",
  "兄弟高校学生工作部",
  "市青少年心理援助中心",
  "省人才服务中心",
  "团省委学校部",
  "省网络文化研究中心",
  "市公安局网络安全支队",
];

export const OUTPUT_TITLES: Record<OutputType, string[]> = {
  PAPER: ["新时代高校辅导员{topic}的路径探析", "基于实证调查的{topic}研究", "“三全育人”视域下{topic}的实践与思考"],
  BOOK: ["{topic}工作手册", "高校{topic}案例精选"],
  RESEARCH_PROJECT: ["{topic}机制研究（省教育厅思政专项）", "{topic}的协同育人模式研究"],
  CASE: ["一名大学生的{topic}个案", "以{topic}破解班级工作难题"],
  CULTURE_PRODUCT: ["“{topic}”系列微视频", "{topic}主题文创作品集"],
  AWARD: ["省高校思政工作精品项目（{topic}）", "校优秀育人成果奖（{topic}）"],
  COURSE: ["《{topic}》微课程", "{topic}专题培训课"],
};

export const TITLES_BY_STAGE: Record<"novice" | "growing" | "experienced" | "expert", ProfessionalTitle[]> = {
  novice: ["NONE", "TEACHING_ASSISTANT"],
  growing: ["TEACHING_ASSISTANT", "LECTURER"],
  experienced: ["LECTURER"],
  expert: ["ASSOCIATE_PROFESSOR", "ASSOCIATE_PROFESSOR", "ASSOCIATE_RESEARCHER", "PROFESSOR"],
};
