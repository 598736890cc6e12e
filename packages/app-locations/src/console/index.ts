import { LocationConsoleQueries } from './location-queries';
import { LocationPage } from './location.page';
import { LocationsPage } from './locations.page';

/** The console pages and what they read, registered by `LocationsModule` (found by the console's discovery). */
export const locationsConsoleProviders = [LocationConsoleQueries, LocationsPage, LocationPage];
