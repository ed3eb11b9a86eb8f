/**
 * The layout holds: modules (the folders under src/, and its top-level files) import each
 * other in one direction only, bottom-up, so a newcomer can read them in that order. Only the
 * ORM entities inside src/schema/ may reference each other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

/** Bottom-up: a module may import only modules listed before it (and itself). */
const LAYERS = [
  'common',
  // Signing, target checks, backoff and sending for outgoing webhooks: no database, no config.
  'webhooks',
  'config.ts',
  'text',
  'domain',
  'legal-status',
  'schema',
  'db',
  'repositories',
  'versions',
  'snapshot',
  'corpus',
  'authoring',
  'search',
  'retrieval',
  'citations',
  'analytics',
  'benefits',
  'subscriptions',
  'admin',
  'core',
  'resolvers',
  // Apollo and its plugins (cost, limits, input guard, answer cache): GraphQL, not HTTP.
  'graphql',
  'server',
  'mcp',
  'main.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const moduleOf = (file: string) => relative(SRC, file).split('/')[0];

/** Every relative import of a file (static, dynamic and type-only), as the imported file's path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'),
  );
}

function moduleGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SRC)) {
    const from = moduleOf(file);
    for (const target of importsOf(file)) {
      const to = moduleOf(target);
      if (to === from || target.startsWith('..') || !target.startsWith(SRC)) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const edges = graph.get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), `${relative(SRC, file)} → ${relative(SRC, target)}`]);
    }
  }
  return graph;
}

describe('the module layout', () => {
  it('places every module in a layer', () => {
    const modules = [...new Set(sourceFiles(SRC).map(moduleOf))].sort();
    expect(modules.filter((m) => !LAYERS.includes(m))).toEqual([]);
  });

  it('has every import point down the layers, so no two modules import each other', () => {
    const upward: string[] = [];
    for (const [from, edges] of moduleGraph()) {
      for (const [to, via] of edges)
        if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${from} imports ${to}: ${via.join(', ')}`);
    }
    expect(upward).toEqual([]);
  });
});
