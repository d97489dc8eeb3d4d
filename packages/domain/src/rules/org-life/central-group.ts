/**
 * Practice rule of central-group study (理论学习中心组): each member writes one to two research
 * reports (调研报告) a year. Fewer than the minimum is flagged; the maximum is the customary ceiling
 * (more are kept, not refused), so the web can say "1–2 a year".
 */
export const researchReportsPerYear = { min: 1, max: 2 } as const;

/** True when a member has written fewer research reports in a year than the practice asks. */
export const researchReportsShort = (count: number): boolean => count < researchReportsPerYear.min;
