/**
 * The parser's draft as a data file that ingest loads as it is: only the schema's keys, the
 * cleaned source named in `source.file`, and what needs a person's judgement listed in `note`
 * (lines starting "review:") rather than guessed.
 */
import type { ClauseFile, PolicyFile } from '../corpus/corpus-schema.js';
import type { DraftPolicy } from './parse-text.js';
import { toSimplified } from '../text/chinese.js';
import { isWholeYuan, MONEY_PATTERN } from '../text/money.js';

// Top-level sections of an application guide or notice (四、项目申报条件, 一、申报时间).
const APPLICATION_SECTION = /^(?:项目)?申[报请](?:条件|时间|对象|流程|材料|方式)/;

/**
 * The kind a title names: 实施细则/操作指引/申报指南 put another policy into effect, and so do a
 * guide or notice whose sections say how to apply, a notice calling for applications, and the
 * management rules of a fund set up to carry out named policies; 解读 (by its title, or its sections on how the
 * document was drafted) and reports (paragraphs) grant nothing.
 */
function kindOf(draft: DraftPolicy): PolicyFile['kind'] {
  const title = draft.meta.title ?? '';
  const report = draft.clauses.length > 0 && draft.clauses.every((c) => /^第\d+段$/.test(c.label));
  const lead = toSimplified(draft.cleaned.slice(0, 400));
  if (
    /解读|解讀|一图[读看]懂|一圖[讀看]懂|图解|圖解/.test(title) ||
    report ||
    draft.clauses.some(explainsDrafting) ||
    // A consultancy's summary of a policy (…内容整理如下, 小编…) that states no sum of its own: it grants
    // nothing itself. An agency's page reprinting a policy's clauses, sums and all, is the policy.
    (/整理|小编|为您解答|免费咨询/.test(lead) && !hasAmounts(draft.clauses))
  )
    return 'INTERPRETATION';
  if (/实施细则|實施細則|操作指引|申报指南|申報指南|申报(?:工作)?的?通知|申報(?:工作)?的?通知/.test(title))
    return 'IMPLEMENTATION_RULES';
  const opening = toSimplified(draft.cleaned.slice(0, 800));
  // A notice calling for applications (决定开展…项目申报工作，现将有关事项通知如下).
  if (/(?:开展|组织|做好)[^。]{0,60}申报(?:工作)?[^。]{0,20}通知如下/.test(opening)) return 'IMPLEMENTATION_RULES';
  // Rules that carry out named policies (为落实《…若干政策…》…制定《…专项资金管理办法》, 算力券实施办法).
  if (
    /(?:资金|券)管理办法|实施办法|兑现办法|操作规程/.test(toSimplified(title)) &&
    /(?:为|依据|根据)(?:贯彻|更好地?|进一步)?落实《[^》]*(?:政策|措施)[^》]*》/.test(opening)
  )
    return 'IMPLEMENTATION_RULES';
  if (draft.clauses.some((c) => APPLICATION_SECTION.test(toSimplified(c.heading ?? c.lead.replace(/^\S+?、/, '')))))
    return 'IMPLEMENTATION_RULES';
  return 'POLICY';
}

function hasAmounts(clauses: ClauseFile[]): boolean {
  return clauses.some((c) => (c.amounts?.length ?? 0) > 0 || hasAmounts(c.clauses ?? []));
}

// Sections only a 解读 has: how the document was drafted and what marks it (起草原则, 政策特点).
const INTERPRETATION_SECTION = /^(?:起草|出台|制定|编制)(?:背景|原则|依据|过程|思路)|^政策(?:特点|亮点|要点)/;

/** A top-level section explaining how a document was drafted: the text is a 解读 of it. */
function explainsDrafting(c: ClauseFile): boolean {
  return INTERPRETATION_SECTION.test(toSimplified(c.heading ?? ''));
}

function withoutAmounts(clauses: ClauseFile[]): ClauseFile[] {
  return clauses.map(({ amounts: _, clauses: sub, ...c }) => ({
    ...c,
    ...(sub ? { clauses: withoutAmounts(sub) } : {}),
  }));
}

/** What the draft leaves to the reviewer, one "review:" line each. */
function reviewNotes(draft: DraftPolicy, kind: PolicyFile['kind']): string[] {
  const notes: string[] = [];
  const m = draft.meta;
  if (!m.title) notes.push('review: no title found; the title is the file id until you write it');
  if (!m.docNumber) notes.push('review: no 文号 found; add docNumber if the document has one');
  if (!m.publishedOn) notes.push('review: no issue date found (publishedOn)');
  if (!m.effectiveFrom) notes.push('review: no effective date found (effectiveFrom/effectiveTo)');
  if (m.cites?.length)
    notes.push(`review: cites ${m.cites.join('、')}; link those in the corpus (implements/references)`);
  for (const at of draft.restarts ?? [])
    notes.push(`review: ${at} holds numbering that starts again (an unnumbered sub-heading?): kept as its text`);
  if (kind === 'INTERPRETATION')
    notes.push('review: read as an INTERPRETATION (解读 or report), so no amounts are drafted');
  const walk = (clauses: ClauseFile[], path: string) => {
    for (const c of clauses) {
      const at = `${path}${c.label}`;
      // 一事一议 beside a sum: which one governs is a judgement; the draft keeps the sums and says so.
      if (c.caseByCase && c.amounts?.some((a) => a.kind !== 'BUDGET')) {
        delete c.caseByCase;
        notes.push(`review: ${at} says 一事一议 and also states sums: keep one (caseByCase or amounts)`);
      }
      if ((c.amounts ?? []).filter((a) => a.kind === 'FIXED' && !a.condition).length > 1)
        notes.push(`review: ${at} states several sums (tiers?): add each tier's condition`);
      if (c.amounts?.some((a) => a.kind === 'PER_UNIT' && a.base === '个'))
        notes.push(`review: ${at} pays per unit, but the unit was not found: correct base`);
      // 0.06元/度: a sum the service cannot store in whole yuan is left out of the draft.
      const fractional = [...`${c.heading ?? ''}${c.lead}`.matchAll(new RegExp(MONEY_PATTERN.source, 'g'))].filter(
        (m) => !isWholeYuan(m[0]),
      );
      if (fractional.length && kind !== 'INTERPRETATION')
        notes.push(
          `review: ${at} states ${fractional.map((m) => m[0]).join('、')}, less than a whole yuan: not drafted (sums are stored in yuan)`,
        );
      if (c.amounts?.some((a) => a.period === undefined))
        notes.push(
          `review: ${at} has a sum whose period the text does not state nearby: set ONCE or YEARLY if the text says, else leave it out (a cap over several years, 累计, has none)`,
        );
      walk(c.clauses ?? [], `${at}/`);
    }
  };
  walk(draft.clauses, '');
  return notes;
}

/** The draft of `id`, quoting the cleaned source saved as `sourceFile` in data/policies/sources/. */
export function draftFile(draft: DraftPolicy, id: string, sourceFile: string): PolicyFile {
  const { cites: _, ...meta } = draft.meta;
  const kind = kindOf(draft);
  const clauses = structuredClone(kind === 'INTERPRETATION' ? withoutAmounts(draft.clauses) : draft.clauses);
  const notes = reviewNotes({ ...draft, clauses }, kind);
  return {
    id,
    title: meta.title ?? id,
    ...meta,
    kind,
    source: { file: sourceFile },
    ...(notes.length ? { note: notes.join('\n') } : {}),
    ...(draft.preamble ? { preamble: draft.preamble } : {}),
    clauses,
  };
}
