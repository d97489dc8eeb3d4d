/**
 * The one place the exports learn what a person had to reach in a year and whether they did.
 *
 * TEMPORARY: T1's requirement rules (packages/domain/src/rules/training/, the versioned rule set of
 * issue 4 item 1) were not committed when this was written, so this reads the person's flags with
 * the plain figures of domain.md §5 — 32 hours for members, 56 and one centralised training for
 * secretaries and committee members, one centralised training for probationary members, no hard
 * requirement for exempt members — and nothing finer (no first year after confirmation, no new
 * secretary's six months, no rule-set versions). When T1's functions land, this file switches to
 * them and the exports follow without other changes.
 */
import type { TrainingStatus } from '@pioneer/domain';

export type RequirementInput = {
  category: string;
  is_secretary: boolean;
  is_committee_member: boolean;
  is_infirm: boolean;
  study_exempt: boolean;
  study_exempt_reason: string | null;
};

export type YearRequirement = { exempt: boolean; exemptReason: string | null; hours: number | null; centralised: number };

export function requirementOf(p: RequirementInput): YearRequirement {
  if (p.study_exempt || p.is_infirm) return { exempt: true, exemptReason: p.study_exempt_reason ?? (p.is_infirm ? '年老体弱' : null), hours: null, centralised: 0 };
  const leader = p.is_secretary || p.is_committee_member;
  return { exempt: false, exemptReason: null, hours: leader ? 56 : 32, centralised: leader || p.category === 'probationary' ? 1 : 0 };
}

export type YearStatus = { status: TrainingStatus; /** Why, in zh-CN (the files are Chinese). */ reasons: string[] };

const round1 = (n: number) => Math.round(n * 10) / 10;

export function statusOf(req: YearRequirement, done: { hours: number; centralised: number }): YearStatus {
  if (req.exempt) return { status: 'exempt', reasons: [req.exemptReason ? `免除硬性要求：${req.exemptReason}` : '免除硬性要求'] };
  const reasons: string[] = [];
  if (req.hours !== null && done.hours < req.hours) reasons.push(`差 ${round1(req.hours - done.hours)} 学时`);
  if (done.centralised < req.centralised) reasons.push('尚未参加集中培训');
  return { status: reasons.length === 0 ? 'met' : 'short', reasons };
}
