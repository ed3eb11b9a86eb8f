/**
 * Script conversion skips OpenCC for text it would give back unchanged (src/text/chinese.ts):
 * no character left out of the changeable ones is changed by OpenCC, and whole texts (the
 * seeds, the data folder, Traditional and mixed text) convert as OpenCC converts them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/paths.js';
import { changeableCharacters, conversionEntries, openccToSimplified, toSimplified } from '../../src/text/chinese.js';

const changeable = changeableCharacters();

/** Every code point of the CJK blocks (unified, extension A and B, compatibility ideographs), and the CJK punctuation. */
function* cjk(): Generator<string> {
  const blocks: [number, number][] = [
    [0x3000, 0x303f],
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
    [0xff00, 0xffef],
    [0x20000, 0x2a6df],
    [0x2f800, 0x2fa1f],
  ];
  for (const [from, to] of blocks) for (let c = from; c <= to; c++) yield String.fromCodePoint(c);
}

describe('Traditional to Simplified', () => {
  it('finds every character OpenCC changes among the changeable ones', () => {
    let unchanged = 0;
    for (const ch of cjk()) {
      if (changeable.has(ch)) {
        expect(toSimplified(ch), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(openccToSimplified(ch));
        continue;
      }
      expect(openccToSimplified(ch), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(ch);
      expect(toSimplified(ch)).toBe(ch);
      unchanged++;
    }
    expect(unchanged).toBeGreaterThan(60_000);
  });

  it("converts every source of OpenCC's own dictionaries as OpenCC does, phrases whose characters change only together included", () => {
    let sources = 0;
    for (const [source] of conversionEntries()) {
      expect(toSimplified(source), source).toBe(openccToSimplified(source));
      sources++;
    }
    expect(sources).toBeGreaterThan(4_000);
    // 瞭 changes only inside phrases such as 明瞭 (明了), and 覆 only in some.
    expect(toSimplified('明瞭')).toBe('明了');
  });

  it('converts whole texts as OpenCC does: the seeds, the data folder, Traditional and mixed text', () => {
    const texts = [
      '成都市打造人工智能產業發展新高地若干政策',
      '算力券最高可抵扣70%，單個企業每年最高500萬元',
      '一目瞭然：不瞭解的企業請諮詢市經信局',
      '乾隆年間的著作與乾燥的天氣',
      '豈有此理，更車賈滑',
      '算力补贴最高500万元',
    ];
    const dirs = [projectPath('data/policies'), join(projectPath('..'), 'shared/seeds')];
    for (const dir of dirs) {
      let files: string[] = [];
      try {
        files = readdirSync(dir);
      } catch {
        continue;
      }
      for (const f of files) if (/\.(ya?ml|txt|md|html?)$/.test(f)) texts.push(readFileSync(join(dir, f), 'utf8'));
    }
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts)
      for (const line of text.split('\n')) expect(toSimplified(line)).toBe(openccToSimplified(line));
  });

  it('leaves Simplified text as it is without converting it, and converts Traditional text', () => {
    expect(changeable.has('萬')).toBe(true);
    expect(changeable.has('万')).toBe(false);
    expect(toSimplified('單個企業最高500萬元')).toBe('单个企业最高500万元');
    const simplified = '单个企业每年最高500万元';
    expect(toSimplified(simplified)).toBe(simplified);
  });
});
