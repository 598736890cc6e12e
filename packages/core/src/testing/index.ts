export * from './test-database';
export * from './country-app';
export * from './timeouts';
export * from './harness';
export * from './conversation';
export * from './script-parser';
export * from './builders';
export * from './echo.app';
export * from './country-health';
export { ConsoleClient, csrfOf } from '../console/console-client.testing';
export { TesterPhones } from '../backends/tester/tester-phones.testing';
export { describeInChromium, TEST_CHROMIUM } from './chromium';
// Tests may read the rows apps only reach through the contacts contract.
export { Contact as ContactEntity } from '../contacts/contact.entity';
export { Connection as ConnectionEntity } from '../contacts/connection.entity';
export { PinHasher } from '../contacts/pin-hasher';
export { ContactsRepository } from '../contacts/contacts.repository';
export { storedPin } from './stored-pin';
