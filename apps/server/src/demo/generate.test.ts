/** The demo county generator: deterministic, and every record it makes passes the rules the API enforces. */
import { ageOn, checkIdNumber, checkOrgPlacement, checkPassword, checkPersonRecord, isPartyMember, lostContactFlag, type OrgKind } from '@pioneer/domain';
import { describe, expect, it } from 'vitest';
import { apportion, createRandom, DEMO_PASSWORD, DEMO_REFERENCE_DAY, DEMO_ROOT_CODE, generateCounty, type DemoCounty } from './generate.ts';

const today = DEMO_REFERENCE_DAY;
const county = generateCounty({ size: 1, seed: 'test', today });

const count = <T>(items: T[], predicate: (item: T) => boolean) => items.filter(predicate).length;
const kinds = (c: DemoCounty, kind: OrgKind) => count(c.orgs, (o) => o.kind === kind);

describe('createRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRandom('x');
    const b = createRandom('x');
    const c = createRandom('y');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws integers over the whole inclusive range', () => {
    const r = createRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('apportion', () => {
  it('splits a total exactly, proportionally, honouring minimums', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(apportion(10, [1, 0, 0], [0, 3, 3])).toEqual([4, 3, 3]);
    expect(apportion(100, [3, 3, 3]).reduce((s, n) => s + n, 0)).toBe(100);
  });

  it('gives the minimums when they exceed the total', () => {
    expect(apportion(2, [1, 1], [3, 3])).toEqual([3, 3]);
  });
});

describe('generateCounty', () => {
  it('gives identical output for the same seed, size and day, and a different county for another seed', () => {
    const again = generateCounty({ size: 1, seed: 'test', today });
    expect(JSON.stringify(again)).toBe(JSON.stringify(county));
    const other = generateCounty({ size: 1, seed: 'other', today });
    expect(other.people.slice(0, 50).map((p) => p.name)).not.toEqual(county.people.slice(0, 50).map((p) => p.name));
  });

  it('refuses a size that is not a positive number', () => {
    expect(() => generateCounty({ size: 0 })).toThrow(RangeError);
    expect(() => generateCounty({ size: Number.NaN })).toThrow(RangeError);
    expect(() => generateCounty({ size: -1 })).toThrow(RangeError);
  });

  it('has the shape the brief asks for at size 1: one committee, ~20 units, ~40 general branches, ~300 branches, ~8,000 people', () => {
    expect(kinds(county, 'working_committee')).toBe(1);
    expect(kinds(county, 'party_committee') + kinds(county, 'leading_party_group')).toBe(20);
    expect(kinds(county, 'party_committee')).toBeGreaterThanOrEqual(5);
    expect(kinds(county, 'leading_party_group')).toBeGreaterThanOrEqual(10);
    expect(kinds(county, 'general_branch')).toBeGreaterThanOrEqual(35);
    expect(kinds(county, 'general_branch')).toBeLessThanOrEqual(45);
    expect(kinds(county, 'branch')).toBe(300);
    expect(kinds(county, 'party_group')).toBeGreaterThan(50);
    expect(county.people).toHaveLength(8000);
    expect(county.orgs[0]).toMatchObject({ code: DEMO_ROOT_CODE, name: '县直机关工委', kind: 'working_committee', parentCode: null });
  });

  it('names units after real county agencies', () => {
    const names = county.orgs.filter((o) => o.kind === 'party_committee' || o.kind === 'leading_party_group').map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['县教育局党委', '县财政局党组', '县发展和改革局党组', '县卫生健康局党委', '县公安局党委']));
  });

  it('scales linearly with size', () => {
    const small = generateCounty({ size: 0.05, seed: 'test', today });
    expect(small.people).toHaveLength(400);
    expect(kinds(small, 'branch')).toBe(15);
    expect(kinds(small, 'party_committee')).toBe(1);
    expect(kinds(small, 'leading_party_group')).toBe(1);
    const double = generateCounty({ size: 2, seed: 'test', today });
    expect(double.people).toHaveLength(16000);
    expect(kinds(double, 'branch')).toBe(600);
    expect(kinds(double, 'party_committee') + kinds(double, 'leading_party_group')).toBe(40);
    expect(kinds(double, 'general_branch')).toBeGreaterThanOrEqual(70);
  });

  it('places every organisation where the tree rules allow, under a parent listed before it, with unique codes', () => {
    const byCode = new Map(county.orgs.map((o) => [o.code, o]));
    expect(byCode.size).toBe(county.orgs.length);
    const seen = new Set<string>();
    for (const o of county.orgs) {
      const parent = o.parentCode ? byCode.get(o.parentCode) : null;
      if (o.parentCode) expect(seen.has(o.parentCode), `${o.code} after its parent`).toBe(true);
      expect(checkOrgPlacement(parent?.kind ?? null, o.kind), `${o.name} under ${parent?.name}`).toBeNull();
      if (parent) expect(o.establishedOn >= parent.establishedOn, `${o.name} founded after ${parent.name}`).toBe(true);
      expect(o.code).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
      seen.add(o.code);
    }
  });

  it('puts people only in branches, each with at least three full members, and sets has_committee at seven party members', () => {
    const branchCodes = new Set(county.orgs.filter((o) => o.kind === 'branch').map((o) => o.code));
    expect(county.people.every((p) => branchCodes.has(p.orgCode))).toBe(true);
    for (const branch of county.orgs.filter((o) => o.kind === 'branch')) {
      const members = county.people.filter((p) => p.orgCode === branch.code);
      expect(count(members, (p) => p.category === 'full'), branch.name).toBeGreaterThanOrEqual(3);
      expect(branch.hasCommittee, branch.name).toBe(count(members, (p) => isPartyMember(p.category)) >= 7);
      expect(count(members, (p) => p.isSecretary && !p.isLeadingCadre), `one branch secretary in ${branch.name}`).toBe(1);
      const committee = count(members, (p) => p.isCommitteeMember);
      expect(committee === 0 || committee === 3 || committee === 5, `${branch.name} committee of ${committee}`).toBe(true);
      expect(committee > 0).toBe(branch.hasCommittee);
    }
    // Some small branches have no committee, most do.
    const withCommittee = count(county.orgs, (o) => o.kind === 'branch' && o.hasCommittee);
    expect(withCommittee).toBeGreaterThan(150);
    expect(withCommittee).toBeLessThan(300);
  });

  it('makes every person a record that checkPersonRecord accepts for the generation day', () => {
    const problems = county.people.map((p) => ({ name: p.name, issues: checkPersonRecord(p, today).issues })).filter((r) => r.issues.length > 0);
    expect(problems).toEqual([]);
  });

  it('gives valid, unique citizen ID numbers matching birth date and sex, from one county and its neighbours', () => {
    const ids = new Set<string>();
    const regions = new Map<string, number>();
    for (const p of county.people) {
      const id = checkIdNumber(p.idNumber, today);
      expect(id.ok, p.idNumber).toBe(true);
      if (!id.ok) continue;
      expect(id.info.birthDate).toBe(p.birthDate);
      expect(id.info.sex).toBe(p.sex);
      ids.add(p.idNumber);
      regions.set(id.info.regionCode, (regions.get(id.info.regionCode) ?? 0) + 1);
    }
    expect(ids.size).toBe(county.people.length);
    expect(regions.get('130123')! / county.people.length).toBeGreaterThan(0.7);
    expect([...regions.keys()].every((r) => r.startsWith('1301'))).toBe(true);
  });

  it('gives realistic names, sexes, ethnicities, phones and ages', () => {
    const n = county.people.length;
    expect(county.people.every((p) => /^[\u4e00-\u9fff]{2,4}$/.test(p.name))).toBe(true);
    const surnames = new Map<string, number>();
    for (const p of county.people) surnames.set(p.name[0]!, (surnames.get(p.name[0]!) ?? 0) + 1);
    // 王, 李 and 张 are each about 7% of the population.
    for (const s of ['王', '李', '张']) expect(surnames.get(s)! / n).toBeGreaterThan(0.05);
    expect(surnames.size).toBeGreaterThan(80);
    expect(count(county.people, (p) => p.name.length === 2) / n).toBeGreaterThan(0.15);
    expect(count(county.people, (p) => p.name.length === 3) / n).toBeGreaterThan(0.5);
    const male = count(county.people, (p) => p.sex === 'male') / n;
    expect(male).toBeGreaterThan(0.45);
    expect(male).toBeLessThan(0.65);
    expect(count(county.people, (p) => p.ethnicity === '汉族') / n).toBeGreaterThan(0.9);
    expect(count(county.people, (p) => p.phone !== null) / n).toBeGreaterThan(0.95);
    expect(new Set(county.people.map((p) => p.phone).filter(Boolean)).size).toBe(count(county.people, (p) => p.phone !== null));
    expect(county.people.every((p) => p.education && p.post)).toBe(true);
    for (const p of county.people) {
      const age = ageOn(p.birthDate, today);
      expect(age).toBeGreaterThanOrEqual(p.isRetired ? 60 : 22);
      expect(age).toBeLessThanOrEqual(p.isRetired ? 89 : 60);
    }
  });

  it('is mostly full members, with some probationary members, applicants, activists and candidates', () => {
    const share = (c: string) => count(county.people, (p) => p.category === c) / county.people.length;
    expect(share('full')).toBeGreaterThan(0.8);
    expect(share('full')).toBeLessThan(0.95);
    for (const c of ['probationary', 'applicant', 'activist', 'candidate']) {
      expect(share(c), c).toBeGreaterThan(0.01);
      expect(share(c), c).toBeLessThan(0.06);
    }
  });

  it('includes a few lost-contact members (some past 6 months, some past 2 years), flowing-out and study-exempt members', () => {
    const lost = county.people.filter((p) => p.status === 'lost_contact');
    expect(lost.length).toBeGreaterThanOrEqual(10);
    expect(lost.length).toBeLessThan(60);
    const flags = lost.map((p) => lostContactFlag(p.lostContactSince ?? null, today));
    expect(flags).toContain('none');
    expect(flags).toContain('over_6_months');
    expect(flags).toContain('over_2_years');
    expect(lost.every((p) => p.category === 'full')).toBe(true);
    const flowing = count(county.people, (p) => p.status === 'flowing_out');
    expect(flowing).toBeGreaterThanOrEqual(10);
    expect(flowing).toBeLessThan(100);
    const exempt = county.people.filter((p) => p.studyExempt);
    expect(exempt.length).toBeGreaterThanOrEqual(10);
    expect(exempt.every((p) => p.studyExemptReason === '年老体弱' && p.isInfirm && ageOn(p.birthDate, today) >= 72)).toBe(true);
  });

  it('marks leading cadres, party-affairs workers, secretaries and retirees', () => {
    const leaders = county.people.filter((p) => p.isLeadingCadre);
    expect(leaders.length).toBeGreaterThanOrEqual(60);
    expect(leaders.every((p) => p.category === 'full')).toBe(true);
    expect(count(county.people, (p) => p.isPartyAffairsWorker)).toBeGreaterThan(200);
    // A secretary per branch, and the secretary of each 党委/党组.
    expect(count(county.people, (p) => p.isSecretary)).toBe(300 + 20);
    expect(count(county.people, (p) => p.isRetired)).toBeGreaterThan(100);
  });

  it('plans the README accounts on the right organisations, each linked to a suitable person', () => {
    const byCode = new Map(county.orgs.map((o) => [o.code, o]));
    const people = new Map(county.people.map((p) => [p.key, p]));
    const account = (u: string) => county.accounts.find((a) => a.username === u)!;
    expect(county.accounts.map((a) => a.username)).toEqual(['wc_officer', 'unit_secretary', 'branch_secretary', 'branch2_secretary', 'member1', 'member2']);
    expect(account('wc_officer')).toMatchObject({ role: 'committee_officer', orgCode: DEMO_ROOT_CODE });
    expect(byCode.get(account('unit_secretary').orgCode)!.kind).toBe('party_committee');
    const isUnder = (code: string, ancestor: string): boolean => code === ancestor || (byCode.get(code)!.parentCode !== null && isUnder(byCode.get(code)!.parentCode!, ancestor));
    expect(isUnder(account('branch_secretary').orgCode, account('unit_secretary').orgCode)).toBe(true);
    expect(isUnder(account('branch2_secretary').orgCode, account('unit_secretary').orgCode)).toBe(false);
    expect(byCode.get(account('branch_secretary').orgCode)!.kind).toBe('branch');
    expect(byCode.get(account('branch2_secretary').orgCode)!.kind).toBe('branch');
    for (const a of county.accounts) {
      const p = people.get(a.personKey)!;
      expect(a.displayName).toBe(p.name);
      expect(p.status).toBe('normal');
      if (a.role === 'member') {
        expect(p).toMatchObject({ category: 'full', isSecretary: false, orgCode: a.orgCode });
        expect(p.phone).toBeTruthy();
      }
      if (a.role === 'secretary' && byCode.get(a.orgCode)!.kind === 'branch') expect(p).toMatchObject({ isSecretary: true, orgCode: a.orgCode });
      expect(checkPassword(DEMO_PASSWORD, a.username)).toEqual([]);
    }
    expect(new Set(county.accounts.map((a) => a.personKey)).size).toBe(6);
  });

  it('generates a county a tiny size still has every account and exception in', () => {
    const tiny = generateCounty({ size: 0.01, seed: 'tiny', today });
    expect(tiny.accounts).toHaveLength(6);
    expect(count(tiny.people, (p) => p.status === 'lost_contact')).toBeGreaterThanOrEqual(3);
    expect(count(tiny.people, (p) => p.status === 'flowing_out')).toBeGreaterThanOrEqual(2);
    expect(count(tiny.people, (p) => p.studyExempt)).toBeGreaterThanOrEqual(1);
    expect(tiny.people.every((p) => checkPersonRecord(p, today).issues.length === 0)).toBe(true);
  });

  it('keeps every date consistent for any day it is generated on', () => {
    for (const day of ['2024-02-29', '2030-12-31']) {
      const c = generateCounty({ size: 0.1, seed: day, today: day });
      expect(c.people.filter((p) => checkPersonRecord(p, day).issues.length > 0)).toEqual([]);
    }
  });
});
