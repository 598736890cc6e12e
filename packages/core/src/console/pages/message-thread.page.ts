import { DataSource } from 'typeorm';
import { countryConfig } from '../../config/core.config';
import { MwanaConfig } from '../../config/mwana-config';
import { ConsolePage, type ConsoleContext, type ConsolePageHandler, type ConsoleView } from '../console-page';
import { html, href } from '../html';
import { MessageSearchService } from '../message-search.service';
import { renderThread } from './thread';

const PAGE_SIZE = 100;

/** The conversation of one connection (a phone on a backend), in and out, oldest first. */
@ConsolePage({ path: 'messages/thread', title: 'Conversation', nav: false })
export class MessageThreadPage implements ConsolePageHandler {
  private readonly timeZone: string;

  constructor(
    private readonly search: MessageSearchService,
    private readonly dataSource: DataSource,
    config: MwanaConfig,
  ) {
    this.timeZone = config.section(countryConfig).timezone;
  }

  async render(ctx: ConsoleContext): Promise<ConsoleView> {
    const id = /^\d{1,9}$/.test(ctx.query.connection ?? '') ? Number(ctx.query.connection) : null;
    const [connection]: Array<{ identity: string; backend: string; contact_id: number | null; name: string | null }> =
      id
        ? await this.dataSource.query(
            'SELECT n.identity, n.backend, n.contact_id, c.name FROM connection n LEFT JOIN contact c ON c.id = n.contact_id WHERE n.id = $1',
            [id],
          )
        : [];
    if (!id || !connection)
      return { body: html`<p>No such conversation. <a href="/console/messages">Back to the messages</a></p>` };
    // The latest page, newest first from the query, shown oldest first.
    const page = await this.search.search({ connectionId: id }, { cursor: ctx.query.before, limit: PAGE_SIZE });
    const messages = [...page.messages].reverse();
    return {
      title: `Conversation with ${connection.identity}`,
      body: html`<p class="muted">Backend ${connection.backend}${connection.name ? html` · ${connection.name}` : html` · not linked to a contact`} ·
<a href="${href('/console/messages', { phone: connection.identity })}">search its messages</a></p>
${page.next ? html`<p class="pager"><a href="${href('/console/messages/thread', { connection: id, before: page.next })}">« Earlier</a></p>` : null}
${messages.length > 0 ? renderThread(messages, this.timeZone) : html`<p>No messages yet.</p>`}
${ctx.query.before ? html`<p class="pager"><a href="${href('/console/messages/thread', { connection: id })}">Latest »</a></p>` : null}`,
    };
  }
}
