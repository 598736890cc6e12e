import { isGsm7 } from '../../i18n/sms-encoding';
import { Injectable } from '@nestjs/common';
import type { GatewaySender, OutboundSms, SendOutcome } from '../gateway';
import { CallbackUrls } from '../callback-urls';
import { callGateway, statusError } from '../gateway-fetch';
import { percentEncode, utf16be } from './kannel-text';
import type { KannelOptions } from './kannel.options';

/**
 * Sends through Kannel's `cgi-bin/sendsms`: one GET per SMS with the configured username,
 * password, smsc and from. Text the GSM-7 alphabet holds goes as is; anything else goes as
 * UCS-2 (`coding=2&charset=UTF-16BE`, the text pre-encoded) so no character is lost.
 * `dlr-mask` and a `dlr-url` back to `/backends/<name>/dlr?message=<Mwana's id>` bring the
 * delivery reports. Kannel answers 202 `0: Accepted for delivery` or `3: Queued for later
 * delivery`; it gives no id of its own, so the reports are matched by Mwana's id.
 *
 * @example
 * backends.gateways.zain = { type: 'kannel', username: 'mwana', password: '...', smsc: 'zain', secret: '...' }
 */
@Injectable()
export class KannelSender implements GatewaySender<KannelOptions> {
  constructor(private readonly callbacks: CallbackUrls) {}

  async send(sms: OutboundSms, options: KannelOptions, gatewayName: string): Promise<SendOutcome> {
    const what = `Kannel ${gatewayName}`;
    const response = await callGateway(
      what,
      this.sendsmsUrl(sms, options, gatewayName),
      { method: 'GET' },
      options.timeoutMs,
    );
    if (response.status < 200 || response.status > 299) throw statusError(what, response.status, response.body);
    return { providerId: null };
  }

  /** The sendsms URL, built by hand: URLSearchParams cannot carry UTF-16BE bytes. */
  sendsmsUrl(sms: OutboundSms, options: KannelOptions, gatewayName: string): string {
    const ucs2 = sms.encoding === 'UCS-2' || !isGsm7(sms.text);
    const params: Array<[string, string | Buffer]> = [
      ['username', options.username],
      ['password', options.password],
      ['to', options.stripPlus ? sms.to.replace(/^\+/, '') : sms.to],
      ['text', ucs2 ? utf16be(sms.text) : sms.text],
      ['coding', ucs2 ? '2' : '0'],
      ['charset', ucs2 ? 'UTF-16BE' : 'UTF-8'],
    ];
    if (options.smsc) params.push(['smsc', options.smsc]);
    if (options.from) params.push(['from', options.from]);
    if (options.dlrMask > 0) {
      params.push(['dlr-mask', String(options.dlrMask)], ['dlr-url', this.dlrUrl(sms.id, options, gatewayName)]);
    }
    const query = params.map(
      ([key, value]) => `${key}=${percentEncode(typeof value === 'string' ? Buffer.from(value, 'utf8') : value)}`,
    );
    const base = options.sendsmsUrl;
    return `${base}${base.includes('?') ? '&' : '?'}${query.join('&')}`;
  }

  /**
   * Kannel fills in `%d` (the report type), `%F` (the SMSC's id) and `%A` (the SMSC's
   * answer). Every other `%` would be taken for one of its codes, hence a URL-safe secret.
   */
  private dlrUrl(messageId: string, options: KannelOptions, gatewayName: string): string {
    const base = this.callbacks.base(options.callbackUrl);
    const secret = options.secret ? `&${options.params.secret}=${options.secret}` : '';
    return `${base}/backends/${gatewayName}/dlr?message=${encodeURIComponent(messageId)}&status=%d&smsc_id=%F&reason=%A${secret}`;
  }
}
