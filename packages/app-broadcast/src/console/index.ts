import { BroadcastsPage } from './broadcasts.page';
import { HelpAdminsPage } from './help-admins.page';
import { HelpRequestsPage } from './help-requests.page';
import { SendPage } from './send.page';

/** Broadcast's console pages, registered by `BroadcastModule` (found by the console's discovery). */
export const broadcastConsoleProviders = [BroadcastsPage, SendPage, HelpRequestsPage, HelpAdminsPage];
