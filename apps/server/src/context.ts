/** What every module receives: configuration, the database, personal-data crypto, a clock. */
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Pii } from './lib/pii.ts';

export type ServerContext = {
  config: Config;
  db: Database;
  pii: Pii;
  log: Logger;
  /** The current instant; tests replace it to step over timeouts and deadlines. */
  now: () => Date;
};
