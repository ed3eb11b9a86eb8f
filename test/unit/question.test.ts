import { describe, expect, it } from 'vitest';
import { dayInQuestion, docNumbersInQuestion, focusOfQuestion } from '../../src/retrieval/question.js';
import { searchTextOf } from '../../src/retrieval/retrieval.service.js';

const TODAY = '2026-11-24';

describe('the day a question is about', () => {
  it.each([
    ['2024年8月还能申请算力券吗', '2024-08-01', '2024年8月'],
    ['2024年8月15日有效吗', '2024-08-15', '2024年8月15日'],
    ['2025-10-01 那天的政策', '2025-10-01', '2025-10-01'],
    ['2024/8/1 的算力券', '2024-08-01', '2024/8/1'],
    ['去年8月能领算力券吗', '2025-08-01', '去年8月'],
    ['今年三月份的补贴', '2026-03-01', '今年三月份'],
    ['2023年有哪些算力补贴', '2023-07-01', '2023年'],
    ['去年的算力政策', '2025-07-01', '去年'],
    ['2024年8月還能申請算力券嗎', '2024-08-01', '2024年8月'],
    ['2024.8 想领算力券', '2024-08-01', '2024.8'],
    ['24年10月申请的奖励', '2024-10-01', '24年10月'],
    ['2023年底评上的一等奖', '2023-12-01', '2023年底'],
    ['前年年初的政策', '2024-01-01', '前年年初'],
    ['上个月能申请算力券吗', '2026-10-01', '上个月'],
    ['下个月还能领吗', '2026-12-01', '下个月'],
    ['二〇二四年八月还能申请算力券吗', '2024-08-01', '二〇二四年八月'],
    ['二零二三年底评上的一等奖', '2023-12-01', '二零二三年底'],
  ])('%s → %s', (question, day, words) => {
    expect(dayInQuestion(question, TODAY)).toEqual({ day, words });
  });

  it('reads no day where none is named, or where the date is not a real one', () => {
    expect(dayInQuestion('现在还能申请算力券吗', TODAY)).toBeNull();
    expect(dayInQuestion('2024年2月30日', TODAY)?.day).not.toBe('2024-02-30');
    expect(dayInQuestion('算力券最多500万元', TODAY)).toBeNull();
    expect(dayInQuestion('投资1000.5万能补多少', TODAY)).toBeNull();
    expect(dayInQuestion('版本2.0的框架', TODAY)).toBeNull();
    // Another date there says when something happened; the question itself is about now.
    expect(dayInQuestion('去年租GPU花了80万，现在能领多少', TODAY)).toBeNull();
    // A year naming the document whose validity is asked: asked of today.
    expect(dayInQuestion('2023年的算力券政策还有效吗？', TODAY)).toBeNull();
    expect(dayInQuestion('24年出台的AI细则废止了没', TODAY)).toBeNull();
    expect(dayInQuestion('2023年8月出台的算力券政策还有效吗', TODAY)).toBeNull();
    // Asked of that year: what applied then, how long it ran, what it said.
    expect(dayInQuestion('2023年的算力券政策是怎么规定的', TODAY)?.day).toBe('2023-07-01');
    expect(dayInQuestion('2024年的算力采购适用哪个政策', TODAY)?.day).toBe('2024-07-01');
    expect(dayInQuestion('2024年的算力采购按哪个政策执行', TODAY)?.day).toBe('2024-07-01');
    expect(dayInQuestion('2023年的算力券政策适用于哪些企业', TODAY)?.day).toBe('2023-07-01');
    expect(dayInQuestion('2024年的政策规定的算力券有效期多长', TODAY)?.day).toBe('2024-07-01');
    // 一二三四 is no year without 年 after it; 本月 is about today.
    expect(dayInQuestion('一二三四五项都要吗', TODAY)).toBeNull();
    expect(dayInQuestion('本月还能申请吗', TODAY)).toBeNull();
  });

  it('counts 上个月 across a new year', () => {
    expect(dayInQuestion('上个月的补贴', '2027-01-15')).toEqual({ day: '2026-12-01', words: '上个月' });
    expect(dayInQuestion('下个月', '2026-12-31')).toEqual({ day: '2027-01-01', words: '下个月' });
  });
});

describe('文号 in a question', () => {
  it('finds them in any script and bracket style, in the stored form', () => {
    expect(docNumbersInQuestion('成經信辦〔2024〕16號还有效吗')).toEqual(['成经信办〔2024〕16号']);
    expect(docNumbersInQuestion('成经信发[2024]1号和成新经济（2023）1号')).toEqual([
      '成经信发〔2024〕1号',
      '成新经济〔2023〕1号',
    ]);
    expect(docNumbersInQuestion('成经信办〔2024〕第16号还有效吗')).toEqual(['成经信办〔2024〕16号']);
    expect(docNumbersInQuestion('算力券2024年发了多少')).toEqual([]);
  });
});

describe('the part of a clause a question asks for', () => {
  it.each([
    ['申请算力补贴应该打哪个电话咨询？', 'CONTACT'],
    ['算力券要交什么材料', 'MATERIALS'],
    ['什么企业可以申请天使投资奖励', 'CONDITIONS'],
    ['算力券什么时候申报', 'APPLICATION_PERIOD'],
    ['算力券最多给多少钱', 'AMOUNT'],
    ['算力券', null],
  ])('%s → %s', (question, focus) => {
    expect(focusOfQuestion(question)).toBe(focus);
  });

  it('searches for the subject alone', () => {
    expect(searchTextOf('申请算力补贴应该打哪个电话咨询？', null)).toBe('申请算力补贴应该');
    expect(searchTextOf('2024年8月还能申请算力券吗', '2024年8月')).toBe('申请算力券');
    expect(searchTextOf('成經信辦〔2024〕16號还有效吗', null)).toBe('');
  });
});
