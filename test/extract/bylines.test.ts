// Bylines written as fields, run together, or in a dated dateline; sentences written for this test.
import { describe, expect, it } from 'vitest';
import { run } from '../support/extract-helpers.ts';

describe('bylines as fields', () => {
  it('reads the source and the author of one line', () => {
    const found = run('本文来源：观潮财经 作者：林晚舟\n正文第一段。');
    expect(found.affiliations).toEqual(['林晚舟 @ 观潮财经: 作者']);
  });

  it('reads fields run together without a space (记者：张三编辑：李四)', () => {
    const found = run('来源：江城日报记者：陶知秋编辑：贺云帆\n正文第一段。');
    expect(found.affiliations).toEqual(['陶知秋 @ 江城日报: 记者', '贺云帆 @ 江城日报: 编辑']);
  });

  it('takes the outlet from a source line of its own', () => {
    const found = run('作者 | 郁南星\n来源 | 清溪金融\n正文第一段。');
    expect(found.affiliations).toEqual(['郁南星 @ 清溪金融: 作者']);
  });

  it('names reviewers and proofreaders without giving them the outlet', () => {
    const found = run('来源：江城日报 编辑：贺云帆 校对：闻一舟\n正文第一段。');
    expect(found.people).toEqual(['贺云帆', '闻一舟']);
    expect(found.affiliations).toEqual(['贺云帆 @ 江城日报: 编辑']);
  });

  it('leaves a line that is not only fields alone', () => {
    const found = run('作者：林晚舟认为这件事很难说清楚。');
    expect(found.affiliations).toEqual([]);
  });
});

describe('datelines', () => {
  it('reads a dateline with a date before 讯', () => {
    const found = run('青岚新闻3月5日讯（记者 史思同）近日，多家券商接入大模型。');
    expect(found.affiliations).toEqual(['史思同 @ 青岚新闻: 记者']);
  });
});
