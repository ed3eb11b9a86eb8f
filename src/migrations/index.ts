/** Migrations in order. Listed explicitly so tsx, vitest and compiled code find the same set. */
import { Migration20261122004455_Initial } from './Migration20261122004455_Initial.js';

export const MIGRATIONS = [{ name: 'Migration20261122004455_Initial', class: Migration20261122004455_Initial }];
