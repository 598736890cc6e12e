import { AgentsPage } from './agents.page';
import { BirthsPage } from './births.page';
import { CareReports } from './care.reports';
import { PeopleReports } from './people.reports';
import { TracesPage } from './traces.page';
import { UpcomingPage } from './upcoming.page';

/** RemindMi's console pages and what they read, registered by `RemindersModule` (found by the console's discovery). */
export const remindersConsoleProviders = [CareReports, PeopleReports, UpcomingPage, TracesPage, BirthsPage, AgentsPage];
export { RemindersExportController } from './export.controller';
