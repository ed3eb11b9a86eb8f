/**
 * What a company states about itself for a benefit estimate (contract part `benefits`): one
 * optional field per fact of src/domain/benefit-facts.ts, in its order.
 */
import { Field, Float, InputType, Int } from 'type-graphql';
import { BENEFIT_FACTS } from '../domain/benefit-facts.js';
import { SafeIntScalar } from './scalars.js';

@InputType({
  description:
    'What a company knows about itself. Every field is optional: leave out what is not known, and the estimate says which facts it still needs. Money in whole yuan, shares as fractions 0..1.',
})
export class CompanyProfile {
  @Field(() => SafeIntScalar, {
    nullable: true,
    description: '当年算力购买费用: what it pays for computing power this year',
  })
  computePurchaseYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: '上年度算力支出: what it spent on computing power last year',
  })
  computeSpendLastYearYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "年度模型使用费用: a year's fees for using AI models (API calls, cloud deployment)",
  })
  modelUsageFeesYuan?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '实际展位费用和展品运输费用 of one exhibition' })
  exhibitionCostYuan?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '天使投资、风险投资和私募股权投资 actually received' })
  equityInvestmentYuan?: number | null;

  @Field(() => Float, { nullable: true, description: '人工智能相关业务收入占比' })
  aiRevenueShare?: number | null;

  @Field(() => Int, { nullable: true, description: '年度服务终端数 of one edge computing centre' })
  edgeCentreTerminals?: number | null;

  @Field(() => Int, { nullable: true, description: '在用物理机架数 of the computing centre the estimate is about' })
  racks?: number | null;

  @Field(() => Float, { nullable: true, description: '计算功能占比 of a cloud computing centre after renovation' })
  computeShare?: number | null;

  @Field(() => Float, { nullable: true, description: 'PUE of the centre' })
  pue?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '平均每个在用物理机架改造成本' })
  renovationCostPerRackYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: '研发支出金额 of a “首版次” software product that is an AI development framework it made',
  })
  firstEditionRdSpendYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: '销售合同执行金额 of a “首版次” software product applying an AI development framework',
  })
  firstEditionSalesContractYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: '第一年采购合同执行金额 of a patented algorithm bought for the first time and used in its products',
  })
  algorithmPurchaseYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: '平台年度服务性收入 of a public algorithm service platform it runs',
  })
  algorithmPlatformRevenueYuan?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '上一年度主营业务收入' })
  mainRevenueLastYearYuan?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether last year its 主营业务收入 first passed (首次突破) the band it is in, while the 2024 rules apply',
  })
  mainRevenueFirstPassed?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: '新获得国家专精特新“小巨人”称号: newly named a national 小巨人',
  })
  newLittleGiant?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: '行业大模型 among the first ten 通过国家大模型备案登记, by the time on the 备案通知书',
  })
  filedModelTopTen?: boolean | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '场景建设实际投入 of one 标志性应用场景' })
  scenarioInvestmentYuan?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '年度销售收入 of one “爆款” AI product' })
  hitProductSalesYuan?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '综合排名 (1 = first) of its 超算适配产品 by the income their use and frequency bring',
  })
  adaptationRank?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: "落地项目算力成本 of national platforms using the supercomputing centre's power",
  })
  strategicProjectComputeCostYuan?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '安全性测试服务费 paid for testing its 信创 products' })
  securityTestFeesYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: 'AI大模型参数量 (number of parameters) of a model it builds',
  })
  largeModelParameters?: number | null;

  @Field(() => Int, { nullable: true, description: '典型应用场景 of that model completed and in operation in Chengdu' })
  largeModelScenarios?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '大模型建设项目算力使用成本 of one year' })
  largeModelComputeCostYuan?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '算力调度平台建设投资额' })
  schedulingPlatformInvestmentYuan?: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: '算力服务费用 a 算力供给方 earned under the vouchers last year',
  })
  computeServiceFeesYuan?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: '人工智能产业示范园区 level the park newly got: 1 市级, 2 省级, 3 国家级 (0 none)',
  })
  demoParkLevel?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '园区人工智能业务收入规模 of last year' })
  parkAiRevenueYuan?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'level of the 人工智能重大产业化项目 (揭榜挂帅, 卡脖子) it leads with the 超算/智算 centres: 2 省级, 3 国家级 (0 none)',
  })
  majorProjectLevel?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '项目算力成本 of that project' })
  majorProjectComputeCostYuan?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: '新获批的国家绿色数据中心: a centre newly named a national green data centre',
  })
  newGreenDataCentre?: boolean | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.wuWenjunPrizeLevel.description })
  wuWenjunPrizeLevel?: number | null;

  @Field(() => Boolean, { nullable: true, description: BENEFIT_FACTS.aiTheoryBreakthrough.description })
  aiTheoryBreakthrough?: boolean | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.aiListRank.description })
  aiListRank?: number | null;

  @Field(() => Boolean, { nullable: true, description: BENEFIT_FACTS.newNationalTypicalCase.description })
  newNationalTypicalCase?: boolean | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.intlStandardsFirstUnit.description })
  intlStandardsFirstUnit?: number | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.intlStandardsSecondUnit.description })
  intlStandardsSecondUnit?: number | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.nationalStandardsFirstUnit.description })
  nationalStandardsFirstUnit?: number | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.nationalStandardsSecondUnit.description })
  nationalStandardsSecondUnit?: number | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.industryStandardsFirstUnit.description })
  industryStandardsFirstUnit?: number | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.industryStandardsSecondUnit.description })
  industryStandardsSecondUnit?: number | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.sceneRank.description })
  sceneRank?: number | null;

  @Field(() => Float, { nullable: true, description: BENEFIT_FACTS.sceneScore.description })
  sceneScore?: number | null;

  @Field(() => Boolean, { nullable: true, description: BENEFIT_FACTS.frameworkProductRdProject.description })
  frameworkProductRdProject?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: BENEFIT_FACTS.nationalRdResultInChengdu.description })
  nationalRdResultInChengdu?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: BENEFIT_FACTS.benchmarkScenario.description })
  benchmarkScenario?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: BENEFIT_FACTS.newNationalInnovationPlatform.description })
  newNationalInnovationPlatform?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: BENEFIT_FACTS.aiTopTalent.description })
  aiTopTalent?: boolean | null;

  @Field(() => Int, { nullable: true, description: BENEFIT_FACTS.talentChengduMonths.description })
  talentChengduMonths?: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: BENEFIT_FACTS.talentComputeCostYuan.description })
  talentComputeCostYuan?: number | null;
}
