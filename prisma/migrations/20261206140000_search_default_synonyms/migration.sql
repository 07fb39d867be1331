-- Synonyms are expanded when a query is planned (app/search/chinese.ts, decision 046), no longer
-- pushed into Meilisearch's settings: an edit needs no index work, so the table stops feeding the outbox.
DROP TRIGGER search_outbox ON "SearchSynonymGroup";
DROP FUNCTION search_outbox_synonyms();
DELETE FROM "SearchOutbox" WHERE "kind" = 'synonyms';

-- The defaults grow to the vocabulary of the nine duties (app/search/default-synonyms.ts lists the
-- same groups). What 学工部 changed stays as it is: an original group is extended only while it
-- still holds exactly its original terms, and a new group is added only when none of its terms
-- belongs to a group already (and its id is free).

UPDATE "SearchSynonymGroup" SET "terms" = ARRAY['资助', '奖助', '奖助学金'], "updatedAt" = CURRENT_TIMESTAMP
WHERE "id" = 'syn-aid' AND "terms" = ARRAY['资助', '奖助']
  AND NOT EXISTS (SELECT 1 FROM "SearchSynonymGroup" g WHERE g."terms" && ARRAY['奖助学金']);
UPDATE "SearchSynonymGroup" SET "terms" = ARRAY['网络思政', '网络思想政治教育', '网络育人'], "updatedAt" = CURRENT_TIMESTAMP
WHERE "id" = 'syn-online' AND "terms" = ARRAY['网络思政', '网络思想政治教育']
  AND NOT EXISTS (SELECT 1 FROM "SearchSynonymGroup" g WHERE g."terms" && ARRAY['网络育人']);
UPDATE "SearchSynonymGroup" SET "terms" = ARRAY['危机干预', '危机应对', '危机处置'], "updatedAt" = CURRENT_TIMESTAMP
WHERE "id" = 'syn-crisis' AND "terms" = ARRAY['危机干预', '危机应对']
  AND NOT EXISTS (SELECT 1 FROM "SearchSynonymGroup" g WHERE g."terms" && ARRAY['危机处置']);

INSERT INTO "SearchSynonymGroup" ("id", "terms", "updatedAt")
SELECT v."id", v."terms", CURRENT_TIMESTAMP FROM (VALUES
  ('syn-values', ARRAY['价值引领', '价值引导']),
  ('syn-patriotism', ARRAY['爱国主义教育', '爱国教育']),
  ('syn-core-values', ARRAY['社会主义核心价值观', '核心价值观']),
  ('syn-ideology-course', ARRAY['思政课', '思想政治理论课']),
  ('syn-party-history', ARRAY['党史学习教育', '党史教育']),
  ('syn-party-member', ARRAY['发展党员', '党员发展']),
  ('syn-league-member', ARRAY['团员', '共青团员']),
  ('syn-class-meeting', ARRAY['主题班会', '班会']),
  ('syn-class-building', ARRAY['班级建设', '班集体建设']),
  ('syn-student-cadre', ARRAY['学生干部', '班干部']),
  ('syn-academic-warning', ARRAY['学业预警', '学业警示']),
  ('syn-academic-help', ARRAY['学业帮扶', '学业辅导']),
  ('syn-exam-integrity', ARRAY['考风考纪', '诚信考试']),
  ('syn-postgrad', ARRAY['考研', '研究生入学考试']),
  ('syn-hardship', ARRAY['家庭经济困难学生', '经济困难学生', '困难学生']),
  ('syn-work-study', ARRAY['勤工助学', '勤工俭学']),
  ('syn-awards', ARRAY['评奖评优', '评优评先']),
  ('syn-military', ARRAY['军训', '军事训练']),
  ('syn-dorm-check', ARRAY['查寝', '宿舍检查']),
  ('syn-graduation', ARRAY['毕业离校', '离校手续']),
  ('syn-counseling', ARRAY['心理咨询', '心理辅导']),
  ('syn-screening', ARRAY['心理普查', '心理筛查', '心理测评']),
  ('syn-emotion', ARRAY['情绪管理', '情绪调节']),
  ('syn-opinion', ARRAY['舆情', '舆论']),
  ('syn-new-media', ARRAY['新媒体', '融媒体']),
  ('syn-short-video', ARRAY['短视频', '微视频']),
  ('syn-wechat', ARRAY['公众号', '微信公众号']),
  ('syn-emergency', ARRAY['突发事件', '紧急事件']),
  ('syn-contingency', ARRAY['应急预案', '应急方案']),
  ('syn-home-school', ARRAY['家校沟通', '家校联系', '家校合作']),
  ('syn-fraud', ARRAY['电信诈骗', '电信网络诈骗', '网络诈骗']),
  ('syn-employment-guidance', ARRAY['就业指导', '就业服务']),
  ('syn-entrepreneurship', ARRAY['创业', '创新创业', '双创']),
  ('syn-internship', ARRAY['实习', '见习']),
  ('syn-job-fair', ARRAY['招聘会', '双选会']),
  ('syn-project-application', ARRAY['课题申报', '项目申报']),
  ('syn-case-study', ARRAY['案例研究', '案例分析']),
  ('syn-questionnaire', ARRAY['问卷调查', '调查问卷']),
  ('syn-excellent', ARRAY['精品项目', '品牌项目'])
) AS v("id", "terms")
WHERE NOT EXISTS (SELECT 1 FROM "SearchSynonymGroup" g WHERE g."id" = v."id" OR g."terms" && v."terms");
