/**
 * The part of a clause a question asks for (src/retrieval/question.ts focusOfQuestion), taken
 * from the clause itself or from its sub-item of that kind (政策咨询, 申报材料, 申报条件, 申报时间,
 * 支持标准), so a chatbot can put it first.
 */
import type { Clause } from '../schema/Clause.js';
import type { Loaders } from '../snapshot/lookups.js';
import type { Focus } from './question.js';

export interface FocusPart {
  part: Focus;
  text: string;
}

const FACET_OF: Record<Focus, string> = {
  CONTACT: '政策咨询',
  MATERIALS: '申报材料',
  CONDITIONS: '申报条件',
  APPLICATION_PERIOD: '申报时间',
  AMOUNT: '支持标准',
};

/** What the clause (or its sub-item for `focus`) says of that part; null when it says nothing. */
export async function focusPart(loaders: Loaders, clause: Clause, focus: Focus): Promise<FocusPart | null> {
  const own = await ownPart(loaders, clause, focus);
  if (own) return { part: focus, text: own };
  for (const child of await loaders.children.load(clause.id)) {
    if (child.facet !== FACET_OF[focus]) continue;
    const text = (await ownPart(loaders, child, focus)) ?? child.text;
    return { part: focus, text };
  }
  return null;
}

async function ownPart(loaders: Loaders, clause: Clause, focus: Focus): Promise<string | null> {
  switch (focus) {
    case 'CONTACT': {
      const contacts = await loaders.contacts.load(clause.id);
      if (!contacts.length) return null;
      return contacts.map((c) => [c.department, c.person, c.phone].filter(Boolean).join(' ')).join('；');
    }
    case 'MATERIALS':
      return clause.materials.length ? clause.materials.join('\n') : null;
    case 'CONDITIONS':
      return clause.conditions.length ? clause.conditions.join('\n') : null;
    case 'APPLICATION_PERIOD':
      return clause.applicationPeriod ?? null;
    case 'AMOUNT': {
      const amounts = await loaders.amounts.load(clause.id);
      return amounts.length ? amounts.map((a) => a.text).join('；') : null;
    }
  }
}
