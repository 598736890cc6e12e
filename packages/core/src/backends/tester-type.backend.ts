import { z } from 'zod';
import { BackendType, type OutboundSms, type SendOutcome, type SmsBackendAdapter } from './backend';

/** The message tester's gateway: nothing leaves the server; a message counts as delivered. */
@BackendType('tester')
export class TesterTypeBackend implements SmsBackendAdapter<Record<string, never>> {
  readonly options = z.strictObject({});

  async send(sms: OutboundSms): Promise<SendOutcome> {
    return { providerId: `tester-${sms.id}`, delivered: true };
  }
}
