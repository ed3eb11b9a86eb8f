/**
 * What a chatbot is told about how far to trust an answer: how far the corpus answers a question
 * (Confidence), and what a citation in a drafted answer turned out to be (CitationVerdict).
 * The GraphQL enums (src/schema/enums.ts) register these with these descriptions.
 */

export const Confidence = { HIGH: 'HIGH', LOW: 'LOW', NONE: 'NONE' } as const;
export type Confidence = (typeof Confidence)[keyof typeof Confidence];

export const CONFIDENCE_FACTS: Readonly<Record<Confidence, { description: string }>> = {
  HIGH: { description: 'Clauses in force on asOf state what the question asks: quote them' },
  LOW: {
    description:
      'The question is about what the corpus covers, but no clause in force on asOf states it: the nearest rule lapsed or is a draft, or clauses state only part of it',
  },
  NONE: {
    description:
      'Nothing in the corpus is about what the question asks — a place the corpus does not cover (another city or province), a kind of support no clause offers, chit-chat: say so, quote nothing',
  },
};

export const CitationVerdict = {
  VALID: 'VALID',
  NOT_IN_FORCE: 'NOT_IN_FORCE',
  NOT_FOUND: 'NOT_FOUND',
  MISQUOTED: 'MISQUOTED',
} as const;
export type CitationVerdict = (typeof CitationVerdict)[keyof typeof CitationVerdict];

export const CITATION_VERDICT_FACTS: Readonly<Record<CitationVerdict, { description: string }>> = {
  VALID: {
    description:
      'The cited clause or document exists, is in force on asOf, and every sum or rate the text gives for it is one the clause states',
  },
  NOT_IN_FORCE: {
    description:
      'It exists but is not in force on asOf (repealed, lapsed, a draft, not yet in force); `successor` names what replaced it, if anything',
  },
  NOT_FOUND: {
    description:
      'No document or clause of the corpus matches the citation (a wrong title, a numbering the document does not have, an unknown 文号)',
  },
  MISQUOTED: {
    description: 'It exists and is in force, but a sum or rate the text gives for it is not one the clause states',
  },
};
