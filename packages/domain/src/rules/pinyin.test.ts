import { describe, expect, it } from 'vitest';
import { looksLikePinyinQuery, normalizePinyinQuery, toPinyinKeys } from './pinyin.ts';

describe('toPinyinKeys', () => {
  it('gives toneless syllables without spaces and their initials', () => {
    expect(toPinyinKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
  });

  it.each([
    ['单雄信', 'shanxiongxin', 'sxx'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['解缙', 'xiejin', 'xj'],
    ['仇英', 'qiuying', 'qy'],
    ['区寄', 'ouji', 'oj'],
    ['朴正', 'piaozheng', 'pz'],
    ['查良镛', 'zhaliangyong', 'zly'],
    ['盖聂', 'genie', 'gn'],
    ['覃小', 'qinxiao', 'qx'],
    ['尉迟恭', 'yuchigong', 'ycg'],
  ])('reads the surname of %s as a surname (%s)', (name, full, initials) => {
    expect(toPinyinKeys(name)).toEqual({ full, initials });
  });

  it('reads the given name in its everyday reading, not with surname readings', () => {
    // Surname mode alone would give "wangxiefang" and "zhangshan".
    expect(toPinyinKeys('王解放')).toEqual({ full: 'wangjiefang', initials: 'wjf' });
    expect(toPinyinKeys('张单')).toEqual({ full: 'zhangdan', initials: 'zd' });
    expect(toPinyinKeys('李曾')).toEqual({ full: 'liceng', initials: 'lc' });
  });

  it('reads the first character as a surname even when the same character follows in the given name', () => {
    expect(toPinyinKeys('曾经')).toEqual({ full: 'zengjing', initials: 'zj' });
    expect(toPinyinKeys('解解')).toEqual({ full: 'xiejie', initials: 'xj' });
  });

  it('reads a compound surname as one surname, where 尉 alone would be wei', () => {
    expect(toPinyinKeys('尉迟恭').full).toBe('yuchigong');
    expect(toPinyinKeys('尉缭').full).toBe('weiliao');
    expect(toPinyinKeys('万俟卨').initials.slice(0, 2)).toBe('mq');
    expect(toPinyinKeys('欧阳修')).toEqual({ full: 'ouyangxiu', initials: 'oyx' });
  });

  it('keeps a character outside the Basic Multilingual Plane as one character', () => {
    expect(toPinyinKeys('𠮷张')).toEqual({ full: '𠮷zhang', initials: '𠮷z' });
  });

  it('writes ü as v, as pinyin keyboards do', () => {
    expect(toPinyinKeys('吕布')).toEqual({ full: 'lvbu', initials: 'lb' });
    expect(toPinyinKeys('女娲')).toEqual({ full: 'nvwa', initials: 'nw' });
  });

  it('keeps Latin letters and digits, lower-cased, in both keys', () => {
    expect(toPinyinKeys('李A明')).toEqual({ full: 'liaming', initials: 'lam' });
    expect(toPinyinKeys('Tom张')).toEqual({ full: 'tomzhang', initials: 'tomz' });
    expect(toPinyinKeys('王2')).toEqual({ full: 'wang2', initials: 'w2' });
  });

  it('drops the middle dot and spaces of transliterated names so that a run of letters matches', () => {
    expect(toPinyinKeys('买买提·艾力')).toEqual({ full: 'maimaitiaili', initials: 'mmtal' });
    expect(toPinyinKeys(' 张　三 ')).toEqual({ full: 'zhangsan', initials: 'zs' });
  });

  it('gives empty keys for an empty name', () => {
    expect(toPinyinKeys('')).toEqual({ full: '', initials: '' });
    expect(toPinyinKeys(' · ')).toEqual({ full: '', initials: '' });
  });
});

describe('looksLikePinyinQuery', () => {
  it('is true for Latin letters, in any case', () => {
    expect(looksLikePinyinQuery('zs')).toBe(true);
    expect(looksLikePinyinQuery('ZhangSan')).toBe(true);
  });

  it('ignores spaces between syllables and full-width letters from a Chinese input method', () => {
    expect(looksLikePinyinQuery('zhang san')).toBe(true);
    expect(looksLikePinyinQuery('ｚｓ')).toBe(true);
  });

  it('is false for Chinese characters, digits, mixed input and an empty query', () => {
    expect(looksLikePinyinQuery('张三')).toBe(false);
    expect(looksLikePinyinQuery('1234')).toBe(false);
    expect(looksLikePinyinQuery('zhang三')).toBe(false);
    expect(looksLikePinyinQuery('ü')).toBe(false);
    expect(looksLikePinyinQuery('')).toBe(false);
    expect(looksLikePinyinQuery('   ')).toBe(false);
  });
});

describe('normalizePinyinQuery', () => {
  it('lower-cases and removes spaces so the query compares with the stored keys', () => {
    expect(normalizePinyinQuery(' Zhang San ')).toBe('zhangsan');
    expect(normalizePinyinQuery('ＺＳ')).toBe('zs');
  });
});
