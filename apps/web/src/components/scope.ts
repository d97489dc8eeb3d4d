/**
 * The subtree and period a working-committee page looks at, kept in the address (?orgId=&period=)
 * so a view can be bookmarked, shared and returned to after a drill-down. Without an organisation
 * in the address the page starts at the organisation the user was granted (the committee's own
 * for an officer); without a period, at the current one of the default kind.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { MeView, PeriodKind } from '@pioneer/domain';
import { useCurrentUser } from '../features/auth/session.tsx';
import { periodKeyOf, periodKindOf } from './PeriodPicker.tsx';

/** The organisation a manager starts from: their first committee-officer grant, else their first secretary grant. */
export function homeOrgOf(me: Pick<MeView, 'grants'>): string | null {
  const officer = me.grants.find((g) => g.role === 'committee_officer' && g.orgId);
  const secretary = me.grants.find((g) => g.role === 'secretary' && g.orgId);
  return (officer ?? secretary)?.orgId ?? null;
}

export function useScope(options: { kinds: readonly PeriodKind[]; defaultKind?: PeriodKind }) {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const { kinds } = options;
  const rawPeriod = params.get('period');
  const rawKind = periodKindOf(rawPeriod);
  const period = rawPeriod && rawKind && kinds.includes(rawKind) ? rawPeriod : periodKeyOf(options.defaultKind ?? kinds[0]!);
  const orgId = params.get('orgId') ?? homeOrgOf(me);

  const set = useCallback(
    /** Filters replace the address; a drill-down step pushes it, so Back steps out of it. */
    (changes: Record<string, string | null>, options: { push?: boolean } = {}) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: !options.push },
      ),
    [setParams],
  );
  return {
    orgId,
    period,
    setOrg: (id: string | null) => set({ orgId: id }),
    setPeriod: (key: string) => set({ period: key }),
    /** Any other view state kept in the address (a page number, an opened organisation…). */
    params,
    set,
  };
}
