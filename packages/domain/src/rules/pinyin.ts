/**
 * Pinyin search keys for people's names, so that a secretary can find 张三 by typing "zhangsan"
 * or "zs". Stored next to the name and matched with a prefix/substring search.
 */
import { pinyin } from 'pinyin-pro';
import { normalizeText } from './dates.ts';

export type PinyinKeys = { full: string; initials: string };

// Separators inside names carry no sound and would break a match of "maimaiti" against
// 买买提·艾力 or "john" against "John Smith": the middle dots of ethnic-minority and foreign
// names in Chinese (·, ・, •, ‧), and whitespace.
const NAME_SEPARATORS = /[\s·・•‧.]/g;

// Two-character surnames (复姓) from the Hundred Family Surnames and modern use. Only the surname
// is read in surname mode, so the list decides how many characters that is.
const COMPOUND_SURNAMES = new Set([
  '欧阳', '太史', '端木', '上官', '司马', '东方', '独孤', '南宫', '万俟', '闻人', '夏侯', '诸葛',
  '尉迟', '公羊', '赫连', '澹台', '皇甫', '宗政', '濮阳', '公冶', '太叔', '申屠', '公孙', '慕容',
  '仲孙', '钟离', '长孙', '宇文', '司徒', '鲜于', '司空', '闾丘', '子车', '亓官', '司寇', '巫马',
  '公西', '颛孙', '壤驷', '公良', '漆雕', '乐正', '宰父', '谷梁', '拓跋', '夹谷', '轩辕', '令狐',
  '段干', '百里', '呼延', '东郭', '南门', '羊舌', '微生', '梁丘', '左丘', '西门', '第五', '南荣',
  '东里', '即墨', '达奚', '褚师',
]);

/**
 * The surname is read in pinyin-pro's surname mode, where several common characters differ from
 * their everyday reading: 单 shan (not dan), 曾 zeng, 解 xie, 仇 qiu, 区 ou, 朴 piao, 查 zha,
 * 盖 ge, 覃 qin, 尉迟 yuchi. The given name is read in normal mode, because surname mode applies
 * surname readings to every character and would turn 王解放 into "wangxiefang".
 * ü is written v, as on every pinyin keyboard (吕 → lv). Characters that are not Chinese are kept,
 * lower-cased, in both keys.
 */
export function toPinyinKeys(name: string): PinyinKeys {
  const cleaned = normalizeText(name).replace(NAME_SEPARATORS, '');
  if (cleaned === '') return { full: '', initials: '' };
  const chars = Array.from(cleaned);
  const surnameLength = COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const surname = pinyin(chars.slice(0, surnameLength).join(''), {
    mode: 'surname',
    toneType: 'none',
    type: 'array',
    v: true,
  });
  // The whole name is read in normal mode so that context-dependent readings in the given name
  // (解放 jiefang, 长江 changjiang) come out right; pinyin-pro returns one item per character.
  const givenName = pinyin(cleaned, { toneType: 'none', type: 'array', v: true }).slice(surnameLength);
  const syllables = [...surname, ...givenName];
  const full = syllables.join('').toLowerCase();
  const initials = syllables.map((s) => Array.from(s)[0] ?? '').join('').toLowerCase();
  return { full, initials };
}

/** True when the query, ignoring spaces, is only Latin letters, so it should match pinyin keys. */
export function looksLikePinyinQuery(q: string): boolean {
  return /^[a-z]+$/i.test(normalizeText(q).replace(/\s+/g, ''));
}

/** The form of a pinyin query to match against the keys: "Zhang San" → "zhangsan". */
export function normalizePinyinQuery(q: string): string {
  return normalizeText(q).replace(/\s+/g, '').toLowerCase();
}
