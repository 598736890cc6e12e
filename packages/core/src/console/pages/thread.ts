import type { MessageRow } from '../message-search.service';
import { html, type SafeHtml } from '../html';
import { formatTime, statusBadge } from './format';

/** One phone's messages as a chat, oldest first: what came in on the left, replies on the right. */
export function renderThread(
  messages: ReadonlyArray<Pick<MessageRow, 'id' | 'direction' | 'text' | 'status' | 'app' | 'error' | 'createdAt'>>,
  timeZone: string,
  id?: string,
): SafeHtml {
  return html`<ol class="thread"${id ? html` id="${id}"` : null}>${messages.map(
    (m) =>
      html`<li class="${m.direction}" data-id="${m.id}"><span class="bubble">${m.text}</span><span class="meta">${formatTime(m.createdAt, timeZone)} ${statusBadge(m.status)}${
        m.app ? html` ${m.app}` : null
      }${m.error ? html` · ${m.error}` : null}</span></li>`,
  )}</ol>`;
}
