import type { MigrationList } from '../database/data-source.options';

/** Core's migrations, in order (connections, contacts, messages, ...). */
export const coreMigrations: MigrationList = [];
