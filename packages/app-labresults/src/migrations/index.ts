import type { MigrationList } from '@mwana/core';
import { LabResults1764300000011 } from './1764300000011-LabResults';

/** This package's migrations, in order; the country's data source runs them. */
export const labresultsMigrations: MigrationList = [LabResults1764300000011];
