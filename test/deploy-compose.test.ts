/**
 * deploy/compose.yaml describes a deployment that can run: it parses, the API runs as several
 * replicas on PostgreSQL and one Meilisearch at a pinned version, every service has a
 * healthcheck (the API's on /readyz), data lives in volumes, secrets come from the environment,
 * and every variable it sets for the API is one the configuration reads. (No Docker engine runs
 * here, so this reads the file rather than starting it.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/config.js';

const ROOT = join(import.meta.dirname, '..');
const text = readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8');
const compose = parse(text) as {
  services: Record<string, any>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { content?: string }>;
};
const { api, postgres, meilisearch, lb } = compose.services;

/** `${NAME:?…}` references in a value, by name. */
const references = (value: string) => [...value.matchAll(/\$\{(\w+)(?::\?[^}]*)?\}/g)].map((m) => m[1]);

describe('deploy/compose.yaml', () => {
  it('runs two API replicas behind one address, on PostgreSQL and a shared Meilisearch', () => {
    expect(api.deploy.replicas).toBeGreaterThanOrEqual(2);
    expect(api.environment.DATABASE_URL).toMatch(/^postgres:\/\/\w+:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/\w+$/);
    expect(api.environment.MEILI_HOST).toBe('http://meilisearch:7700');
    expect(Object.keys(api.depends_on).sort()).toEqual(['meilisearch', 'postgres']);
    for (const dependency of Object.values(api.depends_on) as { condition: string }[])
      expect(dependency.condition).toBe('service_healthy');
    expect(compose.configs?.nginx.content).toContain('proxy_pass http://api;');
    expect(lb.ports).toEqual(['8080:80']);
  });

  it('pins every image to a version, Meilisearch to the one the API is built against (1.21)', () => {
    for (const [name, service] of Object.entries(compose.services))
      if (service.image) expect(service.image, name).toMatch(/:[\w.-]*\d+\.\d+[\w.-]*$/);
    expect(meilisearch.image).toMatch(/^getmeili\/meilisearch:v1\.21\.\d+$/);
    expect(postgres.image).toMatch(/^postgres:\d+\.\d+/);
    expect(existsSync(join(ROOT, api.build.context.replace(/^\.\./, ''), api.build.dockerfile))).toBe(true);
  });

  it('checks every service, the API on /readyz', () => {
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck, name).toBeDefined();
    expect(api.healthcheck.test.join(' ')).toContain('/readyz');
  });

  it('keeps the data in volumes', () => {
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['meili-data', 'postgres-data']);
    expect(postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(meilisearch.volumes).toContain('meili-data:/meili_data');
  });

  it('takes secrets from the environment, required, never written in the file', () => {
    expect(references(postgres.environment.POSTGRES_PASSWORD)).toEqual(['POSTGRES_PASSWORD']);
    expect(references(meilisearch.environment.MEILI_MASTER_KEY)).toEqual(['MEILI_MASTER_KEY']);
    expect(references(api.environment.MEILI_MASTER_KEY)).toEqual(['MEILI_MASTER_KEY']);
    expect(references(api.environment.ADMIN_TOKEN)).toEqual(['ADMIN_TOKEN']);
    // Every reference says what to set when it is missing (compose stops with that message).
    for (const m of text.matchAll(/\$\{(\w+)([^}]*)\}/g)) expect(m[2], m[1]).toMatch(/^:\?.+/);
  });

  it('sets for the API only variables the configuration reads, and values it accepts', () => {
    const names = Object.keys(api.environment);
    expect(names.filter((n) => !CONFIG_VARIABLES.includes(n))).toEqual([]);
    // The file's values with its secrets filled in, as compose would pass them: the config takes them.
    const env = Object.fromEntries(
      Object.entries(api.environment as Record<string, string>).map(([k, v]) => [
        k,
        String(v).replace(/\$\{(\w+)[^}]*\}/g, 'secret-value-0123456789'),
      ]),
    );
    const config = loadConfig(env);
    expect(config.databaseUrl).toBe('postgres://policy:secret-value-0123456789@postgres:5432/policy');
    expect(config.meili.host).toBe('http://meilisearch:7700');
    expect([config.host, config.port, config.dataPollMs]).toEqual(['0.0.0.0', 4000, 1000]);
  });
});
