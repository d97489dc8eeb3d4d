/**
 * /compliance endpoints: a subtree's summary by requirement for a period, the organisations that
 * fall short with the server's verdict lines, the 12-month trend, one organisation's verdicts with
 * the activities they counted (drill-down), and the versioned rule sets.
 */
import type { ComplianceQuery, ComplianceSummary, OrgCompliance, RuleSetCreateInput, RuleSetView, ShortfallPage, ShortfallsQuery, TrendQuery, TrendView } from '@pioneer/domain';
import { http } from './client.ts';

export const complianceApi = {
  summary: (query: ComplianceQuery) => http.get<ComplianceSummary>('/compliance/summary', query),
  shortfalls: (query: ShortfallsQuery) => http.get<ShortfallPage>('/compliance/shortfalls', query),
  trend: (query: TrendQuery) => http.get<TrendView>('/compliance/trend', query),
  org: (orgId: string, period: string) => http.get<OrgCompliance>(`/compliance/orgs/${orgId}`, { period }),
  ruleSets: () => http.get<RuleSetView[]>('/compliance/rule-sets'),
  addRuleSet: (input: RuleSetCreateInput) => http.post<RuleSetView>('/compliance/rule-sets', input),
};
