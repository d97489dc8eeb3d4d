/**
 * Practice rule of central-group study (理论学习中心组): each member writes one to two research
 * reports (调研报告) a year. Fewer than the minimum is flagged; the maximum is the customary ceiling
 * (more are kept, not refused), so the web can say "1–2 a year". Local practice, not a regulation
 * (domain.md §4): the source says so, like the practice requirements of rule-sets.ts.
 */
export const researchReportsPerYear = {
  min: 1,
  max: 2,
  source: '实践做法（可配置）：理论学习中心组成员每年撰写1至2篇调研报告',
} as const;

/** True when a member has written fewer research reports in a year than the practice asks. */
export const researchReportsShort = (count: number): boolean => count < researchReportsPerYear.min;
