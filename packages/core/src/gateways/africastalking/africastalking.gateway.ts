import { defineGateway } from '../gateway';
import { africasTalkingOptions } from './africastalking.options';
import { AfricasTalkingSender } from './africastalking.sender';
import { AfricasTalkingWebhooks } from './africastalking.webhooks';

/** Africa's Talking: its SMS API out; incoming messages and delivery reports in, as form POSTs. */
export const africasTalkingGateway = defineGateway({
  type: 'africastalking',
  options: africasTalkingOptions,
  sender: AfricasTalkingSender,
  webhooks: AfricasTalkingWebhooks,
});
