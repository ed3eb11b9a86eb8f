/**
 * The project's root: the nearest folder above this module holding package.json. Found, not
 * counted in `..`s, so the data shipped with the code is found the same from src/ under tsx and
 * from dist/src/ after `npm run build`, whatever the working directory.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}: cannot find the project's data folder.`);
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);

/** A path inside the project, e.g. projectPath('data/policies'). */
export const projectPath = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
