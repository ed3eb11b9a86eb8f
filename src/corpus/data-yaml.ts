/**
 * The data folder's YAML, read fast and read as `yaml` reads it. `yaml` (2.x) took 20.5 s of the
 * 24–26 s a 100k-clause folder (53 MB) took to read and check, at 2.6 MB/s; js-yaml reads the
 * same files at 20 MB/s. The two differ beyond plain mappings, lists and scalars, so js-yaml reads
 * a file only
 *   - with the scalars of `yaml`'s YAML 1.2 core schema, declared below as `yaml` declares them
 *     (js-yaml's own core schema reads -.5 as text and 0b101 as a number);
 *   - when the file has none of what they read differently: anchors, aliases and tags (`&`, `*`,
 *     `!`; `yaml` also refuses a file of too many aliases), directives (`%YAML 1.1`), null or
 *     empty keys (`~:` is "null" to js-yaml and "" to `yaml`), or keys that are lists, maps or
 *     `? ` entries. Such characters in a text only send the file to `yaml`, which is slower;
 * and a file js-yaml refuses is read again by `yaml`, whose messages point at the right line (a
 * quote left open: line 2, where js-yaml saw bad indentation 550 lines on) and which reads a few
 * files js-yaml refuses (a key 1 beside a key "1").
 */
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import { parse } from 'yaml';

/** A plain scalar of `yaml`'s core schema: its pattern, and the value it stands for. */
const scalar = (name: string, test: RegExp, value: (text: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (text: string | null) => test.test(text ?? ''),
    construct: (text: string | null) => value(text ?? ''),
  });

const INT = { oct: /^0o[0-7]+$/, decimal: /^[-+]?[0-9]+$/, hex: /^0x[0-9a-fA-F]+$/ };
const FLOAT = {
  special: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  exponent: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  plain: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
};
const anyOf = (patterns: Record<string, RegExp>) =>
  new RegExp(
    Object.values(patterns)
      .map((p) => p.source)
      .join('|'),
  );

// One type per tag (js-yaml keeps the last of several with the same tag), in the order `yaml`
// tries them (yaml/dist/schema/core/schema.js): null, bool, int, float; the patterns are disjoint.
const CORE_SCALARS = [
  scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
  scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
  scalar('int', anyOf(INT), (s) =>
    INT.oct.test(s)
      ? Number.parseInt(s.substring(2), 8)
      : INT.hex.test(s)
        ? Number.parseInt(s.substring(2), 16)
        : Number.parseInt(s, 10),
  ),
  scalar('float', anyOf(FLOAT), (s) =>
    !FLOAT.special.test(s)
      ? Number.parseFloat(s)
      : s.slice(-3).toLowerCase() === 'nan'
        ? Number.NaN
        : s[0] === '-'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY,
  ),
];

const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: CORE_SCALARS });

/** What js-yaml and `yaml` may read differently (see above): such a file goes to `yaml`. */
const READ_DIFFERENTLY = new RegExp(
  [
    /(?:^|[ \t[{,])[&*!]/.source, // an anchor, alias or tag where a node starts
    /^%/.source, // a directive
    /(?:^[ \t-]*|[{,][ \t]*)(?:~|null|Null|NULL)?[ \t]*:(?:[ \t]|$)/.source, // a null or empty key
    /^[ \t-]*[[{].*[\]}][ \t]*:(?:[ \t]|$)/.source, // a list or map as a key
    /^[ \t-]*\?(?:[ \t]|$)/.source, // an explicit key
  ].join('|'),
  'm',
);

/** The value of a data file's YAML text, as `yaml` reads it; throws `yaml`'s error when refused. */
export function parseDataYaml(text: string): unknown {
  if (READ_DIFFERENTLY.test(text)) return parse(text);
  try {
    // An empty file (or one of comments) is null to `yaml`, undefined to js-yaml.
    return load(text, { schema: SCHEMA }) ?? null;
  } catch {
    return parse(text);
  }
}
