import { Amount } from './Amount.js';
import { Clause } from './Clause.js';
import { Contact } from './Contact.js';
import { CorpusLoad } from './CorpusLoad.js';
import { CorpusVersion } from './CorpusVersion.js';
import { DocumentRevision } from './DocumentRevision.js';
import { WebhookDelivery, WebhookSubscription } from './Webhook.js';
import { Policy } from './Policy.js';
import { PolicyLink } from './PolicyLink.js';
import { StatusSegmentRow } from './StatusSegmentRow.js';
import { ClauseSupersession } from './ClauseSupersession.js';

/** Every MikroORM entity, for the ORM config. */
export const ENTITIES = [
  Policy,
  Clause,
  Amount,
  Contact,
  PolicyLink,
  StatusSegmentRow,
  ClauseSupersession,
  CorpusLoad,
  CorpusVersion,
  DocumentRevision,
  WebhookSubscription,
  WebhookDelivery,
];
