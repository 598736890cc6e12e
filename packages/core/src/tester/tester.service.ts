import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MwanaConfig } from '../config/mwana-config';
import { gatewaysConfig } from '../gateways/gateways.config';
import type { Direction, MessageStatus } from '../message-log/message.entity';
import { InboundService } from '../messaging/inbound.service';
import { ContactsService } from '../contacts/contacts.service';

export enum TesterErrorCode {
  UnknownGateway = 'unknown-gateway',
  Invalid = 'invalid',
}

export class TesterError extends Error {
  constructor(
    readonly code: TesterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TesterError';
  }
}

/** One SMS of a tester thread, as the JSON endpoint and the page's script see it. */
export interface TesterMessage {
  readonly id: string;
  readonly direction: Direction;
  readonly text: string;
  readonly status: MessageStatus;
  /** The app that handled (in) or sent (out) it. */
  readonly app: string | null;
  readonly inResponseToId: string | null;
  readonly createdAt: string;
}

export interface TesterSent {
  readonly phone: string;
  readonly message: TesterMessage;
  /** The replies so far: all of them when routed in the request (MWANA_ROLE=all), none yet with api. */
  readonly replies: TesterMessage[];
}

export const MAX_TEXT = 1600;
const COLUMNS = `m.id::text AS id, m.direction, m.text, m.status, m.handled_by AS app, m.in_response_to_id::text AS "inResponseToId", m.created_at AS "createdAt"`;

/** Types SMS as any phone through a `tester` gateway, and reads each phone's thread back. */
@Injectable()
export class TesterService {
  private readonly gateways: string[];

  constructor(
    private readonly inbound: InboundService,
    private readonly contacts: ContactsService,
    private readonly dataSource: DataSource,
    config: MwanaConfig,
  ) {
    const { gateways } = config.section(gatewaysConfig);
    this.gateways = Object.keys(gateways).filter((name) => gateways[name].type === 'tester');
  }

  normalize(phone: string): string {
    return this.contacts.normalize(phone);
  }

  /** The configured gateways of type tester, in config order. */
  testerGateways(): readonly string[] {
    return this.gateways;
  }

  async send(gateway: string, phone: string, text: string): Promise<TesterSent> {
    this.checkGateway(gateway);
    if (!phone.trim() || phone.length > 64)
      throw new TesterError(TesterErrorCode.Invalid, 'phone: give the number to send as');
    if (!text.trim() || text.length > MAX_TEXT)
      throw new TesterError(TesterErrorCode.Invalid, `text: 1 to ${MAX_TEXT} characters`);
    const accepted = await this.inbound.accept({ gateway, identity: phone, text, providerId: null });
    if (!accepted.messageId) throw new Error('the tester message was taken for a duplicate');
    const [message] = await this.query(`WHERE m.id = $1`, [accepted.messageId]);
    const replies = await this.query(`WHERE m.in_response_to_id = $1 AND m.direction = 'out' ORDER BY m.id`, [
      accepted.messageId,
    ]);
    return { phone: this.contacts.normalize(phone), message, replies };
  }

  /** A phone's thread, oldest first: the latest `limit`, or those after the id `after`. */
  async thread(
    gateway: string,
    phone: string,
    options: { after?: string; limit: number },
  ): Promise<{ phone: string; messages: TesterMessage[] }> {
    this.checkGateway(gateway);
    const identity = this.contacts.normalize(phone);
    const where = `JOIN connection c ON c.id = m.connection_id WHERE c.backend = $1 AND c.identity = $2`;
    const messages = options.after
      ? await this.query(`${where} AND m.id > $3 ORDER BY m.id LIMIT $4`, [
          gateway,
          identity,
          options.after,
          options.limit,
        ])
      : (await this.query(`${where} ORDER BY m.id DESC LIMIT $3`, [gateway, identity, options.limit])).reverse();
    return { phone: identity, messages };
  }

  /** The phones that used this gateway, the latest first. */
  async phones(gateway: string, limit = 12): Promise<string[]> {
    const rows: Array<{ identity: string }> = await this.dataSource.query(
      `SELECT c.identity FROM connection c JOIN message m ON m.connection_id = c.id WHERE c.backend = $1
        GROUP BY c.identity ORDER BY max(m.id) DESC LIMIT $2`,
      [gateway, limit],
    );
    return rows.map((r) => r.identity);
  }

  private checkGateway(gateway: string): void {
    if (!this.gateways.includes(gateway))
      throw new TesterError(TesterErrorCode.UnknownGateway, `No tester gateway is named "${gateway}".`);
  }

  private async query(where: string, params: unknown[]): Promise<TesterMessage[]> {
    const rows: Array<Omit<TesterMessage, 'createdAt'> & { createdAt: Date }> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM message m ${where}`,
      params,
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }
}
