/**
 * Worker threads on our own modules, from the TypeScript sources (tsx, vitest) and from the
 * compiled build (dist/) alike.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The module next to `from` named `name`, with `from`'s extension: ./x.ts beside a .ts source,
 * ./x.js beside the compiled one. `from` is the caller's import.meta.url.
 */
export function siblingModule(from: string, name: string): URL {
  const extension = /\.[cm]?[jt]s$/.exec(new URL(from).pathname)?.[0] ?? '.js';
  return new URL(`./${name}${extension}`, from);
}

/**
 * Starts a worker running `module`. A .js module is started as is. A .ts module needs tsx in the
 * worker, and on Node 20 it cannot come from execArgv: loader hooks given to a Worker that way
 * are not applied (nodejs/node#47747, fixed in Node 22.2), and vitest's workers have no tsx at
 * all. So the worker first registers tsx's hooks in its own thread, then imports the module.
 */
export function startModuleWorker(module: URL, options: WorkerOptions = {}): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, options);
  // tsx's ESM entry ("import" condition): its CommonJS twin registers hooks at a wrong path.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
