/**
 * The API's typed amounts in words a reader of the documents knows: sums in 万元 or 亿元 as the
 * texts write them, rates in percent of their base, and what kind of amount each is.
 */

/** Each kind as the documents say it. */
export const AMOUNT_KIND_LABEL = {
  CAP: '上限',
  FIXED: '定额',
  RATE: '比例',
  PER_UNIT: '按单位',
  BUDGET: '总额',
};

const PERIOD_LABEL = { ONCE: '一次性', YEARLY: '每年' };

/** Yuan as the texts write sums: 1亿元, 250万元, 7,500元. */
export function yuanText(yuan) {
  if (yuan >= 100_000_000 && yuan % 1_000_000 === 0) return `${yuan / 100_000_000}亿元`;
  if (yuan >= 10_000 && yuan % 100 === 0) return `${yuan / 10_000}万元`;
  return `${yuan.toLocaleString('zh-CN')}元`;
}

/** A share 0..1 as percent, without float noise (0.3 → 30%, 0.0001 → 0.01%). */
export const percentText = (rate) => `${Number((rate * 100).toPrecision(10))}%`;

/** The figure of an amount: 最高250万元, 算力购买费用的60%, 每机架500元, 总额不超过1亿元. */
export function amountFigure(amount) {
  const sum = amount.yuan === null || amount.yuan === undefined ? '' : yuanText(amount.yuan);
  switch (amount.kind) {
    case 'CAP':
      return `最高${sum}`;
    case 'RATE':
      return `${amount.base ? `${amount.base}的` : ''}${percentText(amount.rate)}`;
    case 'PER_UNIT':
      return `每${amount.base ?? '单位'}${sum}`;
    case 'BUDGET':
      return `总额不超过${sum}`;
    default:
      return sum;
  }
}

/** What the figure is: its kind, how often, and whom it is limited to (上限 · 每年 · 每家算力需求方). */
export function amountTerms(amount) {
  return [AMOUNT_KIND_LABEL[amount.kind] ?? amount.kind, PERIOD_LABEL[amount.period], amount.condition]
    .filter(Boolean)
    .join(' · ');
}
