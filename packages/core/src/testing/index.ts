export * from './test-database';
export * from './country-app';
export * from './timeouts';
export * from './harness';
export * from './conversation';
export * from './script-parser';
export * from './builders';
export * from './echo.app';
export * from './country-health';
export { ConsoleClient, csrfOf } from './console-client';
export { TesterPhones } from './tester-phones';
export { describeInChromium, TEST_CHROMIUM } from './chromium';
export { FakeGateway, type FakeAnswer, gatewayHarness, messages, type MessageRow, type Recorded } from './fake-gateway';
export { describeGatewayContract, type ContractSent, type ContractSms, type GatewayContract } from './gateway-contract';
// Tests may read the rows apps only reach through the contacts contract.
export { Contact as ContactEntity } from '../contacts/contact.entity';
export { Connection as ConnectionEntity } from '../contacts/connection.entity';
export { PinHasher } from '../contacts/pin-hasher';
export { ContactsRepository } from '../contacts/contacts.repository';
export { storedPin } from './stored-pin';
export { inboundText } from './inbound-text';
export { servedRoutes, validateOpenApi } from './openapi';
// Tests make API tokens as `mwana api-token add` does.
export { ApiTokensService } from '../security/api-tokens.service';
export { describeCountryOpenApi, describeCountryTranslations } from './country-contracts';
export { KannelPhones, type DeliveredSms } from './kannel-phones';
export { CatalogueTexts } from './catalogue-texts';
export { useWeekInAClinic, WeekInAClinic } from './week-in-a-clinic';
export type { WeekCountry } from './week-country';
