import { z } from 'zod';
import { BackendType, type OutboundSms, type SendOutcome, type SmsBackendAdapter } from '../backend';

/**
 * The message tester's gateway (`backends.gateways.<name>.type: tester`): nothing leaves
 * the server. The reply row is the conversation the tester page shows, so "sending" just
 * marks it delivered, as RapidSMS's DatabaseBackend did for the httptester.
 */
@BackendType('tester')
export class TesterBackend implements SmsBackendAdapter<Record<string, never>> {
  readonly options = z.strictObject({});

  async send(sms: OutboundSms): Promise<SendOutcome> {
    return { providerId: `tester-${sms.id}`, delivered: true };
  }
}
