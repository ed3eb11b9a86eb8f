import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { BenefitEstimate, BenefitFact } from '../schema/benefits.js';
import { CompanyProfile } from '../schema/CompanyProfile.js';
import { DateScalar } from '../schema/scalars.js';
import { estimateBenefits } from '../benefits/estimate.js';
import { benefitFacts } from '../benefits/facts.js';

@Resolver()
export class BenefitsResolver {
  @Query(() => BenefitEstimate, {
    description:
      'What the company can receive under the clauses in force on asOf (default today in China). includeDrafts adds clauses of drafts for comment, each with a warning and never in totalYuan.',
  })
  estimateBenefits(
    @Ctx() ctx: Context,
    @Arg('profile', () => CompanyProfile) profile: CompanyProfile,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Arg('includeDrafts', () => Boolean, { nullable: true, defaultValue: false }) includeDrafts: boolean,
  ): Promise<BenefitEstimate> {
    return estimateBenefits(
      ctx.loaders,
      { ...profile },
      { asOf: asOf ?? ctx.today, includeDrafts: includeDrafts ?? false },
    );
  }

  @Query(() => [BenefitFact], {
    description: 'Every fact the estimate reads, with its description, unit and the clauses that read it.',
  })
  benefitFacts(@Ctx() ctx: Context): Promise<BenefitFact[]> {
    return benefitFacts(ctx.loaders);
  }
}
