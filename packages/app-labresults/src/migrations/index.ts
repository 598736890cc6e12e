import type { MigrationList } from '@mwana/core';
import { LabResults1764300000011 } from './1764300000011-LabResults';
import { Printers1764300000012 } from './1764300000012-Printers';
import { SampleNotifications1764300000013 } from './1764300000013-SampleNotifications';
import { DemoPending1764300000015 } from './1764300000015-DemoPending';
import { LabLogs1764300000016 } from './1764300000016-LabLogs';
import { WorkerApprovals1796311739320 } from './1796311739320-WorkerApprovals';
import { MaskedSlips1796311800001 } from './1796311800001-MaskedSlips';
import { ResultsSentWhenSent1796311800002 } from './1796311800002-ResultsSentWhenSent';
import { PayloadStates1796400000000 } from './1796400000000-PayloadStates';
import { ResultsRecovery1796400024000 } from './1796400024000-ResultsRecovery';

/** This package's migrations, in order; the country's data source runs them. */
export const labresultsMigrations: MigrationList = [
  LabResults1764300000011,
  Printers1764300000012,
  SampleNotifications1764300000013,
  DemoPending1764300000015,
  LabLogs1764300000016,
  WorkerApprovals1796311739320,
  MaskedSlips1796311800001,
  ResultsSentWhenSent1796311800002,
  PayloadStates1796400000000,
  ResultsRecovery1796400024000,
];
