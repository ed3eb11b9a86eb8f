/**
 * Benefit-estimate benchmark: estimateBenefits with a full profile (every CompanyProfile fact) on
 * the seed corpus, through GraphQL over HTTP end to end, and the estimator alone over the served
 * snapshot (as a request reads it). Prints p50/p99 of each.
 * Each GraphQL request varies the profile's computePurchaseYuan, so none is answered from the
 * response cache. `--clauses N` runs on a realistic corpus of about N clauses
 * (scripts/bench/realistic-corpus.ts, benefit rules included) instead of the seeds.
 * Usage: npm run bench:benefits [-- --rounds 2000 --warmup 1000 --clauses 100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/config.js';
import { jsonLoggerToDevNull } from '../src/common/logging.js';
import { lookupsOf } from '../src/snapshot/lookups.js';
import { createCore } from '../src/core/core.js';
import { estimateBenefits } from '../src/benefits/estimate.js';
import { writeRealisticCorpus } from './bench/realistic-corpus.js';
import type { FACT_NAMES } from '../src/domain/benefit-facts.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const rounds = arg('rounds', 2000);
const warmup = arg('warmup', 1000);
const clauses = process.argv.includes('--clauses') ? arg('clauses', 0) : 0;

const PROFILE = {
  computePurchaseYuan: 6_000_000,
  computeSpendLastYearYuan: 3_000_000,
  modelUsageFeesYuan: 2_000_000,
  exhibitionCostYuan: 150_000,
  equityInvestmentYuan: 8_000_000,
  aiRevenueShare: 0.65,
  edgeCentreTerminals: 650_000,
  racks: 1200,
  computeShare: 0.75,
  pue: 1.2,
  renovationCostPerRackYuan: 1500,
  firstEditionRdSpendYuan: 8_000_000,
  firstEditionSalesContractYuan: 12_000_000,
  algorithmPurchaseYuan: 4_000_000,
  algorithmPlatformRevenueYuan: 15_000_000,
  mainRevenueLastYearYuan: 600_000_000,
  mainRevenueFirstPassed: true,
  newLittleGiant: true,
  filedModelTopTen: true,
  scenarioInvestmentYuan: 2_000_000,
  hitProductSalesYuan: 3_000_000,
  adaptationRank: 3,
  strategicProjectComputeCostYuan: 5_000_000,
  securityTestFeesYuan: 300_000,
  largeModelParameters: 120_000_000_000,
  largeModelScenarios: 6,
  largeModelComputeCostYuan: 8_000_000,
  schedulingPlatformInvestmentYuan: 20_000_000,
  computeServiceFeesYuan: 3_000_000,
  demoParkLevel: 2,
  parkAiRevenueYuan: 3_000_000_000,
  majorProjectLevel: 3,
  majorProjectComputeCostYuan: 8_000_000,
  newGreenDataCentre: true,
  wuWenjunPrizeLevel: 2,
  aiTheoryBreakthrough: true,
  aiListRank: 35,
  newNationalTypicalCase: true,
  intlStandardsFirstUnit: 1,
  intlStandardsSecondUnit: 0,
  nationalStandardsFirstUnit: 2,
  nationalStandardsSecondUnit: 1,
  industryStandardsFirstUnit: 0,
  industryStandardsSecondUnit: 3,
  sceneRank: 5,
  sceneScore: 82,
  frameworkProductRdProject: true,
  nationalRdResultInChengdu: true,
  benchmarkScenario: true,
  newNationalInnovationPlatform: true,
  aiTopTalent: true,
  talentChengduMonths: 8,
  talentComputeCostYuan: 1_500_000,
} satisfies Record<(typeof FACT_NAMES)[number], number | boolean>;
// A day when the 2023 and 2024 rules are both in force: the most items at once.
const AS_OF = '2024-08-01';
const FULL = `query($p: CompanyProfile!, $asOf: Date) { estimateBenefits(profile: $p, asOf: $asOf, includeDrafts: true) {
  totalYuan maxTotalYuan items { clause { id citation } award verdict estimatedYuan maxYuan formula missingFacts status warning conditions { text result facts } } } }`;
// On a generated corpus every clause with a rule is an item (3.5 % of them): listing them would pass the API's
// 10,000-node limit (QUERY_TOO_COMPLEX), so the answer there is the total alone (the estimator still
// judges every item).
const LEAN = `query($p: CompanyProfile!, $asOf: Date) { estimateBenefits(profile: $p, asOf: $asOf, includeDrafts: true) {
  totalYuan maxTotalYuan } }`;
const QUERY = clauses ? LEAN : FULL;

const dataDir = mkdtempSync(join(tmpdir(), 'bench-benefits-'));
const policyDir = join(dataDir, 'policies');
if (clauses) writeRealisticCorpus(policyDir, clauses);
const config = loadConfig(
  {},
  { dataDir, port: 0, dbFile: join(dataDir, 'policies.sqlite'), ...(clauses ? { policyDir } : {}) },
);
const app = await createApp(config, { log: jsonLoggerToDevNull(), searchEngine: false });
console.log(`corpus: ${app.data.counts.documents} documents, ${app.data.counts.clauses} clauses`);

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3);
  console.log(`${label}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (${rounds} runs after ${warmup} warm-up)`);
}

try {
  const body = JSON.stringify({ query: QUERY, variables: { p: PROFILE, asOf: AS_OF } });
  const first = (await (
    await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  ).json()) as any;
  if (first.errors) throw new Error(JSON.stringify(first.errors));
  const e = first.data.estimateBenefits;
  console.log(`items ${e.items?.length ?? '(not listed)'}, totalYuan ${e.totalYuan}, maxTotalYuan ${e.maxTotalYuan}`);
  let n = 0;
  await measure('GraphQL estimateBenefits, full profile (HTTP, end to end, not from the response cache)', () => {
    const varied = { ...PROFILE, computePurchaseYuan: PROFILE.computePurchaseYuan + (n++ % 100_000) };
    const body = JSON.stringify({ query: QUERY, variables: { p: varied, asOf: AS_OF } });
    return fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) =>
      r.json(),
    );
  });
  await app.close();
  const core = await createCore(config, { log: jsonLoggerToDevNull(), searchEngine: false, watchDatabase: false });
  await measure('estimator alone (over the served snapshot)', () =>
    estimateBenefits(lookupsOf(core.data.snapshot), PROFILE, { asOf: AS_OF, includeDrafts: true }),
  );
  await core.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
