/**
 * The data folder's YAML reader against `yaml`, the reader it stands in for: the same value, or
 * the same refusal, for the scalars the two libraries' core schemas read differently, for what
 * sends a file to `yaml`, and for the data files themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDataYaml } from '../../src/corpus/data-yaml.js';
import { DATA_DIR } from '../support/db.js';

/** Both readers' answers: the value, or the error's message. */
function bothRead(text: string) {
  const read = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  return { ours: read(() => parseDataYaml(text)), theirs: read(() => parse(text)) };
}

const SCALARS = [
  '-.5',
  '+.5',
  '.5',
  '-.5e3',
  '1e3',
  '1E-3',
  '1.',
  '0.10',
  '012',
  '-0',
  '+7',
  '00',
  '0o17',
  '-0o17',
  '0x1F',
  '-0x1F',
  '+0x1F',
  '0b101',
  '1_000',
  '1:20',
  '0.',
  '-.inf',
  '.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '2024-01-01',
  '2024-01-01T10:00:00Z',
  '2001-12-14 21:59:43.10 -5',
  '123456789012345678901',
  '"-.5"',
  "'0x1F'",
  '30%',
  '100万元',
  '成都',
  '',
];

describe("the data folder's YAML", () => {
  it.each(SCALARS)('reads the scalar %j as yaml does, as a value and in a list', (s) => {
    for (const text of [`a: ${s}\n`, `a:\n  - ${s}\n`, `${s}\n`]) {
      const { ours, theirs } = bothRead(text);
      expect(ours, text).toEqual(theirs);
    }
  });

  it.each([
    ['an anchor and alias', 'a: &x [1, 2]\nb: *x\n'],
    ['many aliases', `a: &a [x, x]\nb: &b [${'*a, '.repeat(60)}*a]\nc: [${'*b, '.repeat(60)}*b]\n`],
    ['a tag', 'a: !!str 1\nb: !foo x\n'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes\nb: 2024-01-01\n'],
    ['a null key', '~: 1\nb: 2\n'],
    ['an empty key', ': 1\n'],
    ['a list as a key', '[1, 2]: a\n'],
    ['a complex key', '? a\n: b\n'],
    ['a key given twice', 'a: 1\na: 2\n'],
    ['a quote left open', 'a: "x\nb: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['an empty file', ''],
    ['comments only', '# nothing\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a tab for indentation', 'a:\n\t- 1\n'],
    ['a block scalar', 'a: |-\n  一行\n  两行\nb: >\n  folded\n  text\n'],
    ['keys 1 and "1"', '1: a\n"1": b\n'],
    ['maps in a list, written flow', 'a:\n  - { from: 1, text: 第1名, value: { amount: 2 } }\n  - [1, -.5, 0x1F]\n'],
    ['an alias in a flow list', 'a: &x 1\nb: [*x, 2]\n'],
    ['a tag on a list item', 'a:\n  - !!str 12\n'],
    ['a null key in a flow map', 'a: {~: 1, b: 2}\n'],
    ['a list as a key in a list', '- [1, 2]: a\n'],
    ['text holding !, & and *', 'a: 来了!全国 R&D 2*3 注*\n'],
  ])('reads %s as yaml does', (_name, text) => {
    const { ours, theirs } = bothRead(text);
    expect(ours).toEqual(theirs);
  });

  it('reads every data file as yaml does', () => {
    for (const file of readdirSync(DATA_DIR).filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(join(DATA_DIR, file), 'utf8');
      expect(parseDataYaml(text), file).toEqual(parse(text));
    }
  });
});
