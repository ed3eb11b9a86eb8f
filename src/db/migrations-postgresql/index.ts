/** PostgreSQL's migrations in order (SQLite's are in ../migrations). */
import { Migration20261202000000_Initial } from './Migration20261202000000_Initial.js';

export const POSTGRESQL_MIGRATIONS = [
  { name: 'Migration20261202000000_Initial', class: Migration20261202000000_Initial },
];
