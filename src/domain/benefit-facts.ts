/**
 * The facts a company can state about itself for a benefit estimate: one list, read by the
 * GraphQL CompanyProfile, the MCP tool, the data files' checks and the estimator.
 */

/** How a fact is measured; formulas combine units only in ways that end in yuan. */
export type FactUnit = 'yuan' | 'count' | 'share' | 'number' | 'yuanPerUnit' | 'flag';

export interface FactInfo {
  /** Its short name in Chinese, as a warning or a refusal names it: 人工智能相关业务收入占比. */
  name: string;
  description: string;
  unit: FactUnit;
  /** Bounds beyond the unit's own (factBounds): a score out of 100, a level 0–3, a rank from 1, a PUE from 1. */
  least?: number;
  most?: number;
  whole?: boolean;
}

/** Every fact a condition or formula may read, by its CompanyProfile field name. */
export const BENEFIT_FACTS = {
  computePurchaseYuan: {
    name: '当年算力购买费用',
    description: '当年算力购买费用: what it pays for computing power this year',
    unit: 'yuan',
  },
  computeSpendLastYearYuan: {
    name: '上年度算力支出',
    description: '上年度算力支出: what it spent on computing power last year',
    unit: 'yuan',
  },
  modelUsageFeesYuan: {
    name: '年度模型使用费用',
    description: '年度模型使用费用: a year’s fees for using AI models (API calls, cloud deployment)',
    unit: 'yuan',
  },
  exhibitionCostYuan: {
    name: '展位费和展品运输费',
    description: '实际展位费用和展品运输费用 of one exhibition',
    unit: 'yuan',
  },
  equityInvestmentYuan: {
    name: '获得的股权投资',
    description: '天使投资、风险投资和私募股权投资 actually received',
    unit: 'yuan',
  },
  aiRevenueShare: {
    name: '人工智能相关业务收入占比',
    description: '人工智能相关业务收入占比, a fraction 0..1',
    unit: 'share',
  },
  edgeCentreTerminals: {
    name: '边缘计算中心年度服务终端数',
    description: '年度服务终端数 of one edge computing centre',
    unit: 'count',
  },
  racks: {
    name: '在用物理机架数',
    description: '在用物理机架数 of the computing centre the estimate is about',
    unit: 'count',
  },
  computeShare: {
    name: '计算功能占比',
    description: '计算功能占比 of a cloud computing centre after renovation, a fraction 0..1',
    unit: 'share',
  },
  pue: { name: '电能利用效率（PUE）', description: 'PUE of the centre', unit: 'number', least: 1 },
  renovationCostPerRackYuan: {
    name: '每个机架平均改造成本',
    description: '平均每个在用物理机架改造成本',
    unit: 'yuanPerUnit',
  },
  firstEditionRdSpendYuan: {
    name: '首版次开发框架研发支出',
    description: '研发支出金额 of a “首版次” software product that is an AI development framework it made',
    unit: 'yuan',
  },
  firstEditionSalesContractYuan: {
    name: '首版次应用产品销售合同执行金额',
    description: '销售合同执行金额 of a “首版次” software product applying an AI development framework',
    unit: 'yuan',
  },
  algorithmPurchaseYuan: {
    name: '首次采购专利算法合同执行金额',
    description: '第一年采购合同执行金额 of a patented algorithm bought for the first time and used in its products',
    unit: 'yuan',
  },
  algorithmPlatformRevenueYuan: {
    name: '算法服务平台年度服务性收入',
    description: '平台年度服务性收入 of a public algorithm service platform it runs',
    unit: 'yuan',
  },
  mainRevenueLastYearYuan: { name: '上一年度主营业务收入', description: '上一年度主营业务收入', unit: 'yuan' },
  mainRevenueFirstPassed: {
    name: '主营业务收入首次突破所在档次',
    description:
      'whether last year was the first time, while the 2024 rules apply, its 主营业务收入 passed the band it is in (首次突破)',
    unit: 'flag',
  },
  newLittleGiant: {
    name: '新获国家专精特新“小巨人”称号',
    description: '新获得国家专精特新“小巨人”称号: newly named a national 小巨人',
    unit: 'flag',
  },
  filedModelTopTen: {
    name: '大模型备案登记前十名',
    description: '行业大模型 among the first ten 通过国家大模型备案登记, by the time on the 备案通知书',
    unit: 'flag',
  },
  scenarioInvestmentYuan: {
    name: '场景建设实际投入',
    description: '场景建设实际投入 of one 标志性应用场景',
    unit: 'yuan',
  },
  hitProductSalesYuan: {
    name: '爆款产品年度销售收入',
    description: '年度销售收入 of one “爆款” AI product',
    unit: 'yuan',
  },
  adaptationRank: {
    name: '超算适配产品综合排名',
    description: '综合排名 (1 = first) of its 超算适配产品 by the income their use and frequency bring',
    unit: 'number',
    whole: true,
    least: 1,
  },
  strategicProjectComputeCostYuan: {
    name: '国家平台落地项目算力成本',
    description: '落地项目算力成本 of national platforms using the supercomputing centre’s power',
    unit: 'yuan',
  },
  securityTestFeesYuan: {
    name: '信创产品安全性测试服务费',
    description: '安全性测试服务费 paid for testing its 信创 products',
    unit: 'yuan',
  },
  largeModelParameters: {
    name: '大模型参数量',
    description: 'AI大模型参数量 (number of parameters) of a model it builds',
    unit: 'count',
    // Hundreds of billions: a SafeInt, not an Int.
    most: Number.MAX_SAFE_INTEGER,
  },
  largeModelScenarios: {
    name: '大模型典型应用场景数',
    description: '典型应用场景 of that model completed and in operation in Chengdu',
    unit: 'count',
  },
  largeModelComputeCostYuan: {
    name: '大模型建设项目算力使用成本',
    description: '大模型建设项目算力使用成本 of one year',
    unit: 'yuan',
  },
  schedulingPlatformInvestmentYuan: {
    name: '算力调度平台建设投资额',
    description: '算力调度平台建设投资额',
    unit: 'yuan',
  },
  computeServiceFeesYuan: {
    name: '算力供给方上年算力服务费用',
    description: '算力服务费用 a 算力供给方 earned under the vouchers last year',
    unit: 'yuan',
  },
  demoParkLevel: {
    name: '人工智能产业示范园区级别',
    description: '人工智能产业示范园区 level the park newly got: 1 市级, 2 省级, 3 国家级 (0 none)',
    unit: 'number',
    whole: true,
    most: 3,
  },
  parkAiRevenueYuan: {
    name: '园区人工智能业务收入规模',
    description: '园区人工智能业务收入规模 of last year',
    unit: 'yuan',
  },
  majorProjectLevel: {
    name: '人工智能重大产业化项目级别',
    description:
      'level of the 人工智能重大产业化项目 (揭榜挂帅, 卡脖子) it leads with the 超算/智算 centres: 2 省级, 3 国家级 (0 none)',
    unit: 'number',
    whole: true,
    most: 3,
  },
  majorProjectComputeCostYuan: {
    name: '重大产业化项目算力成本',
    description: '项目算力成本 of that project',
    unit: 'yuan',
  },
  newGreenDataCentre: {
    name: '新获批国家绿色数据中心',
    description: '新获批的国家绿色数据中心: a centre newly named a national green data centre',
    unit: 'flag',
  },
  wuWenjunPrizeLevel: {
    name: '吴文俊奖奖项等级',
    description:
      '吴文俊人工智能科学技术奖 won by its person or team, for the one prize the estimate is about: 3 最高成就奖 (the 2025 policy: 科技成就奖), 2 特等奖, 1 another prize (not 优秀博士论文), 0 none',
    unit: 'number',
    whole: true,
    most: 3,
  },
  aiTheoryBreakthrough: {
    name: '人工智能基础理论重大突破',
    description: 'its person or team 在人工智能基础理论创新上有重大突破或重要影响 (as the 市经信局 and 市科技局 judge)',
    unit: 'flag',
  },
  aiListRank: {
    name: '人工智能全国100强名次',
    description:
      'place (1 = first) on an 国际国内权威机构’s 人工智能全国100强 list, where it newly entered (新进入) the band it is in (100强, 50强 or 20强)',
    unit: 'number',
    whole: true,
    least: 1,
  },
  newNationalTypicalCase: {
    name: '新入选国家部委人工智能典型案例',
    description: '新入选国家部委发布的人工智能相关领域典型案例: newly chosen as a ministry’s typical AI case',
    unit: 'flag',
  },
  intlStandardsFirstUnit: {
    name: '主导制订国际标准数（第一承担单位）',
    description: '国际标准 it led (主导制订) as 第一承担单位 in the year the estimate is about',
    unit: 'count',
  },
  intlStandardsSecondUnit: {
    name: '主导制订国际标准数（第二承担单位）',
    description: '国际标准 it led as 第二承担单位 in that year',
    unit: 'count',
  },
  nationalStandardsFirstUnit: {
    name: '主导制订国家标准数（第一承担单位）',
    description: '国家标准 it led as 第一承担单位 in that year',
    unit: 'count',
  },
  nationalStandardsSecondUnit: {
    name: '主导制订国家标准数（第二承担单位）',
    description: '国家标准 it led as 第二承担单位 in that year',
    unit: 'count',
  },
  industryStandardsFirstUnit: {
    name: '主导制订行业标准数（第一承担单位）',
    description: '行业标准 it led as 第一承担单位 in that year',
    unit: 'count',
  },
  industryStandardsSecondUnit: {
    name: '主导制订行业标准数（第二承担单位）',
    description: '行业标准 it led as 第二承担单位 in that year',
    unit: 'count',
  },
  sceneRank: {
    name: '示范应用场景综合评价排名',
    description:
      '综合评价排名 (1 = first) of its project among the 示范应用场景 (AI scenes with the 超算/智算 centres)',
    unit: 'number',
    whole: true,
    least: 1,
  },
  sceneScore: {
    name: '示范应用场景综合评价得分',
    description: '综合评价 score (0–100) of that 示范应用场景 project',
    unit: 'number',
    most: 100,
  },
  frameworkProductRdProject: {
    name: '国产开发框架基础软硬件研发项目',
    description:
      'a project it applies with to 研发相关基础软硬件产品 围绕国产人工智能开发框架 (funded before the work, 前资助)',
    unit: 'flag',
  },
  nationalRdResultInChengdu: {
    name: '国家级科研成果在蓉落地转化',
    description:
      '在蓉落地转化 of a result of a 国家科技重大专项 (含科技创新2030－重大项目), a 国家重点研发计划 project or a 国家科学技术奖, in its 核心算法 research',
    unit: 'flag',
  },
  benchmarkScenario: {
    name: '智慧蓉城标杆场景',
    description: 'an AI scene it built in “智慧蓉城” 经评定为标杆场景 (rated a benchmark scene)',
    unit: 'flag',
  },
  newNationalInnovationPlatform: {
    name: '新获批国家级人工智能创新平台',
    description: '新获批建设的人工智能领域全国重点实验室、国家工程研究中心等: a national AI platform newly approved',
    unit: 'flag',
  },
  aiTopTalent: {
    name: '人工智能顶尖人才',
    description:
      'its talent is an AI 院士 (含外籍院士), a winner of a known prize (图灵奖, 吴文俊奖, 何梁何利奖, 戈登贝尔奖…) or in a 国家人才计划',
    unit: 'flag',
  },
  talentChengduMonths: {
    name: '人才在蓉社保或纳税连续月数',
    description: 'months running that talent has paid 社保 or tax in Chengdu (社保缴纳或税收缴纳在成都)',
    unit: 'count',
  },
  talentComputeCostYuan: {
    name: '人才项目算力使用成本',
    description: '算力使用成本 of that talent’s project on 超算/智算 power (国家超算成都中心, 成都智算中心)',
    unit: 'yuan',
  },
} as const satisfies Record<string, FactInfo>;

export type FactName = keyof typeof BENEFIT_FACTS;
export const FACT_NAMES = Object.keys(BENEFIT_FACTS) as FactName[];
export const isFactName = (name: string): name is FactName => Object.hasOwn(BENEFIT_FACTS, name);

/** A company's facts; a fact left out is not known (never zero). */
export type CompanyFacts = Partial<Record<FactName, number | boolean | null>>;

/** Yes/no facts (unit flag): checked with IS, never multiplied. */
export const isFlag = (name: FactName): boolean => BENEFIT_FACTS[name].unit === 'flag';

/** The values a fact may take: from its unit (money and counts whole, shares 0..1, nothing negative) and its own bounds. */
export interface FactBounds {
  least: number;
  most: number;
  whole: boolean;
}

/** The largest GraphQL Int: counts, levels and ranks are Int in CompanyProfile. */
const INT_MAX = 2 ** 31 - 1;

export function factBounds(name: FactName): FactBounds {
  const info: FactInfo = BENEFIT_FACTS[name];
  const money = info.unit === 'yuan' || info.unit === 'yuanPerUnit';
  const whole = info.whole ?? (money || info.unit === 'count');
  return {
    least: info.least ?? 0,
    // Sums as GraphQL's SafeInt takes them, other whole numbers as its Int (unless the fact says
    // more: a model's parameters), a share as a fraction.
    most:
      info.most ?? (info.unit === 'share' ? 1 : money ? Number.MAX_SAFE_INTEGER : whole ? INT_MAX : Number.MAX_VALUE),
    whole,
  };
}

/** A fact's bounds as a reader is told them: "a whole number from 1 to 100", "a fraction from 0 to 1". */
export function boundsInWords(name: FactName): string {
  const b = factBounds(name);
  const kind = BENEFIT_FACTS[name].unit === 'share' ? 'a fraction' : b.whole ? 'a whole number' : 'a number';
  const unbounded = b.most === Number.MAX_SAFE_INTEGER || b.most === Number.MAX_VALUE;
  return unbounded ? `${kind} of ${b.least} or more` : `${kind} from ${b.least} to ${b.most}`;
}

/** A fact as a Chinese sentence names it: 上一年度主营业务收入（mainRevenueLastYearYuan）. */
export function factSaid(name: FactName): string {
  return `${BENEFIT_FACTS[name].name}（${name}）`;
}
