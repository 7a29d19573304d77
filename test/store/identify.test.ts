import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/domain/normalize.ts';
import { keysOf, resolve } from '../../src/store/identify.ts';
import { extraction } from '../support/build-extraction.ts';

describe('nameKey', () => {
  it('folds width, case, white space and traditional characters', () => {
    expect(nameKey('ＧＰＴ－４ Turbo')).toBe('gpt-4turbo');
    expect(nameKey('華東數智銀行')).toBe('华东数智银行');
    expect(nameKey(' 王\u3000耀南 ')).toBe('王耀南');
  });

  it('gives institutions a second key without the legal form', () => {
    expect(keysOf('INSTITUTION', '华东数智银行股份有限公司')).toEqual([
      '华东数智银行股份有限公司',
      '华东数智银行',
    ]);
    expect(keysOf('INSTITUTION', '星河科技有限责任公司')).toEqual([
      '星河科技有限责任公司',
      '星河科技',
    ]);
    expect(keysOf('INSTITUTION', '华东数智银行')).toEqual(['华东数智银行']);
    expect(keysOf('PERSON', '有限公司')).toEqual(['有限公司']);
    expect(keysOf('INSTITUTION', '有限公司')).toEqual(['有限公司']);
  });
});

describe('resolve', () => {
  const text =
    '华东数智银行股份有限公司行长李明表示，华东数智银行将推出“数智”大模型。李行长说，幻觉和理解错误仍是难点。张行长没有发言。';

  it('orders lookup keys longest name first and never looks weak names up', () => {
    const resolved = resolve(
      extraction(text, {
        people: [{ ref: 'p', names: ['李明', '~李行长'] }],
        institutions: [{ ref: 'i', names: ['华东数智银行', '华东数智银行股份有限公司'] }],
      }),
    );
    expect(resolved.institutions[0]!.lookupKeys).toEqual([
      '华东数智银行股份有限公司',
      '华东数智银行',
    ]);
    // The full name's stripped key is the short name's own key: one Name row, the short name.
    expect(resolved.institutions[0]!.names.map((n) => [n.name, n.key])).toEqual([
      ['华东数智银行', '华东数智银行'],
      ['华东数智银行股份有限公司', '华东数智银行股份有限公司'],
    ]);
    expect(resolved.people[0]!.lookupKeys).toEqual(['李明']);
    expect(resolved.people[0]!.names.find((n) => n.name === '李行长')?.strong).toBe(false);
  });

  it('merges entities of one document that share a full name, and re-points relations', () => {
    const resolved = resolve(
      extraction(text, {
        people: [{ ref: 'p', names: ['李明'] }],
        institutions: [
          { ref: 'i1', names: ['华东数智银行股份有限公司'], kind: 'bank' },
          { ref: 'i2', names: ['华东数智银行'] },
        ],
        models: [{ ref: 'm', names: ['数智'] }],
        affiliations: [['p', 'i1', '行长']],
        developments: [['m', 'i2']],
      }),
    );
    expect(resolved.institutions).toHaveLength(1);
    expect(resolved.institutions[0]!.refs).toEqual(['i1', 'i2']);
    expect(resolved.institutions[0]!.institutionKind).toBe('bank');
    expect(resolved.affiliations[0]!.institution).toBe(0);
    expect(resolved.developments[0]!.institution).toBe(0);
  });

  it('gives a weak name two people share to one of them only', () => {
    const resolved = resolve(
      extraction(text, {
        people: [
          { ref: 'p', names: ['李明', '~李行长'] },
          { ref: 'q', names: ['~李行长'] },
          { ref: 'z', names: ['~张行长'] },
        ],
      }),
    );
    // q has no name of its own left: it is the same person as the one holding 李行长.
    expect(resolved.people.map((p) => p.refs)).toEqual([['p', 'q'], ['z']]);
    expect(resolved.people[1]!.lookupKeys).toEqual([]);
  });

  it('challenges merge by taxonomy key and resolve by it alone', () => {
    const extracted = extraction(text, {
      people: [{ ref: 'p', names: ['李明'] }],
      challenges: [
        { ref: 'c1', key: 'hallucination', name: '幻觉', names: ['~幻觉'] },
        { ref: 'c2', key: 'hallucination', name: '幻觉', names: ['~理解错误'] },
      ],
      raised: [['p', 'c2']],
    });
    // A relation whose end was not extracted is dropped.
    extracted.raised.push({ ...extracted.raised[0]!, person: 'ghost', challenge: 'c1' });
    const resolved = resolve(extracted);
    expect(resolved.challenges).toHaveLength(1);
    expect(resolved.challenges[0]!.lookupKeys).toEqual(['hallucination']);
    expect(resolved.challenges[0]!.taxonomyName).toBe('幻觉');
    expect(resolved.challenges[0]!.names.map((n) => n.name).sort()).toEqual(['幻觉', '理解错误']);
    expect(resolved.raised).toEqual([expect.objectContaining({ person: 0, challenge: 0 })]);
  });
});
