/** PostgreSQL's migrations in order (SQLite's are in ../migrations). */
import { Migration20261202000000_Initial } from './Migration20261202000000_Initial.js';
import { Migration20261203000000_TermsUncompressed } from './Migration20261203000000_TermsUncompressed.js';
import { Migration20261206000000_SnapshotReadModel } from './Migration20261206000000_SnapshotReadModel.js';
import { Migration20261206100000_InformationalStatus } from './Migration20261206100000_InformationalStatus.js';
import { Migration20261206200000_Versions } from './Migration20261206200000_Versions.js';

export const POSTGRESQL_MIGRATIONS = [
  { name: 'Migration20261202000000_Initial', class: Migration20261202000000_Initial },
  { name: 'Migration20261203000000_TermsUncompressed', class: Migration20261203000000_TermsUncompressed },
  { name: 'Migration20261206000000_SnapshotReadModel', class: Migration20261206000000_SnapshotReadModel },
  { name: 'Migration20261206100000_InformationalStatus', class: Migration20261206100000_InformationalStatus },
  { name: 'Migration20261206200000_Versions', class: Migration20261206200000_Versions },
];
