import { defineGateway } from '../gateway';
import { httpOptions } from './http.options';
import { HttpSender } from './http.sender';
import { HttpWebhooks } from './http.webhooks';

/** Any HTTP gateway: a JSON POST out per SMS; a form or JSON POST in, with a shared secret. */
export const httpGateway = defineGateway({
  type: 'http',
  options: httpOptions,
  sender: HttpSender,
  webhooks: HttpWebhooks,
});
