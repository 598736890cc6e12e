import type { MigrationList } from '@mwana/core';
import { LocationTree1764400000000 } from './1764400000000-LocationTree';

/** This package's migrations, in order; they run after core's (they add to its contact table). */
export const locationsMigrations: MigrationList = [LocationTree1764400000000];
