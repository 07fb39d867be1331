/**
 * The synonym groups every school starts with: the vocabulary of a counselor's nine duties
 * (《普通高等学校辅导员队伍建设规定》). They are domain words, not demo content, so every fresh
 * database gets them from its migrations (20261121181756_search_outbox_tokens_synonyms and
 * 20261206140000_search_default_synonyms, which must list exactly these groups), and the demo
 * seed puts them back after `npm run db:seed -- --reset` emptied the table. 学工部 edit or delete
 * them at /admin/synonyms like any group; a migration never overwrites such an edit.
 */

export interface DefaultSynonymGroup {
  id: string;
  terms: readonly string[];
}

export const DEFAULT_SYNONYM_GROUPS: readonly DefaultSynonymGroup[] = [
  // 思想理论教育和价值引领
  { id: "syn-ideology", terms: ["思政", "思想政治"] },
  { id: "syn-values", terms: ["价值引领", "价值引导"] },
  { id: "syn-patriotism", terms: ["爱国主义教育", "爱国教育"] },
  { id: "syn-core-values", terms: ["社会主义核心价值观", "核心价值观"] },
  { id: "syn-ideology-course", terms: ["思政课", "思想政治理论课"] },
  { id: "syn-party-history", terms: ["党史学习教育", "党史教育"] },
  // 党团和班级建设
  { id: "syn-party", terms: ["党建", "党的建设"] },
  { id: "syn-party-member", terms: ["发展党员", "党员发展"] },
  { id: "syn-league", terms: ["团支部", "团组织"] },
  { id: "syn-league-member", terms: ["团员", "共青团员"] },
  { id: "syn-class-meeting", terms: ["主题班会", "班会"] },
  { id: "syn-class-building", terms: ["班级建设", "班集体建设"] },
  { id: "syn-student-cadre", terms: ["学生干部", "班干部"] },
  // 学风建设
  { id: "syn-study", terms: ["学风", "学习风气"] },
  { id: "syn-academic-warning", terms: ["学业预警", "学业警示"] },
  { id: "syn-academic-help", terms: ["学业帮扶", "学业辅导"] },
  { id: "syn-exam-integrity", terms: ["考风考纪", "诚信考试"] },
  { id: "syn-postgrad", terms: ["考研", "研究生入学考试"] },
  // 学生日常事务管理
  { id: "syn-freshman", terms: ["新生", "大一新生"] },
  { id: "syn-aid", terms: ["资助", "奖助", "奖助学金"] },
  { id: "syn-hardship", terms: ["家庭经济困难学生", "经济困难学生", "困难学生"] },
  { id: "syn-work-study", terms: ["勤工助学", "勤工俭学"] },
  { id: "syn-awards", terms: ["评奖评优", "评优评先"] },
  { id: "syn-military", terms: ["军训", "军事训练"] },
  { id: "syn-dorm-check", terms: ["查寝", "宿舍检查"] },
  { id: "syn-graduation", terms: ["毕业离校", "离校手续"] },
  // 心理健康教育与咨询工作
  { id: "syn-mental", terms: ["心理", "心理健康"] },
  { id: "syn-counseling", terms: ["心理咨询", "心理辅导"] },
  { id: "syn-screening", terms: ["心理普查", "心理筛查", "心理测评"] },
  { id: "syn-emotion", terms: ["情绪管理", "情绪调节"] },
  { id: "syn-peer", terms: ["朋辈", "同伴"] },
  // 网络思想政治教育
  { id: "syn-online", terms: ["网络思政", "网络思想政治教育", "网络育人"] },
  { id: "syn-opinion", terms: ["舆情", "舆论"] },
  { id: "syn-new-media", terms: ["新媒体", "融媒体"] },
  { id: "syn-short-video", terms: ["短视频", "微视频"] },
  { id: "syn-wechat", terms: ["公众号", "微信公众号"] },
  // 校园危机事件应对
  { id: "syn-crisis", terms: ["危机干预", "危机应对", "危机处置"] },
  { id: "syn-emergency", terms: ["突发事件", "紧急事件"] },
  { id: "syn-contingency", terms: ["应急预案", "应急方案"] },
  { id: "syn-home-school", terms: ["家校沟通", "家校联系", "家校合作"] },
  { id: "syn-fraud", terms: ["电信诈骗", "电信网络诈骗", "网络诈骗"] },
  // 职业规划与就业创业指导
  { id: "syn-career", terms: ["就业", "职业规划", "生涯规划"] },
  { id: "syn-employment-guidance", terms: ["就业指导", "就业服务"] },
  { id: "syn-entrepreneurship", terms: ["创业", "创新创业", "双创"] },
  { id: "syn-internship", terms: ["实习", "见习"] },
  { id: "syn-job-fair", terms: ["招聘会", "双选会"] },
  // 理论和实践研究
  { id: "syn-project-application", terms: ["课题申报", "项目申报"] },
  { id: "syn-case-study", terms: ["案例研究", "案例分析"] },
  { id: "syn-questionnaire", terms: ["问卷调查", "调查问卷"] },
  { id: "syn-excellent", terms: ["精品项目", "品牌项目"] },
];
