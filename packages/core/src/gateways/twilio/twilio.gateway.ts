import { defineGateway } from '../gateway';
import { twilioOptions } from './twilio.options';
import { TwilioSender } from './twilio.sender';
import { TwilioWebhooks } from './twilio.webhooks';

/** Twilio: its REST API out; signed webhooks and status callbacks in. */
export const twilioGateway = defineGateway({
  type: 'twilio',
  options: twilioOptions,
  sender: TwilioSender,
  webhooks: TwilioWebhooks,
});
