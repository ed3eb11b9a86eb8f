import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonLoggerTo, MAX_LINE_BYTES } from '../../src/common/logging.js';
import { engineLevel } from '../../src/search/engine-supervisor.js';

/** A logger writing into an array of parsed lines, with their byte lengths. */
function capture() {
  const lines: { bytes: number; entry: Record<string, any> }[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push({ bytes: Buffer.byteLength(line), entry: JSON.parse(line) });
      done();
    },
  });
  return { log: jsonLoggerTo(out), lines };
}
const flushed = () => new Promise((r) => setImmediate(r));

describe('log lines', () => {
  it('are at most 8 KB whatever an entry holds', async () => {
    const { log, lines } = capture();
    log({ event: 'error', message: `算力券${'很长的问题'.repeat(100_000)}`, stack: 'x'.repeat(50_000) });
    log({ event: 'http', path: '/graphql', detail: { topics: Array.from({ length: 5000 }, (_, i) => `topic-${i}`) } });
    await flushed();
    expect(lines).toHaveLength(2);
    for (const { bytes } of lines) expect(bytes).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(lines[0].entry).toMatchObject({ level: 50, event: 'error' });
    expect(lines[0].entry.message).toMatch(/^算力券很长的问题/);
  });

  it('leave out the SQL statement a database error quotes, values and all, and keep its cause', async () => {
    const { log, lines } = capture();
    log({
      event: 'error',
      message:
        'GraphQLError: select count(*) as n from clause c where ((cast(c.topics as text) like \'%"公司机密"%\')) - SQLITE_ERROR: Expression tree is too large (maximum depth 1000)',
    });
    await flushed();
    expect(lines[0].entry.message).toBe(
      'GraphQLError: [SQL statement left out] - SQLITE_ERROR: Expression tree is too large (maximum depth 1000)',
    );
  });

  it("keep Meilisearch's error lines at level error, every one of them", async () => {
    const { log, lines } = capture();
    const line = '2026-12-06T09:00:00.123456Z ERROR index_scheduler: No space left on device (os error 28)';
    for (let i = 0; i < 3; i++) log({ event: 'meilisearch', line, level: engineLevel(line) });
    log({
      event: 'meilisearch',
      line: '2026-12-06T09:00:01Z WARN milli: slow',
      level: engineLevel('2026-12-06T09:00:01Z WARN milli: slow'),
    });
    log({
      event: 'meilisearch',
      line: '2026-12-06T09:00:02Z INFO actix: started',
      level: engineLevel('2026-12-06T09:00:02Z INFO actix: started'),
    });
    await flushed();
    expect(lines.map((l) => l.entry.level)).toEqual([50, 50, 50, 40, 30]);
  });
});
