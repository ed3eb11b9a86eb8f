/**
 * Reads and validates every file of data/policies/. Nothing is returned unless all files are
 * valid and all references resolve, so a bad file can never reach the database.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataYaml } from './data-yaml.js';
import { z } from 'zod';
import { policyFileSchema, type ParsedClause, type ParsedPolicy, type TopicVocabulary } from './corpus-schema.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { clauseText } from '../domain/clause-text.js';
import { clauseIdOf } from '../domain/clause-id.js';
import { DataFileProblem, listFolder, readRegularFile } from './data-files.js';
import { checkBenefits } from './benefit-checks.js';
import { CorpusError, type CorpusIssue } from './corpus-issues.js';
import { annotationsIn } from '../text/annotations.js';
import { isWholeYuan, MONEY_PATTERN, parseYuan } from '../text/money.js';
import { toSimplified } from '../text/chinese.js';

export const TOPICS_FILE = 'topics.yaml';

export interface Corpus {
  policies: ParsedPolicy[];
  topics: TopicVocabulary;
  /** Hash of every data file: the database records it to tell when the data changed. */
  fingerprint: string;
}

const vocabularySchema = z.record(z.string().min(1), z.array(z.string().min(1)).min(1));

function parseTopics(text: string): TopicVocabulary {
  return vocabularySchema.parse(parseDataYaml(text));
}

export function readTopicVocabulary(dir: string): TopicVocabulary {
  return parseTopics(readFileSync(join(dir, TOPICS_FILE), 'utf8'));
}

/** What else may sit in the data folder: the source texts' folder, and dot files (.gitkeep). */
const KNOWN_OTHERS = new Set(['sources']);

/** Entries of the data folder that are neither policy files nor known: refused, not ignored. */
function unknownEntries(names: string[]): CorpusIssue[] {
  return names
    .filter((f) => !/\.ya?ml$/.test(f) && !KNOWN_OTHERS.has(f) && !f.startsWith('.'))
    .sort()
    .map((file) => ({
      file,
      path: '',
      message:
        'is not a data file: only policy files ending in .yaml or .yml (and the sources/ folder) belong here; convert it to YAML, or move it out of the data folder',
    }));
}

/** Names that are policy files: *.yaml or *.yml, except the topic vocabulary. */
function policyFiles(names: string[]): string[] {
  return names.filter((f) => /\.ya?ml$/.test(f) && f !== TOPICS_FILE).sort();
}

function parseFile(file: string, text: string, issues: CorpusIssue[]): ParsedPolicy | null {
  let raw: unknown;
  try {
    raw = parseDataYaml(text);
  } catch (error) {
    issues.push({ file, path: '', message: `is not valid YAML: ${(error as Error).message}` });
    return null;
  }
  let result = policyFileSchema.safeParse(raw);
  if (!result.success) {
    for (const i of result.error.issues) issues.push({ file, path: i.path.join('.'), message: i.message });
    // Keys the schema does not know hide nothing else: the file is checked again without them, so
    // its other problems are listed at the same time (it stays refused for the keys).
    if (!result.error.issues.every((i) => i.code === 'unrecognized_keys')) return null;
    result = policyFileSchema.safeParse(withoutKeys(raw, result.error.issues));
    if (!result.success) return null;
  }
  if (result.data.id !== file.replace(/\.ya?ml$/, '')) {
    issues.push({ file, path: 'id', message: `must equal the file name without .yaml, but got: "${result.data.id}"` });
  }
  return result.data;
}

/** A copy of `raw` without the keys that unrecognized-key issues name, each at its path. */
function withoutKeys(raw: unknown, unknown: { path: PropertyKey[]; keys?: string[] }[]): unknown {
  const copy = structuredClone(raw) as Record<PropertyKey, unknown>;
  for (const { path, keys } of unknown) {
    const at = path.reduce<unknown>((o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k], copy);
    for (const k of keys ?? []) delete (at as Record<string, unknown> | undefined)?.[k];
  }
  return copy;
}

function checkClauses(
  file: string,
  clauses: ParsedClause[],
  prefix: string,
  topics: TopicVocabulary,
  issues: CorpusIssue[],
): void {
  const labels = new Set<string>();
  clauses.forEach((c, i) => {
    const path = `${prefix}${i}`;
    if (labels.has(c.label))
      issues.push({ file, path: `${path}.label`, message: `numbering repeats among its siblings: "${c.label}"` });
    labels.add(c.label);
    const full = clauseText(c);
    c.amounts.forEach((a, j) => {
      // The words an amount was read from must be in the clause, so a reader can find them.
      if (!full.includes(a.text))
        issues.push({
          file,
          path: `${path}.amounts.${j}.text`,
          message: `does not occur in the clause's text: "${a.text}"`,
        });
      const stated = sumsIn(a.text);
      if (a.sum !== undefined && stated.length && !stated.includes(a.sum))
        issues.push({
          file,
          path: `${path}.amounts.${j}.sum`,
          message: `is ${a.sum} yuan, but its text "${a.text}" states ${stated.join(' or ')} yuan: correct the sum (or the text) so they agree`,
        });
    });
    for (const field of ['heading', 'lead', 'tail'] as const)
      checkAnnotations(file, `${path}.${field}`, c[field], issues);
    c.topics.forEach((t, j) => {
      if (!(t in topics))
        issues.push({ file, path: `${path}.topics.${j}`, message: `is not in ${TOPICS_FILE}: "${t}"` });
    });
    checkClauses(file, c.clauses, `${path}.clauses.`, topics, issues);
  });
}

/**
 * Sums a text states, in yuan: "最高500万元" → [5000000]; Traditional 萬元 too. A price under a yuan
 * (0.06元/度) is text, not a sum an amount can hold, so it is passed over.
 */
function sumsIn(text: string): number[] {
  return [...toSimplified(text).matchAll(new RegExp(MONEY_PATTERN.source, 'g'))]
    .filter((m) => isWholeYuan(m[0]))
    .map((m) => parseYuan(m[0]));
}

/** Pinyin left after characters (產(chǎn)業(yè)) is a page's reading aid, not the policy's words. */
function checkAnnotations(file: string, path: string, text: string | undefined, issues: CorpusIssue[]): void {
  const found = text ? annotationsIn(text) : [];
  if (found.length)
    issues.push({
      file,
      path,
      message: `holds pinyin annotations (${found.slice(0, 3).join(' ')}): remove them (npm run parse writes a cleaned source without them) and take the text from the cleaned source`,
    });
}

/**
 * A document with clauses was taken from a text, and without `source.file` the verbatim check
 * would be silently off; only a draft may leave it out.
 */
function checkSource(file: string, p: ParsedPolicy, issues: CorpusIssue[]): void {
  if (!p.draft && p.clauses.length && !p.source?.file)
    issues.push({
      file,
      path: 'source.file',
      message:
        'is missing: a document with clauses must name the text they were taken from (source: { file: <name>.txt } in sources/), or be marked draft: true',
    });
  for (const field of ['title', 'preamble', 'closing'] as const) checkAnnotations(file, field, p[field], issues);
}

/** Policy text is data: every printed line must occur in the source file it was taken from. */
function checkVerbatim(file: string, p: ParsedPolicy, source: string | null, issues: CorpusIssue[]): void {
  if (source === null) return;
  const check = (path: string, text: string | undefined) => {
    const missing = text?.split('\n').find((line) => !source.includes(line.trim()));
    if (missing !== undefined)
      issues.push({
        file,
        path,
        message: `is not verbatim from ${p.source!.file}; this line is not in it: "${missing}"`,
      });
  };
  check('preamble', p.preamble);
  check('closing', p.closing);
  const walk = (clauses: ParsedClause[], prefix: string) =>
    clauses.forEach((c, i) => {
      check(`${prefix}${i}.lead`, c.lead);
      check(`${prefix}${i}.tail`, c.tail);
      walk(c.clauses, `${prefix}${i}.clauses.`);
    });
  walk(p.clauses, 'clauses.');
}

function checkRelations(byFile: Map<string, ParsedPolicy>, dir: string, issues: CorpusIssue[]): void {
  const ids = new Map<string, string>();
  const docNumbers = new Map<string, string>();
  for (const [file, p] of byFile) {
    if (ids.has(p.id)) issues.push({ file, path: 'id', message: `is already used by ${ids.get(p.id)}: "${p.id}"` });
    ids.set(p.id, file);
    if (p.docNumber) {
      const n = normaliseDocNumber(p.docNumber);
      if (docNumbers.has(n))
        issues.push({ file, path: 'docNumber', message: `is already used by ${docNumbers.get(n)}: "${p.docNumber}"` });
      docNumbers.set(n, file);
    }
  }
  for (const [file, p] of byFile) {
    const targets: [string, string | undefined][] = [
      ['implements', p.implements],
      ['interprets', p.interprets],
      ...p.repeals.map((r, i): [string, string] => [`repeals.${i}.id`, r.id]),
      ...p.references.map((r, i): [string, string] => [`references.${i}`, r]),
    ];
    for (const [path, target] of targets) {
      if (target === undefined) continue;
      if (target === p.id) issues.push({ file, path, message: `a document cannot point to itself: "${target}"` });
      else if (!ids.has(target)) issues.push({ file, path, message: `names no document in the corpus: "${target}"` });
    }
    if (p.source?.file && !existsSync(join(dir, 'sources', p.source.file))) {
      issues.push({ file, path: 'source.file', message: `is not in ${join(dir, 'sources')}: "${p.source.file}"` });
    }
  }
}

/**
 * Every clause-level supersession must name an existing clause of another document. Links
 * into a file that was itself refused are not reported again: its own issue is the cause.
 */
function checkSupersessions(byFile: Map<string, ParsedPolicy>, refused: Set<string>, issues: CorpusIssue[]): void {
  const ids = new Set<string>();
  const walk = (
    p: ParsedPolicy,
    clauses: ParsedClause[],
    labels: string[],
    visit: (c: ParsedClause, path: string, id: string) => void,
    prefix = 'clauses.',
  ) =>
    clauses.forEach((c, i) => {
      const l = [...labels, c.label];
      visit(c, `${prefix}${i}`, clauseIdOf(p.id, l));
      walk(p, c.clauses, l, visit, `${prefix}${i}.clauses.`);
    });
  for (const p of byFile.values()) walk(p, p.clauses, [], (_c, _path, id) => ids.add(id));
  for (const [file, p] of byFile) {
    walk(p, p.clauses, [], (c, path) =>
      c.supersedes.forEach((link, j) => {
        if (refused.has(link.clause.split('/')[0])) return;
        if (!ids.has(link.clause))
          issues.push({
            file,
            path: `${path}.supersedes.${j}.clause`,
            message: `names no clause in the corpus: "${link.clause}"`,
          });
        else if (link.clause.startsWith(`${p.id}/`))
          issues.push({
            file,
            path: `${path}.supersedes.${j}.clause`,
            message: `must be a clause of another document, but got: "${link.clause}"`,
          });
      }),
    );
  }
}

/**
 * What is derived from the same files at load (status timelines, citations, …) in this version;
 * part of the fingerprint, so a database loaded by an earlier version is loaded again. Raise it
 * when a derivation changes (2: policies in force while their 实施细则 are; 3: benefit rules stored; 4: clause counts per document stored; 5: everyday words, topics searched, the full-text index).
 */
const DERIVATION = 'derived-rows-v5';

/** Hash of data files' names and bytes (and DERIVATION): equal hashes mean equal data. */
function fingerprintOf(files: [name: string, bytes: Buffer][]): string {
  const hash = createHash('sha256').update(DERIVATION);
  for (const [name, bytes] of files) hash.update(name).update(bytes);
  return hash.digest('hex');
}

/** The data folder's bytes, each file read once, with the files that could not be read. */
interface DataFiles {
  /** topics.yaml; empty when missing (refused as a file, not thrown); null when it could not be read. */
  topics: Buffer | null;
  policies: [name: string, bytes: Buffer][];
  /** One issue per file that is there but is not a readable regular file. */
  issues: CorpusIssue[];
  unreadable: string[];
}

/** Reads topics.yaml and the policy files; throws CorpusError only when the folder itself cannot be listed. */
function readDataFiles(dir: string): DataFiles {
  let names: string[];
  try {
    names = listFolder(dir);
  } catch (error) {
    if (error instanceof DataFileProblem) throw new CorpusError([{ file: dir, path: '', message: error.message }]);
    throw error;
  }
  const data: DataFiles = { topics: null, policies: [], issues: unknownEntries(names), unreadable: [] };
  const read = (name: string): Buffer | null => {
    try {
      // Listed a moment ago: gone now means it was removed while the folder was read.
      const bytes = readRegularFile(join(dir, name), false);
      if (bytes === null && name !== TOPICS_FILE)
        throw new DataFileProblem('was removed while the data folder was read: reload once the folder is complete');
      return bytes ?? Buffer.alloc(0);
    } catch (error) {
      if (!(error instanceof DataFileProblem)) throw error;
      data.issues.push({ file: name, path: '', message: error.message });
      data.unreadable.push(name);
      return null;
    }
  };
  data.topics = read(TOPICS_FILE);
  for (const name of policyFiles(names)) {
    const bytes = read(name);
    if (bytes) data.policies.push([name, bytes]);
  }
  return data;
}

/** Hash of every data file; only defined when all of them could be read. */
function fingerprintOfData(data: DataFiles): string {
  if (data.issues.length) throw new CorpusError(data.issues);
  return fingerprintOf([[TOPICS_FILE, data.topics!], ...data.policies]);
}

/** The fingerprint of a data folder, without parsing it (to tell whether it changed). */
export function corpusFingerprint(dir: string): string {
  return fingerprintOfData(readDataFiles(dir));
}

/**
 * Source texts by name, each read once however many documents were taken from it. A missing
 * source is null (checkRelations reports it); one that is there but unreadable is an issue.
 */
function sourceTexts(dir: string): (name: string) => string | DataFileProblem | null {
  const sources = new Map<string, string | DataFileProblem | null>();
  return (name) => {
    if (!sources.has(name)) {
      try {
        sources.set(name, readRegularFile(join(dir, 'sources', name), true)?.toString('utf8') ?? null);
      } catch (error) {
        if (!(error instanceof DataFileProblem)) throw error;
        sources.set(name, error);
      }
    }
    return sources.get(name)!;
  };
}

/** Validates files already read; throws CorpusError listing every problem, theirs and the files'. */
function validate(dir: string, data: DataFiles): Corpus {
  const issues: CorpusIssue[] = [...data.issues];
  let topics: TopicVocabulary = {};
  if (data.topics) {
    try {
      topics = parseTopics(data.topics.toString('utf8'));
    } catch (error) {
      issues.push({ file: TOPICS_FILE, path: '', message: (error as Error).message });
    }
  }
  const source = sourceTexts(dir);
  const byFile = new Map<string, ParsedPolicy>();
  for (const [file, bytes] of data.policies) {
    const policy = parseFile(file, bytes.toString('utf8'), issues);
    if (policy) {
      byFile.set(file, policy);
      checkClauses(file, policy.clauses, 'clauses.', topics, issues);
      checkBenefits(file, policy, issues);
      checkSource(file, policy, issues);
      const sourceFile = policy.source?.file;
      const text = sourceFile ? source(sourceFile) : null;
      if (text instanceof DataFileProblem)
        issues.push({ file, path: 'source.file', message: `${join(dir, 'sources', sourceFile!)} ${text.message}` });
      checkVerbatim(file, policy, typeof text === 'string' ? text : null, issues);
    }
  }
  checkRelations(byFile, dir, issues);
  const refused = new Set(
    [...data.policies.map(([f]) => f), ...data.unreadable]
      .filter((f) => !byFile.has(f))
      .map((f) => f.replace(/\.ya?ml$/, '')),
  );
  checkSupersessions(byFile, refused, issues);
  if (issues.length) throw new CorpusError(issues);
  return { policies: [...byFile.values()], topics, fingerprint: fingerprintOfData(data) };
}

/**
 * The folder's fingerprint, and its corpus unless that fingerprint is `known` (then nothing is
 * parsed). Files are read once for both. Throws CorpusError as readCorpus does.
 */
export function readCorpusUnless(dir: string, known: string | null): { fingerprint: string; corpus: Corpus | null } {
  const data = readDataFiles(dir);
  if (!data.issues.length) {
    const fingerprint = fingerprintOfData(data);
    if (fingerprint === known) return { fingerprint, corpus: null };
  }
  const corpus = validate(dir, data);
  return { fingerprint: corpus.fingerprint, corpus };
}

/** Reads data/policies (or `dir`), validating everything; throws CorpusError listing all problems. */
export function readCorpus(dir: string): Corpus {
  return validate(dir, readDataFiles(dir));
}
