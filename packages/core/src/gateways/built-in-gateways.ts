import { africasTalkingGateway } from './africastalking/africastalking.gateway';
import type { GatewayDefinition } from './gateway';
import { httpGateway } from './http/http.gateway';
import { kannelGateway } from './kannel/kannel.gateway';
import { testerGateway } from './tester/tester.gateway';
import { twilioGateway } from './twilio/twilio.gateway';

/** The gateway types core brings; a country may add its own (`CountryDefinition.gateways`). */
export const BUILT_IN_GATEWAYS: readonly GatewayDefinition[] = [
  testerGateway,
  kannelGateway,
  twilioGateway,
  africasTalkingGateway,
  httpGateway,
];
