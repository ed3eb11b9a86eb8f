import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { BadUserInputError } from '../common/errors.js';
import { CitationCheck } from '../schema/citations.js';
import { DateScalar } from '../schema/scalars.js';
import { MAX_DRAFT_LENGTH, verifyCitations } from '../citations/verify.js';

@Resolver()
export class CitationResolver {
  @Query(() => [CitationCheck], {
    description:
      "Finds every citation in `text` (a chatbot's draft answer: 《title》 with clause numbering such as 一（二） or 第三条, or a 文号 in any bracket style and script) and checks each against the corpus as on asOf (default today in China), including the sums and rates the same sentence gives for it. A title matches in either script, with or without its (征求意见稿) mark; 第X条 in a document without 条 means its Xth first-level item (第五条 → 五、). A figure is wrong when the clause states no such sum or rate; a figure the clause does state is not wrong, whatever it is said to pay for.",
  })
  verifyCitations(
    @Ctx() ctx: Context,
    @Arg('text', () => String) text: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): CitationCheck[] {
    if (!text.trim() || text.length > MAX_DRAFT_LENGTH)
      throw new BadUserInputError(
        'text',
        `1 to ${MAX_DRAFT_LENGTH} characters of text`,
        text.length > 60 ? `${text.slice(0, 60)}…` : text,
      );
    return verifyCitations(ctx.loaders.snapshot, text, asOf ?? ctx.today);
  }
}
