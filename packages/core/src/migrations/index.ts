import type { MigrationList } from '../database/data-source.options';
import { CoreMessaging1764300000000 } from './1764300000000-CoreMessaging';

/** Core's migrations, in order. */
export const coreMigrations: MigrationList = [CoreMessaging1764300000000];
