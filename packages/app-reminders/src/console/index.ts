import { AgentsPage } from './agents.page';
import { BirthsPage } from './births.page';
import { RemindersReports } from './reports';
import { TracesPage } from './traces.page';
import { UpcomingPage } from './upcoming.page';

/** RemindMi's console pages and what they read, registered by `RemindersModule` (found by the console's discovery). */
export const remindersConsoleProviders = [RemindersReports, UpcomingPage, TracesPage, BirthsPage, AgentsPage];
export { RemindersExportController } from './export.controller';
