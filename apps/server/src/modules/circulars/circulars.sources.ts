/**
 * Where a circular's figures come from. Each part is owned by another module and read through its
 * exported function; this file only maps their shapes onto the circular's (so a change there is
 * one edit here, and the stored figures keep their own shape).
 */
import type { CircularFigures } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import { auditFigures } from '../central-groups/central-groups.service.ts';
import { circularFigures } from '../compliance/compliance.service.ts';

type OrgPeriod = { orgId: string; period: string };

/** Verdicts and attendance of the organisations judged in the subtree for the quarter. */
export type ComplianceSection = {
  orgsJudged: number;
  allMet: CircularFigures['allMet'];
  shortfalls: CircularFigures['shortfalls'];
  attendanceExpected: number;
  attendancePresent: number;
};

export type CircularSources = {
  compliance: (ctx: ServerContext, options: OrgPeriod) => Promise<ComplianceSection>;
  audits: (ctx: ServerContext, options: OrgPeriod) => Promise<CircularFigures['audits']>;
};

/** The real sources: the compliance module's verdicts and the central-groups module's audits. */
export const defaultCircularSources: CircularSources = {
  compliance: (ctx, options) => circularFigures(ctx, options),
  audits: (ctx, options) => auditFigures(ctx, options),
};
