/**
 * The examples of the README and docs/, read out of their Markdown so a test can run each one and
 * check the answer the page shows. The conventions a writer follows (docs/README.md says them too):
 *
 * - a ```graphql block is followed, after blank lines only, by a ```json block: the answer, as
 *   `{ "data": … }` (or `{ "errors": … }`), which may be shortened;
 * - in a ```sh block, a `curl` command (with `\` continuations) is followed by its output as
 *   `# ` lines; other commands (npm, export, docker) are the reader's to run, not the test's.
 *
 * An answer is shortened by leaving keys out of an object, by ending a list with "…" (more items
 * follow), or by writing … inside a string for any run of characters ("…" alone: any value). A
 * number with decimals is compared at the decimals shown.
 */
import { readFileSync } from 'node:fs';

export interface Example {
  /** `README.md:120`: where the example starts, for the failure message. */
  at: string;
}

export interface GraphqlExample extends Example {
  query: string;
  /** The answer the page shows, parsed. */
  shown: unknown;
}

export interface ShellExample extends Example {
  /** The command as a shell reads it, continuations joined. */
  command: string;
  /** The `# ` lines after it, without the `# `. */
  shown: string[];
}

export interface DocExamples {
  graphql: GraphqlExample[];
  shell: ShellExample[];
  /** Examples that break the conventions: an unanswered query, a curl with no output shown. */
  problems: string[];
}

interface Fence {
  lang: string;
  /** 1-based line of the opening fence. */
  line: number;
  body: string[];
  /** Whether only blank lines separate it from the fence before it. */
  followsFence: boolean;
}

function fencesOf(text: string): Fence[] {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  let lastClose = -2;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const between = lines.slice(lastClose + 1, start);
    fences.push({
      lang: open[1],
      line: start + 1,
      body,
      followsFence: lastClose >= 0 && between.every((l) => l.trim() === ''),
    });
    lastClose = i;
  }
  return fences;
}

export function examplesIn(file: string, text = readFileSync(file, 'utf8')): DocExamples {
  const name = file.replace(/^.*?((docs\/)?[^/]+\.md)$/, '$1');
  const found: DocExamples = { graphql: [], shell: [], problems: [] };
  const fences = fencesOf(text);
  fences.forEach((fence, i) => {
    const at = `${name}:${fence.line}`;
    if (fence.lang === 'graphql') {
      const answer = fences[i + 1];
      if (answer?.lang !== 'json' || !answer.followsFence) {
        found.problems.push(`${at}: a graphql example with no json answer right after it`);
        return;
      }
      try {
        found.graphql.push({ at, query: fence.body.join('\n'), shown: JSON.parse(answer.body.join('\n')) });
      } catch (e) {
        found.problems.push(`${name}:${answer.line}: the answer is not JSON (${(e as Error).message})`);
      }
    } else if (fence.lang === 'sh') {
      found.shell.push(...curlsIn(fence, name, found.problems));
    }
  });
  return found;
}

function curlsIn(fence: Fence, name: string, problems: string[]): ShellExample[] {
  const examples: ShellExample[] = [];
  const lines = fence.body;
  for (let i = 0; i < lines.length; i++) {
    if (!/^curl\s/.test(lines[i])) continue;
    const line = fence.line + 1 + i;
    let command = lines[i];
    while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)} ${lines[++i].trim()}`;
    const shown: string[] = [];
    while (i + 1 < lines.length && /^#( |$)/.test(lines[i + 1])) shown.push(lines[++i].slice(2));
    if (shown.length === 0) problems.push(`${name}:${line}: a curl example with no output shown after it`);
    else examples.push({ at: `${name}:${line}`, command, shown });
  }
  return examples;
}

/** A regular expression reading `shown` with each … standing for any run of characters. */
function withGaps(shown: string): RegExp {
  const parts = shown.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]*?')}$`);
}

const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

/** How `actual` differs from the shortened `shown`, one line per difference; none when it reads so. */
export function differences(actual: unknown, shown: unknown, at = '$'): string[] {
  if (shown === '…') return [];
  if (typeof shown === 'string') {
    if (typeof actual === 'string' && withGaps(shown).test(actual)) return [];
    return [`${at}: is ${show(actual)}, the docs show ${show(shown)}`];
  }
  if (typeof shown === 'number') {
    const decimals = (String(shown).split('.')[1] ?? '').length;
    const same = typeof actual === 'number' && Number(actual.toFixed(decimals)) === shown;
    return same ? [] : [`${at}: is ${show(actual)}, the docs show ${shown}`];
  }
  if (shown === null || typeof shown !== 'object') {
    return actual === shown ? [] : [`${at}: is ${show(actual)}, the docs show ${show(shown)}`];
  }
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual)) return [`${at}: is ${show(actual)}, the docs show a list`];
    const open = shown.at(-1) === '…';
    const items = open ? shown.slice(0, -1) : shown;
    if (open ? actual.length < items.length : actual.length !== items.length) {
      return [`${at}: has ${actual.length} items, the docs show ${items.length}${open ? ' or more' : ''}`];
    }
    return items.flatMap((item, i) => differences(actual[i], item, `${at}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
    return [`${at}: is ${show(actual)}, the docs show an object`];
  }
  return Object.entries(shown).flatMap(([key, value]) =>
    key in actual
      ? differences((actual as Record<string, unknown>)[key], value, `${at}.${key}`)
      : [`${at}: has no ${key}`],
  );
}

/**
 * How a command's output differs from the `# ` lines shown: as JSON when they are JSON (one value,
 * or one per line for NDJSON, a last line "…" standing for more), else as text with … for gaps.
 */
export function outputDifferences(printed: string, shown: string[]): string[] {
  // HTTP headers and CSV rows end with CRLF; a page shows lines.
  const output = printed.replace(/\r\n/g, '\n');
  const joined = shown.join('\n');
  const json = (text: string) => {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return null;
    }
  };
  const whole = json(joined);
  if (whole && typeof whole.value === 'object') {
    const actual = json(output);
    return actual ? differences(actual.value, whole.value) : [`the output is not JSON: ${show(output)}`];
  }
  const perLine = shown.map((line) => (line === '…' ? { value: '…' as unknown } : json(line)));
  if (shown[0]?.startsWith('{') && perLine.every(Boolean)) {
    const lines = output.trimEnd().split('\n');
    const actual = lines.map((l) => json(l));
    if (actual.some((a) => !a)) return [`the output is not one JSON value a line: ${show(output)}`];
    return differences(
      actual.map((a) => a?.value),
      perLine.map((p) => p?.value),
    );
  }
  return withGaps(joined).test(output.trimEnd())
    ? []
    : [`the output is ${show(output)}, the docs show ${show(joined)}`];
}
