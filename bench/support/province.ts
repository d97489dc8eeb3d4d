/**
 * A generated province for the compliance benchmark: a working committee over ~100 county-level
 * party committees, each over its units (党委, or 党组 whose agency's branches sit under the
 * county), general branches, branches and party groups — 300,000 organisations by default — and a
 * year of held activities.
 *
 * The tree's shape is drawn in JavaScript with the demo generator's seeded random numbers (a
 * branch's notional size decides whether it has a committee, ≥7 members, and how many party
 * groups it has), then written with one `unnest` insert per 50,000 rows; its paths are the ones
 * orgs.repo.ts gives ('/' + base-36 seq + '/' per level), the seqs drawn from the identity
 * sequence up front like the demo loader does. Central groups and activities are written in the
 * database with `insert … select` over the organisations and `generate_series`: which activities
 * were held, and on which day, comes from `hashint8` of the organisation's seq, so the same tree
 * always gets the same year. A few organisations are diligent, some patchy, a few poor, so that
 * verdicts vary; about 1.5 % of the branches were founded during the year (judged pro rata).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { addDays, type ActivityKind, type OrgKind, type StudyForm } from '@pioneer/domain';
import type { DB } from '../../apps/server/src/db/schema.ts';
import { createRandom, type Random } from '../../apps/server/src/demo/generate.ts';
import { newId } from '../../apps/server/src/lib/ids.ts';
import { pathSegment } from '../../apps/server/src/modules/orgs/orgs.repo.ts';

export type ProvinceOrg = {
  id: string;
  code: string;
  name: string;
  kind: OrgKind;
  /** Index of the parent in the list (parents come first); -1 for the root. */
  parent: number;
  establishedOn: string;
  hasCommittee: boolean;
  ownsCentralGroup: boolean;
  /** Party members of a branch or party group, its subtree included. */
  members: number;
  /** People whose organisation this is (members of a branch with party groups sit in the groups, except its committee). */
  people: number;
  /** Of those, the secretary and committee members (the first `committee` people). */
  committee: number;
  /** 0 for the root, else the index of the county the organisation belongs to. */
  county: number;
  /** For an owner of a central group: the branch of its leading cadres (its first own branch), else -1. */
  leadership: number;
};

export type Province = { year: number; orgs: ProvinceOrg[]; counties: number[] };

const COUNTY_SIZE = 3_000;

/** Skewed branch sizes: many small offices (3–6 members, no committee), a few of 40–60. */
const branchMembers = (rng: Random) => 3 + Math.floor(rng.next() ** 2.2 * 58);

function establishedBefore(rng: Random, year: number): string {
  return addDays(`${rng.int(1985, year - 2)}-01-01`, rng.int(0, 364));
}

/**
 * The tree, parents before children. `orgs` is met exactly: each county gets its share, filled
 * with whole units while they fit and topped up with small branches directly under the county.
 */
export function generateProvince(options: { orgs: number; seed: string; year: number }): Province {
  const { year } = options;
  const rng = createRandom(`province|${options.seed}|${options.orgs}`);
  const orgs: ProvinceOrg[] = [];
  const counties: number[] = [];
  const add = (org: Omit<ProvinceOrg, 'id' | 'people' | 'committee' | 'leadership'> & { people?: number; committee?: number }) => {
    orgs.push({ id: newId(), people: 0, committee: 0, leadership: -1, ...org });
    return orgs.length - 1;
  };
  const root = add({ code: 'PROV-WC', name: '省直机关工委（基准）', kind: 'working_committee', parent: -1, establishedOn: '1984-01-01', hasCommittee: true, ownsCentralGroup: false, members: 0, county: 0 });

  const countyCount = Math.max(2, Math.round((options.orgs - 1) / COUNTY_SIZE));
  const budgets = Array.from({ length: countyCount }, (_, c) => Math.floor((options.orgs - 1) / countyCount) + (c < (options.orgs - 1) % countyCount ? 1 : 0));

  for (let c = 0; c < countyCount; c++) {
    const budget = budgets[c]!;
    const first = orgs.length;
    const left = () => budget - (orgs.length - first);
    const countyNo = c + 1;
    const county = add({ code: `PROV-C${countyNo}`, name: `第${countyNo}县（市、区）直属机关党委`, kind: 'party_committee', parent: root, establishedOn: establishedBefore(rng, 1990), hasCommittee: true, ownsCentralGroup: true, members: 0, county: 0 });
    counties.push(county);
    orgs[county]!.county = county;

    // A branch with its party groups: a group per ~15 members once the branch has 15. Its
    // committee (secretary and 4 members; a secretary alone below 7 members) sits in the branch,
    // everyone else in the groups.
    const addBranch = (parent: number, code: string, name: string, members: number) => {
      const foundedThisYear = rng.chance(0.015);
      const establishedOn = foundedThisYear ? `${year}-${String(rng.int(2, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` : establishedBefore(rng, year);
      const groups = members >= 15 ? Math.max(2, Math.floor(members / 15)) : 0;
      const committee = members >= 7 ? 5 : 1;
      const branch = add({ code, name, kind: 'branch', parent, establishedOn, hasCommittee: members >= 7, ownsCentralGroup: false, members, county, people: groups ? committee : members, committee });
      const inGroups = members - committee;
      for (let g = 1; g <= groups; g++) {
        const size = Math.floor(inGroups / groups) + (g <= inGroups % groups ? 1 : 0);
        add({ code: `${code}-Z${g}`, name: `${name}第${g}党小组`, kind: 'party_group', parent: branch, establishedOn, hasCommittee: false, ownsCentralGroup: false, members: size, county, people: size });
      }
      return branch;
    };
    // Size of a unit before it is written, so that a county never overshoots its budget.
    type BranchPlan = { members: number };
    type UnitPlan = { leading: boolean; centralGroup: boolean; generalBranches: BranchPlan[][]; direct: BranchPlan[] };
    const planUnit = (): UnitPlan => {
      const leading = rng.chance(0.22);
      const generalBranches = Array.from({ length: leading ? rng.int(0, 1) : rng.int(0, 3) }, () => Array.from({ length: rng.int(2, 7) }, () => ({ members: branchMembers(rng) })));
      const direct = Array.from({ length: rng.int(1, 6) }, () => ({ members: branchMembers(rng) }));
      return { leading, centralGroup: leading || rng.chance(0.35), generalBranches, direct };
    };
    const orgsOf = (b: BranchPlan) => 1 + (b.members >= 15 ? Math.max(2, Math.floor(b.members / 15)) : 0);
    const unitSize = (u: UnitPlan) => 1 + u.generalBranches.reduce((s, gb) => s + 1 + gb.reduce((t, b) => t + orgsOf(b), 0), 0) + u.direct.reduce((s, b) => s + orgsOf(b), 0);

    const countyName = `第${countyNo}县`;
    orgs[county]!.leadership = addBranch(county, `PROV-C${countyNo}-B0`, `${countyName}直属机关党委机关党支部`, 7 + rng.int(0, 20));
    for (let u = 1; ; u++) {
      const plan = planUnit();
      if (unitSize(plan) > left()) break;
      const unitCode = `PROV-C${countyNo}-U${u}`;
      const agency = `${countyName}第${u}单位`;
      const unit = add({
        code: unitCode,
        name: `${agency}${plan.leading ? '党组' : '党委'}`,
        kind: plan.leading ? 'leading_party_group' : 'party_committee',
        parent: county,
        establishedOn: establishedBefore(rng, year),
        hasCommittee: !plan.leading,
        ownsCentralGroup: plan.centralGroup,
        members: 0,
        county,
      });
      // A 党组 has nothing beneath it: its agency's branches sit under the county committee.
      const container = plan.leading ? county : unit;
      plan.generalBranches.forEach((branches, g) => {
        const gbCode = `${unitCode}-G${g + 1}`;
        // The general branch's committee are people of its own.
        const gb = add({ code: gbCode, name: `${agency}第${g + 1}党总支`, kind: 'general_branch', parent: container, establishedOn: establishedBefore(rng, year), hasCommittee: true, ownsCentralGroup: false, members: 5, county, people: 5, committee: 5 });
        branches.forEach((b, i) => addBranch(gb, `${gbCode}-B${i + 1}`, `${agency}第${g + 1}党总支第${i + 1}党支部`, b.members));
      });
      plan.direct.forEach((b, i) => {
        const branch = addBranch(container, `${unitCode}-B${i + 1}`, `${agency}机关第${i + 1}党支部`, b.members);
        if (i === 0) orgs[unit]!.leadership = branch;
      });
    }
    // Top up with small branches (no groups) so the county has exactly its share.
    for (let i = 1; left() > 0; i++) addBranch(county, `PROV-C${countyNo}-S${i}`, `${countyName}直属第${i}党支部`, rng.int(3, 14));
  }
  return { year, orgs, counties };
}

/**
 * The province of a database loaded earlier (`--reuse`), read back in path order (parents before
 * children): what the benchmark's later steps use of it (ids, names, kinds, founding days, the
 * root and the counties). Sizes of branches are not kept in the database and are read as 0.
 */
export async function loadProvince(db: Kysely<DB>, year: number): Promise<Province> {
  const { rows } = await sql<{ id: string; code: string; name: string; kind: OrgKind; parent_id: string | null; established_on: string | null; has_committee: boolean; owns: boolean }>`
    select o.id, o.code, o.name, o.kind, o.parent_id, o.established_on, o.has_committee,
           exists (select 1 from central_groups g where g.org_id = o.id) as owns
    from organizations o where o.active order by o.path using ~<~`.execute(db);
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const orgs: ProvinceOrg[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parent: r.parent_id ? (index.get(r.parent_id) ?? -1) : -1,
    establishedOn: r.established_on ?? '1984-01-01',
    hasCommittee: r.has_committee,
    ownsCentralGroup: Boolean(r.owns),
    members: 0,
    people: 0,
    committee: 0,
    county: 0,
    leadership: -1,
  }));
  if (orgs[0]?.parent !== -1) throw new Error('no province in this database (the first organisation in path order is not a root)');
  const counties = orgs.flatMap((o, i) => (o.parent === 0 && /^PROV-C\d+$/.test(o.code) ? [i] : []));
  orgs.forEach((o, i) => {
    if (i === 0) return;
    o.county = counties.includes(i) ? i : orgs[o.parent]!.county;
  });
  return { year, orgs, counties };
}

const INSERT_CHUNK = 50_000;

/** Writes the tree with one `unnest` insert per 50,000 rows; returns each organisation's path. */
export async function insertProvince(db: Kysely<DB>, province: Province): Promise<string[]> {
  const { orgs } = province;
  const drawn = await sql<{ seq: number }>`select nextval(pg_get_serial_sequence('organizations', 'seq')) as seq from generate_series(1, ${orgs.length})`.execute(db);
  const seqs = drawn.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  const paths: string[] = [];
  const depths: number[] = [];
  orgs.forEach((o, i) => {
    paths.push(`${o.parent >= 0 ? paths[o.parent]! : '/'}${pathSegment(seqs[i]!)}/`);
    depths.push(o.parent >= 0 ? depths[o.parent]! + 1 : 0);
  });
  for (let start = 0; start < orgs.length; start += INSERT_CHUNK) {
    const chunk = orgs.slice(start, start + INSERT_CHUNK);
    const at = (i: number) => start + i;
    await sql`
      insert into organizations (id, seq, code, name, kind, parent_id, path, depth, established_on, has_committee)
      overriding system value
      select * from unnest(
        ${chunk.map((o) => o.id)}::uuid[],
        ${chunk.map((_, i) => seqs[at(i)]!)}::bigint[],
        ${chunk.map((o) => o.code)}::text[],
        ${chunk.map((o) => o.name)}::text[],
        ${chunk.map((o) => o.kind)}::text[],
        ${chunk.map((o) => (o.parent >= 0 ? orgs[o.parent]!.id : null))}::uuid[],
        ${chunk.map((_, i) => paths[at(i)]!)}::text[],
        ${chunk.map((_, i) => depths[at(i)]!)}::int[],
        ${chunk.map((o) => o.establishedOn)}::date[],
        ${chunk.map((o) => o.hasCommittee)}::boolean[]
      )`.execute(db);
  }
  const groups = orgs.filter((o) => o.ownsCentralGroup);
  await sql`
    insert into central_groups (id, org_id, org_path, name)
    select gen_random_uuid(), o.id, o.path, o.name || '理论学习中心组'
    from organizations o where o.id = any(${groups.map((o) => o.id)}::uuid[])`.execute(db);
  return paths;
}

/**
 * One line of the year's activities: which organisations hold it, in which months, and how
 * diligently. `slots` are the months an organisation may hold it in (one activity per slot); a
 * quarterly activity has four slots whose month within the quarter is drawn per organisation.
 */
type ActivityLine = {
  no: number;
  kind: ActivityKind;
  orgKinds: OrgKind[];
  slots: 'monthly' | 'quarterly' | { months: number[] };
  studyForm: StudyForm | 'central_group';
  onlyWithCommittee?: boolean;
  onlyCentralGroup?: boolean;
  topic: string;
  hours: number;
};

export const ACTIVITY_LINES: ActivityLine[] = [
  { no: 1, kind: 'theme_party_day', orgKinds: ['branch'], slots: 'monthly', studyForm: 'collective_study', topic: '主题党日', hours: 2 },
  { no: 2, kind: 'member_assembly', orgKinds: ['branch', 'general_branch'], slots: 'quarterly', studyForm: 'collective_study', topic: '支部党员大会', hours: 2 },
  { no: 3, kind: 'committee_meeting', orgKinds: ['branch', 'general_branch'], slots: 'monthly', studyForm: 'discussion', onlyWithCommittee: true, topic: '支委会', hours: 1 },
  { no: 4, kind: 'party_group_meeting', orgKinds: ['party_group'], slots: 'monthly', studyForm: 'collective_study', topic: '党小组会', hours: 1 },
  { no: 5, kind: 'party_lesson', orgKinds: ['branch'], slots: 'quarterly', studyForm: 'tutorial', topic: '党课', hours: 2 },
  { no: 6, kind: 'party_lesson', orgKinds: ['party_committee', 'leading_party_group'], slots: { months: [6] }, studyForm: 'tutorial', topic: '书记讲党课', hours: 2 },
  { no: 7, kind: 'org_life_meeting', orgKinds: ['branch'], slots: { months: [12] }, studyForm: 'discussion', topic: '组织生活会', hours: 3 },
  { no: 8, kind: 'democratic_review', orgKinds: ['branch'], slots: { months: [12] }, studyForm: 'discussion', topic: '民主评议党员', hours: 3 },
  // Collective study each month, a discussion in one month of each quarter.
  { no: 9, kind: 'central_group_study', orgKinds: ['party_committee', 'leading_party_group'], slots: 'monthly', studyForm: 'central_group', onlyCentralGroup: true, topic: '理论学习中心组学习', hours: 3 },
];

/** Per-mille chance that a slot was held: 80 % of organisations are diligent (99.2 %), 16 % patchy (90 %), 4 % poor (50 %). */
const KEEP = sql`(case when abs(hashint8(o.seq)) % 100 < 4 then 500 when abs(hashint8(o.seq)) % 100 < 20 then 900 else 992 end)`;

/**
 * Writes the held activities of `year` up to `lastDay` (inclusive), one `insert … select` per
 * line; returns the number of rows per kind.
 */
export async function insertYearOfActivities(db: Kysely<DB>, options: { year: number; lastDay: string; timeZone: string }): Promise<Record<string, number>> {
  return bulkLoad(db, 'activities', { rebuildIndexes: false }, (conn) => writeActivities(conn, options));
}

async function writeActivities(db: Kysely<DB>, options: { year: number; lastDay: string; timeZone: string }): Promise<Record<string, number>> {
  const { year, lastDay, timeZone } = options;
  const written: Record<string, number> = {};
  for (const line of ACTIVITY_LINES) {
    const salt = line.no * 1_000_003;
    const slots =
      line.slots === 'monthly'
        ? sql`select m as slot, m as month from generate_series(1, 12) m`
        : line.slots === 'quarterly'
          ? sql`select q as slot, (q - 1) * 3 + 1 + abs(hashint8(o.seq * 7 + q + ${salt}::bigint)) % 3 as month from generate_series(1, 4) q`
          : sql`select m as slot, m as month from unnest(${line.slots.months}::int[]) m`;
    // The discussion month of a quarter is fixed per organisation.
    const studyForm =
      line.studyForm === 'central_group' ? sql`case when (s.month - 1) % 3 = abs(hashint8(o.seq + 17)) % 3 then 'discussion' else 'collective_study' end` : sql`${line.studyForm}::text`;
    const result = await sql`
      insert into activities (id, org_id, org_path, kind, status, topic, planned_start, planned_end, actual_start, actual_end, held_on, study_form, central_group_id, created_at, updated_at)
      select gen_random_uuid(), x.org_id, x.org_path, ${line.kind}, 'held', x.topic, x.starts, x.starts + ${`${line.hours} hours`}::interval,
             x.starts, x.starts + ${`${line.hours} hours`}::interval, x.held_on, x.study_form, x.central_group_id, x.starts, x.starts
      from (
        select o.id as org_id, o.path as org_path, d.held_on, ${studyForm} as study_form, cg.id as central_group_id,
               ${`${year}年`}::text || s.month::text || ${`月${line.topic}`}::text as topic,
               (d.held_on + time '09:00') at time zone ${timeZone} as starts
        from organizations o
        ${line.onlyCentralGroup ? sql`join central_groups cg on cg.org_id = o.id` : sql`left join central_groups cg on false`}
        cross join lateral (${slots}) s
        cross join lateral (select make_date(${year}::int, s.month::int, 1 + (abs(hashint8(o.seq * 31 + s.month + ${salt}::bigint)) % 28)::int) as held_on) d
        where o.kind = any(${line.orgKinds}::text[])
          ${line.onlyWithCommittee ? sql`and o.has_committee` : sql``}
          and abs(hashint8(o.seq * 1009 + s.slot * 13 + ${salt}::bigint)) % 1000 < ${KEEP}
          and (o.established_on is null or d.held_on >= o.established_on)
          and d.held_on <= ${lastDay}::date
      ) x`.execute(db);
    written[line.kind] = (written[line.kind] ?? 0) + Number(result.numAffectedRows ?? 0);
  }
  return written;
}

/**
 * The people of the province: every branch's, group's and general branch's members as people rows
 * (one `insert … select` over `unnest` of the per-organisation counts and `generate_series`), the
 * first of each organisation its secretary and the next its committee members; 12 % of the others
 * probationary. Names and ID numbers are placeholders (nothing here reads or decrypts them), the
 * keyed hashes unique. Then each central group's members: up to 7 leading cadres of its owner's
 * leadership branch.
 */
export async function insertPeople(db: Kysely<DB>, province: Province): Promise<number> {
  const placed = province.orgs.filter((o) => o.people > 0);
  let written = 0;
  for (let start = 0; start < placed.length; start += INSERT_CHUNK) {
    const chunk = placed.slice(start, start + INSERT_CHUNK);
    const result = await sql`
      insert into people (id, org_id, org_path, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_hash, id_number_tail,
                          category, joined_on, confirmed_on, status, is_secretary, is_committee_member)
      select gen_random_uuid(), o.id, o.path, '党员' || o.seq || '-' || i, 'dangyuan', 'dy',
             case when i % 2 = 0 then 'female' else 'male' end,
             date '1962-01-01' + (abs(hashint8(o.seq * 1000 + i)) % 14600)::int,
             'bench:not-encrypted', 'bench-' || o.seq || '-' || i, lpad(((o.seq * 1000 + i) % 10000)::text, 4, '0'),
             m.category, case when m.category = 'full' then date '2010-07-01' else ${`${province.year}-03-01`}::date end,
             case when m.category = 'full' then date '2011-07-01' end,
             'normal', i = 1, i between 2 and x.committee
      from unnest(${chunk.map((o) => o.id)}::uuid[], ${chunk.map((o) => o.people)}::int[], ${chunk.map((o) => o.committee)}::int[]) as x(org_id, n, committee)
      join organizations o on o.id = x.org_id
      cross join generate_series(1, x.n) as i
      cross join lateral (select case when i > x.committee and abs(hashint8(o.seq * 131 + i)) % 100 < 12 then 'probationary' else 'full' end as category) m`.execute(db);
    written += Number(result.numAffectedRows ?? 0);
  }
  const owners = province.orgs.filter((o) => o.ownsCentralGroup && o.leadership >= 0);
  await sql`
    insert into central_group_members (group_id, person_id, role, joined_on)
    select cg.id, p.id, case when row_number() over (partition by cg.id order by p.id) = 1 then 'leader' else 'member' end, date '2020-01-01'
    from unnest(${owners.map((o) => o.id)}::uuid[], ${owners.map((o) => province.orgs[o.leadership]!.id)}::uuid[]) as x(owner_id, branch_id)
    join central_groups cg on cg.org_id = x.owner_id
    join organizations b on b.id = x.branch_id
    -- The first 7 in path order: a range scan of people_subtree_category_idx.
    cross join lateral (select p.id from people p where p.org_path ~>=~ b.path and p.org_path ~<~ (b.path || '~') limit 7) p`.execute(db);
  await sql`update people set is_leading_cadre = true where id in (select person_id from central_group_members)`.execute(db);
  return written;
}

/** Present for most, on leave or absent for the rest; poorer organisations attend less. */
const ATTENDANCE = sql`(case when r.x < (case when abs(hashint8(o.seq)) % 100 < 4 then 0.72 else 0.93 end) then 'present' when r.x < 0.975 then 'leave' else 'absent' end)`;

/**
 * Who attended the held activities, as the activities module derives who should attend (see
 * expected-attendees.ts): the subtree's members for assemblies, lessons, theme days, life meetings
 * and reviews; the committee for committee meetings; the group for group meetings; the central
 * group for its study and for a 党组's party lesson. One statement per county and rule, each row
 * marked by the secretary (present about 93 %, less in poor organisations).
 */
export async function insertAttendees(db: Kysely<DB>, province: Province, onCounty?: (done: number, of: number, rows: number) => void): Promise<number> {
  return bulkLoad(db, 'activity_attendees', { rebuildIndexes: true }, (conn) => writeAttendees(conn, province, onCounty));
}

async function writeAttendees(db: Kysely<DB>, province: Province, onCounty?: (done: number, of: number, rows: number) => void): Promise<number> {
  let total = 0;
  const insert = async (from: RawBuilder<unknown>, where: RawBuilder<unknown>) => {
    const result = await sql`
      insert into activity_attendees (activity_id, person_id, role, voting, status, leave_reason, marked_via, updated_at)
      select a.id, p.id, 'expected', p.category = 'full', s.status, case when s.status = 'leave' then '因公出差' end, 'secretary', a.actual_end
      from activities a
      join organizations o on o.id = a.org_id
      ${from}
      cross join lateral (select random() as x) r
      cross join lateral (select ${ATTENDANCE} as status) s
      where a.status = 'held' and ${where}`.execute(db);
    total += Number(result.numAffectedRows ?? 0);
  };
  const counties = province.counties.map((i) => province.orgs[i]!.id);
  for (const [n, countyId] of counties.entries()) {
    const before = total;
    const [county] = (await sql<{ path: string }>`select path from organizations where id = ${countyId}`.execute(db)).rows;
    const inCounty = sql`a.org_path ~>=~ ${county!.path} and a.org_path ~<~ ${`${county!.path}~`}`;
    await insert(
      sql`join people p on p.org_path ~>=~ a.org_path and p.org_path ~<~ (a.org_path || '~')`,
      sql`${inCounty} and a.kind in ('member_assembly', 'party_lesson', 'theme_party_day', 'org_life_meeting', 'democratic_review') and o.kind <> 'leading_party_group'`,
    );
    await insert(sql`join people p on p.org_id = a.org_id and (p.is_secretary or p.is_committee_member)`, sql`${inCounty} and a.kind = 'committee_meeting'`);
    await insert(sql`join people p on p.org_id = a.org_id`, sql`${inCounty} and a.kind = 'party_group_meeting'`);
    await insert(
      sql`join central_groups cg on cg.org_id = a.org_id join central_group_members m on m.group_id = cg.id join people p on p.id = m.person_id`,
      sql`${inCounty} and (a.kind = 'central_group_study' or (a.kind = 'party_lesson' and o.kind = 'leading_party_group'))`,
    );
    onCounty?.(n + 1, counties.length, total - before);
  }
  return total;
}

/**
 * Runs a bulk load of one table on one pinned connection. Where the role may (a superuser, as on
 * the throwaway cluster) and the table has no triggers of its own, foreign-key checks are skipped
 * with session_replication_role = replica: the generated rows reference rows they were selected
 * from, and a per-row check costs more than the insert (EXPLAIN ANALYZE: ~25 µs per row for the
 * two keys of activity_attendees). With `rebuildIndexes` the table's indexes and primary key are
 * dropped first and rebuilt afterwards from their own definitions (pg_get_indexdef /
 * pg_get_constraintdef), as pg_restore does: one sort per index instead of 90 million insertions.
 */
async function bulkLoad<T>(db: Kysely<DB>, table: 'activities' | 'activity_attendees', options: { rebuildIndexes: boolean }, work: (conn: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ superuser: boolean; triggers: number }>`
      select current_setting('is_superuser') = 'on' as superuser,
             (select count(*)::int from pg_trigger where tgrelid = ${table}::regclass and not tgisinternal) as triggers`.execute(conn);
    const skipChecks = rows[0]!.superuser && rows[0]!.triggers === 0;
    if (skipChecks) await sql`set session_replication_role = replica`.execute(conn);
    else console.warn(`[bench] ${table}: foreign keys are checked row by row (needs a superuser and a table without triggers to skip); the load will be slower`);
    const constraints = options.rebuildIndexes
      ? (await sql<{ name: string; def: string; index: string }>`
          select c.conname as name, pg_get_constraintdef(c.oid) as def, i.relname as index
          from pg_constraint c join pg_class i on i.oid = c.conindid
          where c.conrelid = ${table}::regclass and c.contype in ('p', 'u')`.execute(conn)).rows
      : [];
    const indexes = options.rebuildIndexes
      ? (await sql<{ name: string; def: string }>`
          select indexname as name, indexdef as def from pg_indexes
          where schemaname = current_schema() and tablename = ${table}`.execute(conn)).rows.filter((i) => !constraints.some((c) => c.index === i.name))
      : [];
    try {
      for (const c of constraints) await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(c.name)}`.execute(conn);
      for (const i of indexes) await sql`drop index ${sql.ref(i.name)}`.execute(conn);
      return await work(conn);
    } finally {
      if (options.rebuildIndexes) await sql`set maintenance_work_mem = '1GB'`.execute(conn);
      for (const c of constraints) await sql`alter table ${sql.table(table)} add constraint ${sql.ref(c.name)} ${sql.raw(c.def)}`.execute(conn);
      for (const i of indexes) await sql.raw(i.def).execute(conn);
      if (skipChecks) await sql`reset session_replication_role`.execute(conn);
      if (options.rebuildIndexes) await sql`reset maintenance_work_mem`.execute(conn);
    }
  });
}
