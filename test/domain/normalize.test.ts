import { Converter, Locale } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, normalizeForMatch, toSimplified } from '../../src/domain/normalize.ts';

/** Every [source, target] entry of the OpenCC configuration toSimplified is built from. */
function dictEntries(value: unknown, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') {
    for (const entry of value.split('|')) {
      const [source, target] = entry.split(' ');
      if (source && target) out.push([source, target]);
    }
  } else if (Array.isArray(value)) {
    const [first, second] = value;
    if (
      value.length === 2 &&
      typeof first === 'string' &&
      typeof second === 'string' &&
      !first.includes(' ')
    ) {
      out.push([first, second]);
    } else for (const item of value) dictEntries(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) dictEntries(item, out);
  }
  return out;
}

const entries = dictEntries(Locale.configs.hk2s);
const opencc = Converter({ from: 'hk', to: 'cn' });

describe('toSimplified', () => {
  it('converts traditional characters to simplified ones', () => {
    expect(toSimplified('華東數智銀行發佈「天衡」金融大模型，歐陽明遠：風控關')).toBe(
      '华东数智银行发布「天衡」金融大模型，欧阳明远：风控关',
    );
    expect(toSimplified('責任編輯：邱曉嵐 來源：寶島財經 相關閱讀')).toBe(
      '责任编辑：邱晓岚 来源：宝岛财经 相关阅读',
    );
  });

  it('uses phrase context (反覆 → 反复) while leaving simplified text alone', () => {
    expect(toSimplified('反覆討論')).toBe('反复讨论');
    const simplified = '江苏苏商银行股份有限公司副行长黄进表示，客户数据不出行。';
    expect(toSimplified(simplified)).toBe(simplified);
  });

  it('keeps the length and the position of every character', () => {
    const samples = [
      '華東數智銀行',
      'GPT-4與DeepSeek-R1的對比測試 😀 𠮷野家',
      '二噁英檢測報告', // 噁 → 𫫇 is BMP → astral in OpenCC's dictionary
      '𠵾嗰度係咪銀行？',
      '',
      'plain ASCII text',
    ];
    for (const text of samples) {
      const out = toSimplified(text);
      expect(out.length).toBe(text.length);
      for (let i = 0; i < text.length; i++) {
        const surrogate = (s: string) => /[\ud800-\udfff]/.test(s[i] ?? '');
        expect(surrogate(out)).toBe(surrogate(text));
      }
    }
  });

  it('relies on dictionaries that keep the number of code points of every entry', () => {
    expect(entries.length).toBeGreaterThan(1000);
    const misaligned = entries.filter(([s, t]) => [...s].length !== [...t].length);
    expect(misaligned).toEqual([]);
  });

  it('skips no conversion that OpenCC would make (fast path is exact on dictionary text)', () => {
    const sample = entries.map(([source]) => source);
    const differing = sample.filter((s) => {
      const expected = opencc(s);
      return expected.length === s.length && toSimplified(s) !== expected;
    });
    expect(differing).toEqual([]);
  });
});

describe('normalizeForMatch', () => {
  it('applies NFKC, simplifies and removes all white space', () => {
    expect(normalizeForMatch('　ＧＰＴ－４ 華東 數智\n銀行 ')).toBe('GPT-4华东数智银行');
    expect(normalizeForMatch('欧阳 明远')).toBe(normalizeForMatch('歐陽明遠'));
  });
});

describe('collapseWhitespace', () => {
  it('collapses runs of white space, including no-break and ideographic spaces', () => {
    expect(collapseWhitespace('  本报记者\u00a0\u00a0喻涵\u3000北京报道  ')).toBe(
      '本报记者 喻涵 北京报道',
    );
  });

  it('joins a line broken between two Chinese characters, keeps a space between words', () => {
    expect(collapseWhitespace('华东数智银行\n    副行长沈嘉禾')).toBe('华东数智银行副行长沈嘉禾');
    expect(collapseWhitespace('large\n  language model')).toBe('large language model');
  });

  it('drops zero-width characters', () => {
    expect(collapseWhitespace('黄\u200b进')).toBe('黄进');
  });
});
