/**
 * The dashboard's snippets (src/server/pages/snippet.js, a browser module): the API's escaped
 * HTML with <mark> becomes text parts, entities back to the characters the text prints.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/search/snippet.js';

const { snippetParts, unescaped } = await import('../../src/server/pages/snippet.js' as string);

describe('snippet parts', () => {
  it('turns the entities escapeHtml writes back into the characters, marks kept apart', () => {
    const printed = 'He said "AI<1>" & left it \'as is\'';
    expect(unescaped(escapeHtml(printed))).toBe(printed);
    expect(
      snippetParts(`${escapeHtml('按"算力券"')}<mark>${escapeHtml('<最高>')}</mark>${escapeHtml('&补贴')}`),
    ).toEqual([
      { text: '按"算力券"', marked: false },
      { text: '<最高>', marked: true },
      { text: '&补贴', marked: false },
    ]);
  });

  it('leaves a text without entities as it is', () => {
    expect(snippetParts('算力券<mark>最高</mark>500万元…')).toEqual([
      { text: '算力券', marked: false },
      { text: '最高', marked: true },
      { text: '500万元…', marked: false },
    ]);
  });
});
