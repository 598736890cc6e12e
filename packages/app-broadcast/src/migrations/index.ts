import type { MigrationList } from '@mwana/core';
import { Broadcast1796400000000 } from './1796400000000-Broadcast';
import { HelpPinsMasked1796400024001 } from './1796400024001-HelpPinsMasked';

/** This package's migrations, in order; the country's data source runs them. */
export const broadcastMigrations: MigrationList = [Broadcast1796400000000, HelpPinsMasked1796400024001];
