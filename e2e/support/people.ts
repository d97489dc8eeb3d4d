import crypto from 'node:crypto';

/**
 * People the journeys create: valid citizen ID numbers (GB 11643 check digit, computed here
 * independently of the code under test), mobile numbers, and names whose pinyin initials are
 * known in advance — every character has one reading — so a journey can search by initials
 * without asking the server what they are.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

const randomInt = (min: number, max: number) => crypto.randomInt(min, max + 1);
const pick = <T>(items: readonly T[]): T => items[randomInt(0, items.length - 1)]!;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A valid 18-character ID number for the birth date and sex; the sequence is random. */
export function idNumberFor(birthDate: string, sex: 'male' | 'female'): string {
  const sequence = randomInt(0, 499) * 2 + (sex === 'male' ? 1 : 0);
  const first17 = `130102${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
  return first17 + checkDigit(first17);
}

/** The same number with a wrong check digit. */
export function withWrongCheckDigit(idNumber: string): string {
  const right = idNumber[17]!;
  const wrong = right === '0' ? '1' : right === 'X' ? '0' : String((Number(right) + 1) % 10);
  return idNumber.slice(0, 17) + wrong;
}

export const mobile = () => `139${pad(randomInt(0, 99_999_999), 8)}`;

// Characters with a single reading (in surname mode for the surnames), and their initials.
const SURNAMES = {
  张: 'z',
  王: 'w',
  李: 'l',
  陈: 'c',
  杨: 'y',
  黄: 'h',
  周: 'z',
  吴: 'w',
  徐: 'x',
  孙: 's',
  马: 'm',
  朱: 'z',
  胡: 'h',
  郭: 'g',
  林: 'l',
  罗: 'l',
} as const;
const GIVEN = {
  明: 'm',
  伟: 'w',
  芳: 'f',
  静: 'j',
  丽: 'l',
  强: 'q',
  磊: 'l',
  军: 'j',
  洋: 'y',
  勇: 'y',
  杰: 'j',
  涛: 't',
  超: 'c',
  霞: 'x',
  平: 'p',
  刚: 'g',
  英: 'y',
  玉: 'y',
  兰: 'l',
  春: 'c',
  海: 'h',
  建: 'j',
  文: 'w',
  辉: 'h',
  鹏: 'p',
  宇: 'y',
  浩: 'h',
  凯: 'k',
  峰: 'f',
  敏: 'm',
  婷: 't',
  琳: 'l',
  倩: 'q',
  颖: 'y',
  欣: 'x',
  悦: 'y',
  晨: 'c',
  睿: 'r',
  哲: 'z',
  博: 'b',
  瑞: 'r',
  宁: 'n',
  航: 'h',
  帆: 'f',
  萌: 'm',
  松: 's',
  岩: 'y',
  梅: 'm',
} as const;

/** A three-character name and its pinyin initials, e.g. { name: '张明华', initials: 'zmh' }. */
export function chineseName(): { name: string; initials: string } {
  const surname = pick(Object.keys(SURNAMES) as Array<keyof typeof SURNAMES>);
  const given = [pick(Object.keys(GIVEN) as Array<keyof typeof GIVEN>), pick(Object.keys(GIVEN) as Array<keyof typeof GIVEN>)];
  return { name: surname + given.join(''), initials: SURNAMES[surname] + given.map((c) => GIVEN[c]).join('') };
}

/** A birth date between 1965 and 1995. */
export function birthDate(): string {
  return `${randomInt(1965, 1995)}-${pad(randomInt(1, 12))}-${pad(randomInt(1, 28))}`;
}

const plusYears = (isoDate: string, years: number) => `${Number(isoDate.slice(0, 4)) + years}${isoDate.slice(4)}`;

export type NewMember = {
  name: string;
  initials: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string;
  joinedOn: string;
  confirmedOn: string;
};

/** A full member (正式党员) who joined at 25 and was confirmed a year later. */
export function newMember(): NewMember {
  const { name, initials } = chineseName();
  const sex = pick(['male', 'female'] as const);
  const born = birthDate();
  return {
    name,
    initials,
    sex,
    birthDate: born,
    idNumber: idNumberFor(born, sex),
    phone: mobile(),
    joinedOn: plusYears(born, 25),
    confirmedOn: plusYears(plusYears(born, 25), 1),
  };
}

/** The body of POST /people for a new full member of the organisation. */
export function personBody(orgId: string, m: NewMember) {
  return {
    orgId,
    name: m.name,
    sex: m.sex,
    birthDate: m.birthDate,
    idNumber: m.idNumber,
    phone: m.phone,
    category: 'full',
    joinedOn: m.joinedOn,
    confirmedOn: m.confirmedOn,
    ethnicity: '汉族',
  };
}

/** The masked form lists show: the first six and the last four characters. */
export const maskedId = (idNumber: string) => `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
