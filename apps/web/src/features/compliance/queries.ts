/** React Query hooks for the compliance dashboard, its drill-down and the rule sets. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RuleSetCreateInput } from '@pioneer/domain';
import { complianceApi } from '../../api/compliance.ts';

export const complianceKeys = {
  all: ['compliance'] as const,
  summary: (orgId: string, period: string) => ['compliance', 'summary', orgId, period] as const,
  shortfalls: (orgId: string, period: string, page: number, pageSize: number) => ['compliance', 'shortfalls', orgId, period, page, pageSize] as const,
  trend: (orgId: string, month: string) => ['compliance', 'trend', orgId, month] as const,
  org: (orgId: string, period: string) => ['compliance', 'org', orgId, period] as const,
  ruleSets: ['compliance', 'rule-sets'] as const,
};

export function useComplianceSummary(orgId: string | null, period: string) {
  return useQuery({ queryKey: complianceKeys.summary(orgId ?? '', period), queryFn: () => complianceApi.summary({ orgId: orgId!, period }), enabled: Boolean(orgId), placeholderData: keepPreviousData });
}

export function useShortfalls(orgId: string | null, period: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: complianceKeys.shortfalls(orgId ?? '', period, page, pageSize),
    queryFn: () => complianceApi.shortfalls({ orgId: orgId!, period, page, pageSize }),
    enabled: Boolean(orgId),
    placeholderData: keepPreviousData,
  });
}

export function useTrend(orgId: string | null, month: string) {
  return useQuery({ queryKey: complianceKeys.trend(orgId ?? '', month), queryFn: () => complianceApi.trend({ orgId: orgId!, month }), enabled: Boolean(orgId), placeholderData: keepPreviousData });
}

export function useOrgCompliance(orgId: string | null, period: string) {
  return useQuery({ queryKey: complianceKeys.org(orgId ?? '', period), queryFn: () => complianceApi.org(orgId!, period), enabled: Boolean(orgId) });
}

export function useRuleSets() {
  return useQuery({ queryKey: complianceKeys.ruleSets, queryFn: complianceApi.ruleSets });
}

export function useAddRuleSet() {
  const queryClient = useQueryClient();
  // A new set can change future verdicts only, but every cached figure is cheap to ask again.
  return useMutation({ mutationFn: (input: RuleSetCreateInput) => complianceApi.addRuleSet(input), onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.all }) });
}
