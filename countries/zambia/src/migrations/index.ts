import type { MigrationList } from '@mwana/core';
import { BlacklistAndVerification1796316532672 } from './1796316532672-BlacklistAndVerification';

/** Zambia's own migrations, in order: they run after core's and the shared apps'. */
export const zambiaMigrations: MigrationList = [BlacklistAndVerification1796316532672];
