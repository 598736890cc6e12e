import { html, type SafeHtml } from '../html';
import { INBOUND_STATUSES, OUTBOUND_STATUSES } from '../../message-log/message.entity';

export const ALL_STATUSES: readonly string[] = [...INBOUND_STATUSES, ...OUTBOUND_STATUSES];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `2026-01-05 11:00` in the country's time zone: what the people reading it live by. */
export function formatTime(date: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const part = (type: string) => formatter.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function statusBadge(status: string): SafeHtml {
  return html`<span class="status status-${status}">${status}</span>`;
}

/** A select whose options are `values`, the current one selected; '' is "any". */
export function select(name: string, values: readonly string[], current: string | undefined, any = 'any'): SafeHtml {
  return html`<select name="${name}"><option value="">${any}</option>${values.map(
    (v) => html`<option${v === current ? html` selected` : null}>${v}</option>`,
  )}</select>`;
}
