/**
 * The demo county (演示县): a deterministic generator of one working committee's organisation tree
 * and the people in it, used by `npm run demo`, the e2e journeys and the benchmarks. Pure data: no
 * database, no clock (the caller passes "today"), no Math.random — the same seed, size and day
 * always give the same county.
 *
 * size = 1 is a county of about 20 units (党委 / 党组), 40 general branches, 300 branches and 8,000
 * people; every count scales linearly with size (0.05 ≈ 400 people, 37.5 ≈ 300,000).
 */
import { addDays, addMonths, compareIsoDate, idNumberCheckDigit, isPartyMember, type OrgKind, type PersonCategory, type PersonInput } from '@pioneer/domain';

export const DEMO_ROOT_CODE = 'DEMO-WC';
export const DEMO_PASSWORD = 'Demo#2026pass';
export const DEMO_DEFAULT_SEED = '2026';
/** The "today" of generated data when the caller names none (tests); `npm run demo` uses the real day. */
export const DEMO_REFERENCE_DAY = '2026-07-01';

/** The county at size 1. */
export const DEMO_BASE_COUNTS = { units: 20, generalBranches: 40, branches: 300, people: 8000 } as const;

export type DemoOrg = {
  /** Also the organisation's code, unique in the county. */
  code: string;
  name: string;
  kind: OrgKind;
  parentCode: string | null;
  establishedOn: string;
  hasCommittee: boolean;
};

type PersonFlag = 'isLeadingCadre' | 'isPartyAffairsWorker' | 'isSecretary' | 'isCommitteeMember' | 'isInfirm' | 'isRetired' | 'studyExempt';

/** A person record as the API takes it (every flag set), with its key and its branch's code. */
export type DemoPerson = Omit<PersonInput, 'orgId' | PersonFlag> & { [F in PersonFlag]: boolean } & { key: string; orgCode: string };

export type DemoAccount = {
  username: string;
  displayName: string;
  role: 'committee_officer' | 'secretary' | 'member';
  /** Where the role is granted (and, for a member, the branch of their person record). */
  orgCode: string;
  /** The person record the account belongs to (users.person_id). */
  personKey: string;
};

export type DemoCounty = { seed: string; size: number; today: string; orgs: DemoOrg[]; people: DemoPerson[]; accounts: DemoAccount[] };

export type GenerateCountyOptions = { seed?: string | number; size?: number; today?: string };

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export type Random = {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Uniform integer in [min, max]. */
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
};

/** sfc32 seeded through a 32-bit FNV-1a hash of the seed's text: small, fast and well mixed. */
export function createRandom(seed: string | number): Random {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h ^ 0x9e3779b9;
  let b = Math.imul(h, 0x85ebca6b) >>> 0;
  let c = Math.imul(h ^ 0xc2b2ae35, 0x27d4eb2f) >>> 0;
  let d = 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** A weighted choice table; picking is a binary search over cumulative weights. */
function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Random) => T {
  const values = entries.map((e) => e[0]);
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, w] of entries) cumulative.push((sum += w));
  return (rng) => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder), each at least its
 * minimum. When the minimums alone exceed the total, the minimums win.
 */
export function apportion(total: number, weights: number[], minimums: number[] = weights.map(() => 0)): number[] {
  const result = minimums.slice();
  const rest = total - minimums.reduce((s, m) => s + m, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  if (rest <= 0 || weightSum <= 0) return result;
  const shares = weights.map((w) => (rest * w) / weightSum);
  let given = 0;
  shares.forEach((s, i) => {
    result[i]! += Math.floor(s);
    given += Math.floor(s);
  });
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; k < rest - given; k++) result[order[k % order.length]![1]]! += 1;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The county's world: agencies, names, places

type Agency = {
  name: string;
  /** 党委 for the big systems (education, health, police…), 党组 for the others. */
  kind: 'party_committee' | 'leading_party_group';
  weight: number;
  head: string;
  /** Subordinate institutions that have their own general branch. */
  subunits: readonly string[];
  /** Typical posts of the staff of those institutions. */
  subunitPosts: readonly string[];
};

const A = (name: string, kind: Agency['kind'], weight: number, subunits: string[] = [], subunitPosts: string[] = [], head = '局长'): Agency => ({ name, kind, weight, head, subunits, subunitPosts });

// Interleaved big and small so that a small county still has a 党委 and a 党组.
const AGENCIES: readonly Agency[] = [
  A('县教育局', 'party_committee', 10, ['县第一中学', '县第二中学', '县实验中学', '县实验小学', '县第一小学', '县职业技术教育中心', '县特殊教育学校', '县城关幼儿园', '县教师发展中心'], ['教师', '一级教师', '高级教师', '二级教师', '教务主任', '年级组长']),
  A('县财政局', 'leading_party_group', 3, ['县财政国库支付中心'], ['会计', '科员']),
  A('县卫生健康局', 'party_committee', 8, ['县人民医院', '县中医院', '县妇幼保健院', '县疾病预防控制中心', '县卫生健康综合监督执法大队'], ['医师', '主治医师', '副主任医师', '护士', '护师', '主管护师', '药师']),
  A('县发展和改革局', 'leading_party_group', 2, ['县粮食和物资储备中心']),
  A('县公安局', 'party_committee', 6, ['城关派出所', '交通警察大队', '刑事侦查大队', '治安管理大队', '看守所'], ['民警', '一级警长', '二级警长', '三级警长', '四级高级警长']),
  A('县人力资源和社会保障局', 'leading_party_group', 2, ['县社会保险事业服务中心', '县就业服务中心'], ['科员', '经办员']),
  A('县农业农村局', 'party_committee', 4, ['县农业技术推广中心', '县畜牧兽医站', '县农业综合行政执法大队'], ['农艺师', '高级农艺师', '兽医师', '执法队员']),
  A('县民政局', 'leading_party_group', 1.5),
  A('县市场监督管理局', 'party_committee', 3.5, ['城关市场监督管理所', '县检验检测中心'], ['执法队员', '检验员']),
  A('县司法局', 'leading_party_group', 1.2),
  A('县住房和城乡建设局', 'party_committee', 3, ['县城市管理综合执法大队', '县住房保障中心'], ['执法队员', '工程师']),
  A('县自然资源和规划局', 'leading_party_group', 2, ['县不动产登记中心'], ['登记员', '工程师']),
  A('县交通运输局', 'party_committee', 2.5, ['县公路管理站', '县交通运输综合执法大队'], ['工程师', '执法队员']),
  A('县水利局', 'leading_party_group', 1.5),
  A('县审计局', 'leading_party_group', 1),
  A('县文化广电和旅游局', 'leading_party_group', 1.5, ['县文化馆', '县图书馆'], ['馆员', '副研究馆员']),
  A('县商务局', 'leading_party_group', 1),
  A('县统计局', 'leading_party_group', 0.8),
  A('县应急管理局', 'leading_party_group', 1),
  A('县退役军人事务局', 'leading_party_group', 0.8),
  A('县人民法院', 'leading_party_group', 2, ['县人民法院城关人民法庭'], ['法官', '法官助理', '书记员'], '院长'),
  A('县医疗保障局', 'leading_party_group', 0.8),
  A('县科学技术局', 'leading_party_group', 0.7),
  A('县人民检察院', 'leading_party_group', 1.5, [], [], '检察长'),
  A('县工业和信息化局', 'leading_party_group', 1),
  A('县行政审批局', 'leading_party_group', 1),
  A('县林业局', 'leading_party_group', 1),
  A('县信访局', 'leading_party_group', 0.6),
  A('县生态环境分局', 'leading_party_group', 1),
  A('县机关事务服务中心', 'leading_party_group', 0.8, [], [], '主任'),
];

const CIVIL_SERVICE_POSTS = weighted<string>([
  ['科员', 20], ['一级科员', 12], ['二级科员', 6], ['四级主任科员', 12], ['三级主任科员', 8], ['二级主任科员', 6], ['一级主任科员', 4],
  ['股长', 8], ['副股长', 6], ['办公室主任', 2], ['办公室副主任', 2], ['四级调研员', 3], ['工作人员', 6],
]);

// Frequencies per 100 people, from the 2020 census surname ranking (rounded).
const SURNAMES = weighted<string>([
  ['王', 7.12], ['李', 7.0], ['张', 6.74], ['刘', 5.1], ['陈', 4.61], ['杨', 3.22], ['黄', 2.45], ['赵', 2.29], ['吴', 2.05], ['周', 1.94],
  ['徐', 1.67], ['孙', 1.54], ['马', 1.44], ['朱', 1.35], ['胡', 1.32], ['郭', 1.19], ['何', 1.15], ['林', 1.13], ['高', 1.12], ['罗', 1.08],
  ['郑', 0.97], ['梁', 0.91], ['谢', 0.83], ['宋', 0.8], ['唐', 0.78], ['许', 0.69], ['韩', 0.68], ['邓', 0.67], ['冯', 0.66], ['曹', 0.65],
  ['彭', 0.64], ['曾', 0.61], ['肖', 0.6], ['田', 0.59], ['董', 0.57], ['潘', 0.54], ['袁', 0.54], ['蔡', 0.53], ['蒋', 0.53], ['余', 0.52],
  ['于', 0.51], ['杜', 0.5], ['叶', 0.49], ['程', 0.48], ['魏', 0.47], ['苏', 0.46], ['吕', 0.45], ['丁', 0.44], ['任', 0.43], ['卢', 0.42],
  ['姚', 0.41], ['沈', 0.4], ['钟', 0.39], ['姜', 0.38], ['崔', 0.37], ['谭', 0.36], ['陆', 0.35], ['范', 0.34], ['汪', 0.33], ['廖', 0.32],
  ['石', 0.32], ['金', 0.31], ['韦', 0.3], ['贾', 0.3], ['夏', 0.29], ['付', 0.29], ['方', 0.28], ['邹', 0.27], ['熊', 0.27], ['白', 0.26],
  ['孟', 0.26], ['秦', 0.25], ['邱', 0.25], ['侯', 0.24], ['江', 0.24], ['尹', 0.23], ['薛', 0.23], ['闫', 0.22], ['段', 0.22], ['雷', 0.21],
  ['龙', 0.21], ['黎', 0.2], ['史', 0.2], ['陶', 0.2], ['贺', 0.19], ['毛', 0.19], ['郝', 0.19], ['顾', 0.18], ['龚', 0.18], ['邵', 0.17],
  ['万', 0.17], ['覃', 0.16], ['武', 0.16], ['钱', 0.16], ['戴', 0.15], ['严', 0.15], ['单', 0.1], ['解', 0.08], ['欧阳', 0.04], ['司马', 0.01],
  ['诸葛', 0.01], ['上官', 0.01],
]);

const GIVEN_TEXT = {
  male: {
    single: '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林亮成建国东文峰志海晨阳博兵新春永德立光振宏昊轩睿泽鸿毅',
    first: '建志国文晓海春俊子宇浩振德立永明家庆德嘉雨天思一晨博立少',
    second: '伟强军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林亮成东文峰海晨阳博兵新春德光振宏轩睿泽鸿毅国民',
  },
  female: {
    single: '芳娜敏静丽艳娟霞秀玲燕萍红梅莉婷雪琳慧倩洁颖欣怡佳丹璐晶蕾月翠英兰凤云菲琪悦妍瑶梦涵雅',
    first: '秀丽晓春海雅思欣雨佳梦紫美玉丹淑凤文亚婉诗子一晨若',
    second: '芳娜敏静丽艳娟霞玲燕萍红梅莉婷雪琳慧倩洁颖欣怡佳丹璐晶蕾月英兰凤云菲琪悦妍瑶涵雅华',
  },
} as const;
const chars = (s: string) => Array.from(s);
const GIVEN = {
  male: { single: chars(GIVEN_TEXT.male.single), first: chars(GIVEN_TEXT.male.first), second: chars(GIVEN_TEXT.male.second) },
  female: { single: chars(GIVEN_TEXT.female.single), first: chars(GIVEN_TEXT.female.first), second: chars(GIVEN_TEXT.female.second) },
};

const ETHNICITIES = weighted<string>([
  ['汉族', 94.2], ['回族', 2], ['满族', 1.5], ['蒙古族', 0.8], ['壮族', 0.4], ['土家族', 0.4], ['苗族', 0.3], ['朝鲜族', 0.2], ['维吾尔族', 0.1], ['彝族', 0.1],
]);

// 石家庄市正定县 and, for people first registered elsewhere, neighbouring districts and counties.
const COUNTY_REGION = '130123';
const REGIONS = weighted<string>([
  [COUNTY_REGION, 80], ['130102', 4], ['130104', 4], ['130105', 3], ['130108', 3], ['130121', 2], ['130125', 2], ['130181', 2],
]);

const TOWNS = ['城关镇', '诸福屯镇', '新城铺镇', '新安镇', '南牛乡', '南楼乡', '西平乐乡', '北早现乡'];
const COMMUNITIES = ['常山社区', '恒州社区', '府前社区', '燕赵小区', '阳和小区', '滹沱花园', '隆兴小区', '育才小区', '文化苑', '锦绣家园'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '186', '187', '188', '189', '198', '199'];

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (n: number) => (n <= 10 ? CHINESE_ORDINALS[n - 1]! : String(n));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function educationFor(rng: Random, age: number): string {
  const r = rng.next();
  if (age < 35) return r < 0.15 ? '研究生' : r < 0.85 ? '大学本科' : r < 0.98 ? '大学专科' : '中等专科';
  if (age < 50) return r < 0.08 ? '研究生' : r < 0.68 ? '大学本科' : r < 0.93 ? '大学专科' : r < 0.98 ? '中等专科' : '高中';
  return r < 0.03 ? '研究生' : r < 0.43 ? '大学本科' : r < 0.78 ? '大学专科' : r < 0.9 ? '中等专科' : r < 0.97 ? '高中' : '初中及以下';
}

// ---------------------------------------------------------------------------------------------
// The generator

type BranchRole = 'committee_office' | 'leadership' | 'staff' | 'retired';

type BranchPlan = { org: DemoOrg; quota: number; role: BranchRole; agency: (Agency & { displayName: string }) | null; posts: readonly string[] | null };

type PersonSpec = {
  category: PersonCategory;
  minAge: number;
  maxAge: number;
  post: string;
  isLeadingCadre?: boolean;
  isPartyAffairsWorker?: boolean;
  isSecretary?: boolean;
  isRetired?: boolean;
};

export function generateCounty(options: GenerateCountyOptions = {}): DemoCounty {
  const size = options.size ?? 1;
  if (!Number.isFinite(size) || size <= 0 || size > 1000) throw new RangeError(`size must be a number in (0, 1000], got ${size}`);
  const seed = String(options.seed ?? DEMO_DEFAULT_SEED);
  const today = options.today ?? DEMO_REFERENCE_DAY;
  const rng = createRandom(`${seed}|${size}`);

  const orgs: DemoOrg[] = [];
  const people: DemoPerson[] = [];
  const branches: BranchPlan[] = [];
  let nextBranch = 1;
  let nextGeneralBranch = 1;
  let nextPartyGroup = 1;

  const addOrg = (org: Omit<DemoOrg, 'establishedOn' | 'hasCommittee'> & { hasCommittee?: boolean }, parent: DemoOrg | null): DemoOrg => {
    // Founded some time after its parent, and before the years the generated people join in.
    let established = '1984-03-01';
    if (parent) {
      const span = Math.round((Date.parse('2022-12-31') - Date.parse(parent.establishedOn)) / 86_400_000);
      established = addDays(parent.establishedOn, rng.int(Math.min(30, span), Math.max(30, Math.min(span, 15 * 365))));
    }
    const row: DemoOrg = { code: org.code, name: org.name, kind: org.kind, parentCode: org.parentCode, establishedOn: established, hasCommittee: org.hasCommittee ?? false };
    orgs.push(row);
    return row;
  };
  const addBranch = (name: string, parent: DemoOrg, role: BranchRole, agency: BranchPlan['agency'], posts: BranchPlan['posts']) => {
    const org = addOrg({ code: `DEMO-B${pad(nextBranch++, 6)}`, name, kind: 'branch', parentCode: parent.code }, parent);
    const plan: BranchPlan = { org, quota: 0, role, agency, posts };
    branches.push(plan);
    return plan;
  };

  // --- the organisation tree -----------------------------------------------------------------
  const target = {
    units: Math.max(2, Math.round(DEMO_BASE_COUNTS.units * size)),
    generalBranches: Math.round(DEMO_BASE_COUNTS.generalBranches * size),
    branches: 0,
    people: Math.max(40, Math.round(DEMO_BASE_COUNTS.people * size)),
  };
  target.branches = Math.max(target.units + 1, Math.round(DEMO_BASE_COUNTS.branches * size));
  const root = addOrg({ code: DEMO_ROOT_CODE, name: '县直机关工委', kind: 'working_committee', parentCode: null, hasCommittee: true }, null);
  const officeBranch = addBranch('县直机关工委机关党支部', root, 'committee_office', null, null);
  officeBranch.quota = Math.min(12, Math.max(6, Math.round(target.people * 0.002)));

  const agencies = Array.from({ length: target.units }, (_, i) => {
    const base = AGENCIES[i % AGENCIES.length]!;
    const round = Math.floor(i / AGENCIES.length);
    return { ...base, displayName: round === 0 ? base.name : `${base.name}（${round + 1}）` };
  });
  const branchCounts = apportion(target.branches - 1, agencies.map((a) => a.weight), agencies.map(() => 1));
  const generalBranchCounts = apportion(target.generalBranches, agencies.map((a) => a.weight * (a.kind === 'party_committee' ? 1.5 : 0.5)));
  const peopleCounts = apportion(target.people - officeBranch.quota, agencies.map((a) => a.weight));

  agencies.forEach((agency, index) => {
    const unit = addOrg(
      { code: `DEMO-U${pad(index + 1, 4)}`, name: `${agency.displayName}${agency.kind === 'party_committee' ? '党委' : '党组'}`, kind: agency.kind, parentCode: root.code, hasCommittee: agency.kind === 'party_committee' },
      root,
    );
    // A 党组 is a leadership body with nothing beneath it: its agency's staff are organised in
    // branches and general branches directly under the working committee.
    const container = agency.kind === 'party_committee' ? unit : root;
    const branchTotal = branchCounts[index]!;
    // Every general branch has at least two branches, and the agency keeps one branch of its own.
    const generalBranches = Math.min(generalBranchCounts[index]!, Math.floor((branchTotal - 1) / 2));
    const inGeneralBranches = generalBranches > 0 ? Math.min(branchTotal - 1, Math.max(2 * generalBranches, Math.round(branchTotal * 0.7))) : 0;
    const direct = branchTotal - inGeneralBranches;

    const agencyBranches: BranchPlan[] = [];
    for (let n = 1; n <= direct; n++) {
      const retired = n === direct && direct >= 3;
      const name = retired ? `${agency.displayName}离退休干部党支部` : `${agency.displayName}机关第${ordinal(n)}党支部`;
      agencyBranches.push(addBranch(name, container, n === 1 ? 'leadership' : retired ? 'retired' : 'staff', agency, null));
    }
    const perGeneralBranch = apportion(inGeneralBranches, Array.from({ length: generalBranches }, () => 1), Array.from({ length: generalBranches }, () => 2));
    perGeneralBranch.forEach((count, g) => {
      // A subordinate institution's general branch, or a numbered one of the agency's own offices.
      const subunit = agency.subunits[g];
      const name = subunit ? `${subunit}党总支` : generalBranches === 1 ? `${agency.displayName}机关党总支` : `${agency.displayName}机关第${ordinal(g + 1)}党总支`;
      const generalBranch = addOrg({ code: `DEMO-G${pad(nextGeneralBranch++, 5)}`, name, kind: 'general_branch', parentCode: container.code, hasCommittee: true }, container);
      for (let n = 1; n <= count; n++) {
        agencyBranches.push(addBranch(`${subunit ?? name}第${ordinal(n)}党支部`, generalBranch, 'staff', agency, subunit ? agency.subunitPosts : null));
      }
    });

    // Branch sizes vary (a school's branch is bigger than an office's); every branch keeps at
    // least the three full members a branch needs, the leadership branch room for the leaders.
    const minimums = agencyBranches.map((b) => (b.role === 'leadership' ? leaderCount(agency) + 4 : b.role === 'retired' ? 5 : 3));
    // Skewed: many small offices (some below the 7 members a branch committee needs), a few big ones.
    const weights = agencyBranches.map((b) => (b.role === 'retired' ? 0.6 : 0.12 + rng.next() ** 2.5 * 3.5));
    apportion(peopleCounts[index]!, weights, minimums).forEach((quota, i) => (agencyBranches[i]!.quota = quota));
  });

  // --- the people ------------------------------------------------------------------------------
  const idNumbers = new Set<string>();
  const phones = new Set<string>();
  let personSerial = 0;

  const makePerson = (branch: BranchPlan, spec: PersonSpec): DemoPerson => {
    const sex = rng.chance(branch.posts?.includes('护士') ? 0.35 : 0.56) ? 'male' : 'female';
    const age = spec.minAge + Math.floor(((rng.next() + rng.next()) / 2) * (spec.maxAge - spec.minAge + 1));
    const birthDate = addDays(today, -(age * 365 + Math.floor(age / 4) + rng.int(1, 364)));
    const member = isPartyMember(spec.category);
    let joinedOn: string | null = null;
    let confirmedOn: string | null = null;
    if (spec.category === 'probationary') {
      joinedOn = addDays(today, -rng.int(20, 340));
    } else if (spec.category === 'full') {
      // Leave room for a year of probation (and a few days for the approval) before today.
      const latestJoin = addMonths(today, -13);
      const joinAge = rng.int(19, Math.max(19, Math.min(38, age - 3)));
      joinedOn = addDays(birthDate, joinAge * 365 + Math.floor(joinAge / 4) + rng.int(0, 300));
      if (compareIsoDate(joinedOn, latestJoin) > 0) joinedOn = addDays(latestJoin, -rng.int(0, 200));
      confirmedOn = addDays(addMonths(joinedOn, 12), rng.int(0, 20));
      // Some probations were extended (by 6 to 12 months).
      if (rng.chance(0.04)) {
        const extended = addMonths(joinedOn, 12 + rng.int(6, 12));
        if (compareIsoDate(extended, today) <= 0) confirmedOn = extended;
      }
    }
    const phone = rng.chance(0.02) ? null : uniquePhone(rng, phones, rng.chance(0.04));
    const name = personName(rng, sex);
    const person: DemoPerson = {
      key: `P${pad(++personSerial, 7)}`,
      orgCode: branch.org.code,
      name,
      sex,
      ethnicity: ETHNICITIES(rng),
      birthDate,
      idNumber: uniqueIdNumber(rng, idNumbers, birthDate, sex),
      phone,
      education: educationFor(rng, age),
      category: spec.category,
      joinedOn: member ? joinedOn : null,
      confirmedOn: spec.category === 'full' ? confirmedOn : null,
      post: spec.post,
      address: rng.chance(0.9) ? `${rng.pick(TOWNS)}${rng.pick(COMMUNITIES)}${rng.int(1, 28)}号楼${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室` : null,
      status: 'normal',
      lostContactSince: null,
      isLeadingCadre: spec.isLeadingCadre ?? false,
      isPartyAffairsWorker: spec.isPartyAffairsWorker ?? false,
      isSecretary: spec.isSecretary ?? false,
      isCommitteeMember: false,
      isInfirm: false,
      isRetired: spec.isRetired ?? false,
      studyExempt: false,
      studyExemptReason: null,
    };
    people.push(person);
    return person;
  };

  const staffCategory = (): PersonCategory => {
    const r = rng.next();
    return r < 0.855 ? 'full' : r < 0.885 ? 'probationary' : r < 0.925 ? 'applicant' : r < 0.965 ? 'activist' : 'candidate';
  };
  const staffPost = (branch: BranchPlan) => (branch.posts?.length && rng.chance(0.8) ? rng.pick(branch.posts) : CIVIL_SERVICE_POSTS(rng));

  const unitSecretaries = new Map<string, DemoPerson>();
  const branchSecretaries = new Map<string, DemoPerson>();
  for (const branch of branches) {
    const members: DemoPerson[] = [];
    const leading: PersonSpec[] = [];
    if (branch.role === 'committee_office') {
      leading.push(
        { category: 'full', minAge: 45, maxAge: 56, post: '机关工委书记', isLeadingCadre: true, isPartyAffairsWorker: true },
        { category: 'full', minAge: 40, maxAge: 55, post: '机关工委专职副书记', isLeadingCadre: true, isPartyAffairsWorker: true },
        { category: 'full', minAge: 32, maxAge: 48, post: '组织科科长', isPartyAffairsWorker: true, isSecretary: true },
        { category: 'full', minAge: 32, maxAge: 50, post: '宣传科科长', isPartyAffairsWorker: true },
      );
    } else if (branch.role === 'leadership' && branch.agency) {
      const agency = branch.agency;
      const body = agency.kind === 'party_committee' ? '党委' : '党组';
      leading.push({ category: 'full', minAge: 45, maxAge: 57, post: `${body}书记、${agency.head}`, isLeadingCadre: true, isSecretary: true });
      for (let i = 1; i < leaderCount(agency); i++) {
        leading.push({ category: 'full', minAge: 38, maxAge: 57, post: i === 1 ? `${body}副书记、副${agency.head}` : `${body}成员、副${agency.head}`, isLeadingCadre: true });
      }
      leading.push({ category: 'full', minAge: 30, maxAge: 50, post: agency.kind === 'party_committee' ? '机关党委专职副书记' : '机关党建办公室主任', isPartyAffairsWorker: true });
    }
    if (branch.role === 'retired') {
      while (leading.length < branch.quota) leading.push({ category: 'full', minAge: 61, maxAge: 88, post: '退休干部', isRetired: true });
    }
    // The branch's own officers come first: three full members in their prime, the first its secretary.
    const officers = Math.max(0, 3 - leading.length);
    for (let i = 0; i < officers; i++) leading.push({ category: 'full', minAge: 32, maxAge: 55, post: staffPost(branch) });

    for (const spec of leading) members.push(makePerson(branch, spec));
    while (members.length < branch.quota) {
      const category = staffCategory();
      const young = category !== 'full';
      members.push(makePerson(branch, { category, minAge: young ? 22 : 24, maxAge: young ? 38 : 59, post: staffPost(branch) }));
    }

    const partyMembers = members.filter((p) => isPartyMember(p.category)).length;
    branch.org.hasCommittee = partyMembers >= 7;
    // The secretary: the leader who chairs the unit is secretary of the 党委/党组, not of the branch.
    const secretary =
      branch.role === 'leadership' ? members.find((p) => p.category === 'full' && !p.isLeadingCadre)! : branch.role === 'committee_office' ? members[2]! : members[0]!;
    if (branch.role === 'leadership') unitSecretaries.set(branch.agency!.displayName, members[0]!);
    secretary.isSecretary = true;
    branchSecretaries.set(branch.org.code, secretary);
    if (branch.org.hasCommittee) {
      // 支委会: 3 members, or 5 in a large branch; the organisation officer (组织委员) does party affairs.
      const size = partyMembers >= 20 ? 5 : 3;
      const committee = [secretary, ...members.filter((p) => p !== secretary && p.category === 'full' && !p.isLeadingCadre && !p.isRetired)].slice(0, size);
      if (branch.role === 'retired') committee.push(...members.filter((p) => p !== secretary).slice(0, size - committee.length));
      committee.forEach((p, i) => {
        p.isCommitteeMember = true;
        if (i === 1) p.isPartyAffairsWorker = true;
      });
    }
    // 党小组: a larger branch splits its members into groups for their monthly meetings.
    if (members.length >= 18 && rng.chance(0.6)) {
      const groups = members.length >= 40 ? 3 : 2;
      for (let g = 1; g <= groups; g++) {
        addOrg({ code: `DEMO-P${pad(nextPartyGroup++, 6)}`, name: `${branch.org.name}第${ordinal(g)}党小组`, kind: 'party_group', parentCode: branch.org.code }, branch.org);
      }
    }
  }

  // --- demo accounts (before the exceptions, so that account holders stay ordinary) ------------
  const accounts = planAccounts({ orgs, people, branches, officeBranch, unitSecretaries, branchSecretaries });
  const accountHolders = new Set(accounts.map((a) => a.personKey));

  // --- the exceptions: a few lost-contact, flowing-out and exempt members ---------------------
  const ordinary = people.filter(
    (p) => p.category === 'full' && !p.isLeadingCadre && !p.isSecretary && !p.isCommitteeMember && !p.isRetired && !p.isPartyAffairsWorker && !accountHolders.has(p.key),
  );
  const draw = (pool: DemoPerson[], n: number) => {
    const chosen: DemoPerson[] = [];
    while (chosen.length < n && pool.length > 0) chosen.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
    return chosen;
  };
  // Under 6 months, 6 months to 2 years, over 2 years: the flag thresholds of the lost-contact rule.
  const lostPattern: Array<[number, number]> = [[6, 23], [1, 5], [25, 40], [7, 20], [2, 5], [8, 18]];
  draw(ordinary, Math.max(3, Math.round(target.people * 0.003))).forEach((p, i) => {
    const [minMonths, maxMonths] = lostPattern[i % lostPattern.length]!;
    p.status = 'lost_contact';
    p.lostContactSince = addDays(addMonths(today, -rng.int(minMonths, maxMonths)), -rng.int(0, 25));
  });
  draw(ordinary.filter((p) => p.status === 'normal'), Math.max(2, Math.round(target.people * 0.005))).forEach((p) => {
    p.status = 'flowing_out';
  });
  // 送学上门: elderly and infirm members have no hard study requirement.
  const elderly = people.filter((p) => p.isRetired && !p.isCommitteeMember && !p.isSecretary && compareIsoDate(p.birthDate, addMonths(today, -12 * 72)) <= 0);
  const exemptCount = Math.max(2, Math.round(target.people * 0.004));
  const exempt = draw(elderly, exemptCount);
  // A county too small to have a retirees' branch still shows the case, with its oldest members.
  const older = ordinary.filter((p) => p.status === 'normal' && compareIsoDate(p.birthDate, addMonths(today, -12 * 55)) <= 0);
  exempt.push(...draw(older, exemptCount - exempt.length));
  exempt.forEach((p) => {
    p.isInfirm = true;
    p.studyExempt = true;
    p.studyExemptReason = '年老体弱';
  });

  return { seed, size, today, orgs, people, accounts };
}

function leaderCount(agency: Agency): number {
  return Math.min(6, 3 + Math.floor(agency.weight / 3));
}

function personName(rng: Random, sex: 'male' | 'female'): string {
  const pool = GIVEN[sex];
  const surname = SURNAMES(rng);
  const given = rng.chance(0.28) ? rng.pick(pool.single) : `${rng.pick(pool.first)}${rng.pick(pool.second)}`;
  return surname + given;
}

function uniqueIdNumber(rng: Random, used: Set<string>, birthDate: string, sex: 'male' | 'female'): string {
  const prefix = `${REGIONS(rng)}${birthDate.replace(/-/g, '')}`;
  // The 3-digit sequence is odd for men, even for women; on a clash take the next one of that parity.
  const n = rng.int(0, 499);
  for (let attempt = 0; attempt < 500; attempt++) {
    const first17 = `${prefix}${pad(((n + attempt) % 500) * 2 + (sex === 'male' ? 1 : 0), 3)}`;
    if (!used.has(first17)) {
      used.add(first17);
      return first17 + idNumberCheckDigit(first17);
    }
  }
  throw new Error(`no free ID number sequence left for ${prefix}`);
}

function uniquePhone(rng: Random, used: Set<string>, landline: boolean): string {
  for (;;) {
    // 0311 is the Shijiazhuang area code: office landlines there have 8 local digits.
    const phone = landline ? `0311${rng.int(6, 8)}${pad(rng.int(0, 9_999_999), 7)}` : `${rng.pick(MOBILE_PREFIXES)}${pad(rng.int(0, 99_999_999), 8)}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

/**
 * The accounts the README lists: a committee officer on the root, the secretary of a unit's party
 * committee, the secretaries of two branches in different units (one inside that party committee,
 * one outside it, so that each sees the other's branch as foreign), and two ordinary members.
 */
function planAccounts(c: {
  orgs: DemoOrg[];
  people: DemoPerson[];
  branches: BranchPlan[];
  officeBranch: BranchPlan;
  unitSecretaries: Map<string, DemoPerson>;
  branchSecretaries: Map<string, DemoPerson>;
}): DemoAccount[] {
  const parentOf = new Map(c.orgs.map((o) => [o.code, o.parentCode]));
  const isUnder = (code: string, ancestor: string) => {
    for (let at: string | null | undefined = code; at; at = parentOf.get(at)) if (at === ancestor) return true;
    return false;
  };
  const unit = c.orgs.find((o) => o.kind === 'party_committee')!;
  const unitAgency = c.branches.find((b) => b.role === 'leadership' && isUnder(b.org.code, unit.code))!.agency!;
  const unitSecretary = c.unitSecretaries.get(unitAgency.displayName)!;
  const staffBranches = c.branches.filter((b) => b.role === 'staff');
  const parents = new Set(c.orgs.map((o) => o.parentCode));
  const hasGroups = (b: BranchPlan) => parents.has(b.org.code);
  const inside = staffBranches.filter((b) => isUnder(b.org.code, unit.code));
  const branch1 = inside.find((b) => hasGroups(b) && b.org.hasCommittee) ?? inside[0] ?? c.branches.find((b) => isUnder(b.org.code, unit.code))!;
  const outside = staffBranches.filter((b) => !isUnder(b.org.code, unit.code));
  const branch2 = outside.find((b) => b.org.hasCommittee) ?? outside[0] ?? c.officeBranch;
  const ordinaryIn = (b: BranchPlan) => {
    const full = c.people.filter((p) => p.orgCode === b.org.code && p.category === 'full' && !p.isSecretary);
    return full.find((p) => p.phone && !p.isCommitteeMember && !p.isLeadingCadre && !p.isRetired) ?? full[0]!;
  };
  const officer = c.people.find((p) => p.orgCode === c.officeBranch.org.code && p.post === '组织科科长')!;
  const account = (username: string, role: DemoAccount['role'], orgCode: string, person: DemoPerson): DemoAccount => ({ username, displayName: person.name, role, orgCode, personKey: person.key });
  return [
    account('wc_officer', 'committee_officer', c.orgs[0]!.code, officer),
    account('unit_secretary', 'secretary', unit.code, unitSecretary),
    account('branch_secretary', 'secretary', branch1.org.code, c.branchSecretaries.get(branch1.org.code)!),
    account('branch2_secretary', 'secretary', branch2.org.code, c.branchSecretaries.get(branch2.org.code)!),
    account('member1', 'member', branch1.org.code, ordinaryIn(branch1)),
    account('member2', 'member', branch2.org.code, ordinaryIn(branch2)),
  ];
}
