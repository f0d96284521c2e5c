import type { Database } from './db/open.ts';
import type { Settings } from './config.ts';
import type { User } from './auth/users.ts';
import type { EventBus } from './events.ts';

export interface AppDeps {
  db: Database;
  settings: Settings;
  events: EventBus;
  postgisVersion: string;
}

export interface AppEnv {
  Variables: { deps: AppDeps; user?: User };
}
