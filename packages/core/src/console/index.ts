// The console's public surface, for apps that add pages and for the country's startup.
export { defineConsoleAsset, type ConsoleAsset } from './assets';
export { ConsoleAccess, ConsoleAuthGuard, type ConsoleIdentity } from './console-auth';
export { ConsoleAuthFilter } from './console-auth.filter';
export { consoleConfig, type ConsoleSettings } from './console.config';
export { ConsoleModule } from './console.module';
export {
  ConsolePage,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsolePageOptions,
  type ConsoleSubmitResult,
  type ConsoleView,
} from './console-page';
export { ConsoleUserError, ConsoleUserErrorCode, ConsoleUsersService } from './console-users.service';
export { ensureDevelopmentAdmin, type DevelopmentAdmin } from './development-admin';
export { escapeHtml, href, html, SafeHtml, type HtmlValue } from './html';
export { MessageSearchService, type MessageFilters, type MessagePage, type MessageRow } from './message-search.service';
export { formatTime, select, statusBadge } from './pages/format';
export { renderThread } from './pages/thread';
