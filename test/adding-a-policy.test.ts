/**
 * The steps of docs/data.md, "Adding a policy",, end to end, on a real page that is not in the corpus: parse
 * it with `npm run parse -- <file> -o <id>.yaml`, review the draft, load it with the corpus, then
 * find it by GraphQL and by search in Simplified and in Traditional script.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { COMMITTED, copyDataDir, PROJECT_DATA_DIR } from './support/db.js';
import { startTestApp, type TestApp } from './support/app.js';
import { readCorpus } from '../src/corpus/read-corpus.js';

const ID = 'zhengzhou-ai-measures-2024';
const PAGE = join(import.meta.dirname, 'fixtures/real-texts', `${ID}.txt`);

describe('adding a policy as docs/data.md says', () => {
  let dir: string;
  let app: TestApp;
  let draft: Record<string, any>;

  beforeAll(async () => {
    dir = copyDataDir();
    // 1. The published text in sources/.
    copyFileSync(PAGE, join(dir, 'sources', `${ID}.txt`));
    // 2. The draft, written with -o so npm's banner cannot reach it.
    const run = spawnSync(
      'npm',
      ['run', 'parse', '--', join(dir, 'sources', `${ID}.txt`), '-o', join(dir, `${ID}.yaml`)],
      { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', env: { ...process.env, POLICY_DATA_DIR: dir } },
    );
    expect(run.status, run.stderr).toBe(0);
    draft = parse(readFileSync(join(dir, `${ID}.yaml`), 'utf8'));
    // 3. Review: the draft loads as it is; the reviewer settles what it marked, then drops the notes.
    expect(() => readCorpus(dir)).not.toThrow();
    writeFileSync(
      join(dir, `${ID}.yaml`),
      stringify({ ...draft, note: '已核对：2024年5月22日印发。' }, { lineWidth: 0 }),
    );
    // 4. Load it with the corpus.
    app = await startTestApp({ policyDir: dir });
    await app.search.ready;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Other tests read the committed documents only; this one holds the project's folder to the rules.
  it('loads the project data folder, with any policy added to it', () => {
    const ids = readCorpus(PROJECT_DATA_DIR).policies.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(COMMITTED));
  });

  it('drafts the metadata the page states, quoting a cleaned source kept beside the raw one', () => {
    expect(draft).toMatchObject({
      id: ID,
      title: '鄭州市支持人工智能創新發展若干政策措施',
      docNumber: '郑政文〔2024〕62号',
      kind: 'POLICY',
      script: 'Hant',
      publishedOn: '2024-05-22',
      issuers: ['鄭州市人民政府'],
      source: { file: `${ID}.cleaned.txt` },
    });
    expect(existsSync(join(dir, 'sources', `${ID}.cleaned.txt`))).toBe(true);
    expect(JSON.stringify(draft)).not.toMatch(/\((?:zh|gu|l|f|x)[a-zāáǎàēéěèīíǐìōóǒòūúǔù]*\)/);
  });

  it('serves the new document by GraphQL, beside the corpus', async () => {
    const { data, errors } = await app.gql(
      `{ policy(id: "${ID}") { title docNumber script sourceFile } old: policy(id: "chengdu-ai-rules-2024") { id } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.policy).toEqual({
      title: '鄭州市支持人工智能創新發展若干政策措施',
      docNumber: '郑政文〔2024〕62号',
      script: 'Hant',
      sourceFile: `${ID}.cleaned.txt`,
    });
    expect(data.old).toEqual({ id: 'chengdu-ai-rules-2024' });
  });

  it('finds its clause by search in Simplified and in Traditional script', async () => {
    const q = 'query($q: String!) { search(query: $q, first: 5) { hits { clause { id } } } }';
    for (const words of ['单个合同额', '單個合同額']) {
      const { data, errors } = await app.gql(q, { q: words });
      expect(errors, words).toBeUndefined();
      expect(data.search.hits.map((h: any) => h.clause.id)[0], words).toBe(`${ID}/1.2`);
    }
  });
});
