/**
 * `npm run bench:exports [-- --clauses 100000]`: how fast the four exports stream a generated
 * corpus, and what reads cost meanwhile (scripts/bench/exports.ts); prints a markdown section.
 */
import { cpus, totalmem } from 'node:os';
import { exportFigures } from './bench/exports.js';

const at = process.argv.indexOf('--clauses');
const clauses = at > 0 ? Number(process.argv[at + 1]) : 100_000;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
await exportFigures({ clauses, machine, say: (line = '') => console.log(line) });
process.exit(0);
