/** Who belongs to a differentiated-training group, at the age boundary and by each rule. */
import { describe, expect, it } from 'vitest';
import { belongsToGroup, youngMemberCutoff } from './training-groups.ts';

const person = { category: 'full', birthDate: '1990-06-01', isLeadingCadre: false, isPartyAffairsWorker: false, businessLine: null as string | null };

describe('belongsToGroup', () => {
  it('counts a member as young until the year in which they are 35 on 1 January', () => {
    expect(youngMemberCutoff(2026)).toBe('1991-01-01');
    expect(belongsToGroup({ kind: 'young_members' }, { ...person, birthDate: '1991-01-02' }, 2026)).toBe(true);
    expect(belongsToGroup({ kind: 'young_members' }, { ...person, birthDate: '1991-01-01' }, 2026)).toBe(false);
    expect(belongsToGroup({ kind: 'young_members' }, { ...person, birthDate: '1991-01-01' }, 2025)).toBe(true);
  });

  it('draws rule groups from full and probationary members only, except the candidates group', () => {
    const applicant = { ...person, category: 'applicant', isLeadingCadre: true, birthDate: '2000-01-01' };
    expect(belongsToGroup({ kind: 'leading_cadres' }, applicant, 2026)).toBe(false);
    expect(belongsToGroup({ kind: 'young_members' }, applicant, 2026)).toBe(false);
    expect(belongsToGroup({ kind: 'candidates_probationary' }, { ...person, category: 'candidate' }, 2026)).toBe(true);
    expect(belongsToGroup({ kind: 'candidates_probationary' }, { ...person, category: 'probationary' }, 2026)).toBe(true);
    expect(belongsToGroup({ kind: 'candidates_probationary' }, person, 2026)).toBe(false);
  });

  it('follows the flags and the business line of the record; a custom group has no rule', () => {
    expect(belongsToGroup({ kind: 'leading_cadres' }, { ...person, isLeadingCadre: true }, 2026)).toBe(true);
    expect(belongsToGroup({ kind: 'party_affairs_workers' }, { ...person, isPartyAffairsWorker: true }, 2026)).toBe(true);
    expect(belongsToGroup({ kind: 'business_line', businessLine: 'economy' }, { ...person, businessLine: 'economy' }, 2026)).toBe(true);
    expect(belongsToGroup({ kind: 'business_line', businessLine: 'petitions' }, { ...person, businessLine: 'economy' }, 2026)).toBe(false);
    expect(belongsToGroup({ kind: 'custom' }, { ...person, isLeadingCadre: true }, 2026)).toBe(false);
  });
});
