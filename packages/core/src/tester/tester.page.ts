import { randomInt } from 'node:crypto';
import { type CountryCode, getCountryCallingCode } from 'libphonenumber-js';
import { countryConfig } from '../config/core.config';
import { MwanaConfig } from '../config/mwana-config';
import {
  ConsolePage,
  type ConsoleContext,
  type ConsoleForm,
  type ConsolePageHandler,
  type ConsoleSubmitResult,
  type ConsoleView,
} from '../console/console-page';
import { html, href } from '../console/html';
import { renderThread } from '../console/pages/thread';
import { testerScript } from './tester.script';
import { TesterError, TesterService } from './tester.service';

/**
 * RapidSMS's httptester: type as one phone or several and watch each conversation. Works
 * as plain forms; its script sends and switches phones in place and polls for replies.
 */
@ConsolePage({ path: 'tester', title: 'Message tester', order: 30 })
export class TesterPage implements ConsolePageHandler {
  private readonly timeZone: string;
  private readonly callingCode: string;

  constructor(
    private readonly tester: TesterService,
    config: MwanaConfig,
  ) {
    const country = config.section(countryConfig);
    this.timeZone = country.timezone;
    this.callingCode = getCountryCallingCode(country.code as CountryCode);
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const gateways = this.tester.testerGateways();
    // `backend` is the parameter's old name, in links kept from before.
    const asked = ctx.query.gateway ?? ctx.query.backend ?? '';
    const gateway = gateways.includes(asked) ? asked : gateways[0];
    if (!gateway) {
      return {
        body: html`<p>No gateway of type <code>tester</code> is configured. Add one to the country's config: <code>backends: { gateways: { tester: { type: tester } } }</code>.</p>`,
      };
    }
    const phones = await this.tester.phones(gateway);
    const phone = ctx.query.phone?.trim() ? this.tester.normalize(ctx.query.phone) : (phones[0] ?? this.suggestPhone());
    const { messages } = await this.tester.thread(gateway, phone, { limit: 50 });
    const shown = phones.includes(phone) ? phones : [phone, ...phones];
    const keep = (p: string) =>
      href('/console/tester', { phone: p, gateway: gateways.length > 1 ? gateway : undefined });
    const body = html`<div id="tester" data-gateway="${gateway}" data-csrf="${ctx.csrfToken}" data-phone="${phone}" data-tz="${this.timeZone}">
${gateways.length > 1 ? html`<p>Gateway: ${gateways.map((g) => html`<a href="${href('/console/tester', { gateway: g })}"${g === gateway ? html` class="here"` : null}>${g}</a> `)}</p>` : null}
<form id="tester-switch" class="filters" method="get" action="/console/tester">${gateways.length > 1 ? html`<input type="hidden" name="gateway" value="${gateway}">` : null}
<label>Talk as <input id="tester-phone" name="phone" inputmode="tel" size="15" placeholder="+${this.callingCode}977000001"></label> <button type="submit">Switch phone</button></form>
<p class="phones" id="phones">${shown.map((p) => html`<a href="${keep(p)}" data-phone="${p}"${p === phone ? html` class="here"` : null}>${p}</a>`)}</p>
<h2 id="tester-title">${phone}</h2>
${renderThread(
  messages.map((m) => ({ ...m, error: null, createdAt: new Date(m.createdAt) })),
  this.timeZone,
  'thread',
)}
<p id="tester-empty" class="muted${messages.length > 0 ? ' hide' : ''}">No messages yet: send one.</p>
<p id="tester-error" class="error hide" role="alert"> </p>
<form id="tester-send" method="post" action="/console/tester">${ctx.csrfField()}<input type="hidden" name="gateway" value="${gateway}"><input type="hidden" id="tester-as" name="phone" value="${phone}">
<input id="tester-text" name="text" autocomplete="off" size="30" maxlength="1600" placeholder="ECHO hello" required> <button type="submit">Send</button></form></div>`;
    return { body, scripts: [testerScript] };
  }

  async submit(_ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
    const gateway = form.gateway ?? form.backend ?? '';
    const back = (phone: string | undefined) =>
      href('/console/tester', { phone, gateway: this.tester.testerGateways().length > 1 ? gateway : undefined });
    try {
      const sent = await this.tester.send(gateway, form.phone ?? '', form.text ?? '');
      return { redirect: back(sent.phone) };
    } catch (error) {
      if (error instanceof TesterError) return { redirect: back(form.phone), error: error.message };
      throw error;
    }
  }

  /** A fresh number in the country's plan, so a newcomer can start typing at once. */
  private suggestPhone(): string {
    return `+${this.callingCode}97${String(randomInt(10_000_000)).padStart(7, '0')}`;
  }
}
