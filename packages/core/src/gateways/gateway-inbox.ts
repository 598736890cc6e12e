/** An SMS a gateway received from a phone, as its webhook read it. */
export interface InboundSms {
  /** The gateway's configured name (`backends.gateways.<name>`: zain, twilio, tester ...). */
  readonly gateway: string;
  /** The sender as the gateway gave it; normalised to E.164 when stored. */
  readonly identity: string;
  readonly text: string;
  /** The gateway's message id: a second message with the same id is dropped. */
  readonly providerId?: string | null;
  /**
   * What the gateway received when its decoding lost something (bytes no charset reads), as
   * a JSON document (`{"bytes": "<hex>", "charset": ...}`), kept beside the text.
   */
  readonly original?: string | null;
}

export interface Accepted {
  /** True when the gateway had sent this provider id before: acknowledge it, do nothing. */
  readonly duplicate: boolean;
  readonly messageId: string | null;
  /** True when the database was out of reach: kept in the local spool, stored once it is back. */
  readonly spooled?: boolean;
}

/**
 * Where gateways hand what phones send. Messaging provides it (`InboundService`: stored
 * before the gateway is answered, then routed); gateways only know this contract, so the
 * gateway folder imports nothing above it.
 */
export abstract class GatewayInbox {
  abstract accept(sms: InboundSms): Promise<Accepted>;
}

/** What a delivery report says happened to an outbound SMS. */
export type ReportedStatus = 'sent' | 'delivered' | 'failed';

/** How a report names its message: by Mwana's id (Kannel's dlr-url) or by the gateway's (Twilio's sid). */
export interface ReportedMessage {
  readonly messageId?: string;
  readonly providerId?: string;
}

/**
 * Where gateways hand delivery reports. The outbox provides it (`DeliveryReports`): a report
 * moves the message along the outbox's transitions, in any order, any number of times.
 */
export abstract class GatewayReports {
  /** False when no outbound message of this gateway matches. */
  abstract report(gateway: string, ref: ReportedMessage, status: ReportedStatus, reason?: string): Promise<boolean>;
}
