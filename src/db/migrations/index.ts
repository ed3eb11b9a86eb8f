/** Migrations in order. Listed explicitly so tsx, vitest and compiled code find the same set. */
import { Migration20261122004839_Initial } from './Migration20261122004839_Initial.js';
import { Migration20261122010710_ClauseSupersession } from './Migration20261122010710_ClauseSupersession.js';
import { Migration20261124040000_StatusInferred } from './Migration20261124040000_StatusInferred.js';
import { Migration20261125010000_ClauseBenefit } from './Migration20261125010000_ClauseBenefit.js';
import { Migration20261126010000_ClauseGroups } from './Migration20261126010000_ClauseGroups.js';
import { Migration20261126020000_ClauseEveryday } from './Migration20261126020000_ClauseEveryday.js';
import { Migration20261126030000_ClauseTerms } from './Migration20261126030000_ClauseTerms.js';
import { Migration20261206000000_SnapshotReadModel } from './Migration20261206000000_SnapshotReadModel.js';
import { Migration20261206100000_InformationalStatus } from './Migration20261206100000_InformationalStatus.js';
import { Migration20261206200000_Versions } from './Migration20261206200000_Versions.js';

export const MIGRATIONS = [
  { name: 'Migration20261122004839_Initial', class: Migration20261122004839_Initial },
  { name: 'Migration20261122010710_ClauseSupersession', class: Migration20261122010710_ClauseSupersession },
  { name: 'Migration20261124040000_StatusInferred', class: Migration20261124040000_StatusInferred },
  { name: 'Migration20261125010000_ClauseBenefit', class: Migration20261125010000_ClauseBenefit },
  { name: 'Migration20261126010000_ClauseGroups', class: Migration20261126010000_ClauseGroups },
  { name: 'Migration20261126020000_ClauseEveryday', class: Migration20261126020000_ClauseEveryday },
  { name: 'Migration20261126030000_ClauseTerms', class: Migration20261126030000_ClauseTerms },
  { name: 'Migration20261206000000_SnapshotReadModel', class: Migration20261206000000_SnapshotReadModel },
  { name: 'Migration20261206100000_InformationalStatus', class: Migration20261206100000_InformationalStatus },
  { name: 'Migration20261206200000_Versions', class: Migration20261206200000_Versions },
];
