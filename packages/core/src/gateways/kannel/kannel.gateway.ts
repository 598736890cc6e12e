import { defineGateway } from '../gateway';
import { kannelOptions } from './kannel.options';
import { KannelSender } from './kannel.sender';
import { KannelWebhooks } from './kannel.webhooks';

/** Kannel (SMPP, modems): `cgi-bin/sendsms` out; its get-url and dlr-url in. */
export const kannelGateway = defineGateway({
  type: 'kannel',
  options: kannelOptions,
  sender: KannelSender,
  webhooks: KannelWebhooks,
});
