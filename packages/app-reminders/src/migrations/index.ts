import type { MigrationList } from '@mwana/core';
import { RemindMi1796311445941 } from './1796311445941-RemindMi';

/** This package's migrations, in order; the country's data source runs them. */
export const remindersMigrations: MigrationList = [RemindMi1796311445941];
