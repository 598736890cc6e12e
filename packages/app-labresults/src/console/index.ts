import { ApprovalsPage } from './approvals.page';
import { ClinicResultsPage } from './clinic-results.page';
import { DisclosuresPage } from './disclosures.page';
import { LabLogsPage } from './lab-logs.page';
import { PayloadsPage } from './payloads.page';
import { ResultsByClinicPage } from './results-by-clinic.page';
import { TurnaroundPage } from './turnaround.page';
import { TurnaroundQueries } from './turnaround.queries';

/** Results160's console pages and what they read, registered by `LabResultsModule` (found by the console's discovery). */
export const labresultsConsoleProviders = [
  ResultsByClinicPage,
  ClinicResultsPage,
  PayloadsPage,
  ApprovalsPage,
  TurnaroundQueries,
  TurnaroundPage,
  DisclosuresPage,
  LabLogsPage,
];
