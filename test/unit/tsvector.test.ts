/** The tsvector literal PostgreSQL's full-text index is written from (src/repositories/full-text.postgresql.ts). */
import { describe, expect, it } from 'vitest';
import { tsvectorOf } from '../../src/repositories/full-text.postgresql.js';

describe('tsvectorOf', () => {
  it('lists each term once, in first-seen order, with every position it holds', () => {
    expect(tsvectorOf(['算力', '力券', '算力', 'ai'])).toBe("'算力':1,3 '力券':2 'ai':4");
  });

  it('quotes and escapes quotes and backslashes', () => {
    expect(tsvectorOf(["it's", 'a\\b'])).toBe("'it''s':1 'a\\\\b':2");
  });

  it('keeps 256 positions of a term at most, and records later ones as the last position PostgreSQL holds', () => {
    const many = tsvectorOf(Array.from({ length: 300 }, () => '算力'));
    expect(many.split(':')[1].split(',')).toHaveLength(256);
    // A term first seen past position 16383 sits at 16383, once however often it recurs.
    const late = tsvectorOf([...Array.from({ length: 16_390 }, (_, i) => `t${i}`), 'x', 'x']);
    expect(late.endsWith("'x':16383")).toBe(true);
  });

  it('is empty for no terms', () => {
    expect(tsvectorOf([])).toBe('');
  });
});
