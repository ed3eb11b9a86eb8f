/**
 * `npm run bench:reload [-- --clauses 100000 --reloads 2 --seconds 5 --rate 100]`: structured reads
 * sent on schedule while the data is reloaded (scripts/bench/reload.ts); prints a markdown section.
 */
import { cpus, totalmem } from 'node:os';
import { reloadFigures } from './bench/reload.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
await reloadFigures({
  clauses: arg('clauses', 100_000),
  reloads: arg('reloads', 2),
  seconds: arg('seconds', 5),
  rate: arg('rate', 100),
  machine,
  say: (line = '') => console.log(line),
});
process.exit(0);
