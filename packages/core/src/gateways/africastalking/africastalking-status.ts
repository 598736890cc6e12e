import type { ReportedStatus } from '../gateway-inbox';

/**
 * The `statusCode` of each recipient in the answer to a send (Africa's Talking's SMS API
 * documentation): 100-102 the message was taken; the others say why not, and whether
 * sending it again later can help (credit topped up, the API back) or never will.
 */
export const SEND_STATUS: Readonly<Record<number, { readonly name: string; readonly retryable?: boolean }>> = {
  100: { name: 'Processed' },
  101: { name: 'Sent' },
  102: { name: 'Queued' },
  401: { name: 'RiskHold' },
  402: { name: 'InvalidSenderId' },
  403: { name: 'InvalidPhoneNumber' },
  404: { name: 'UnsupportedNumberType' },
  405: { name: 'InsufficientBalance', retryable: true },
  406: { name: 'UserInBlacklist' },
  407: { name: 'CouldNotRoute' },
  409: { name: 'DoNotDisturbRejection' },
  500: { name: 'InternalServerError', retryable: true },
  501: { name: 'GatewayError', retryable: true },
  502: { name: 'RejectedByGateway' },
};

/** 100-102: Africa's Talking took the message. */
export function accepted(statusCode: number): boolean {
  return statusCode >= 100 && statusCode <= 102;
}

/** Whether a refusal with this code is worth another try; codes it does not document: 5xx are, others not. */
export function retryable(statusCode: number): boolean {
  const known = SEND_STATUS[statusCode];
  return known ? known.retryable === true : statusCode >= 500;
}

/**
 * A delivery report's `status`, as outbox statuses: Success is delivered; Failed and
 * Rejected are final failures; Sent, Submitted and Buffered mean the network has it.
 */
export const REPORT_STATUS: Readonly<Record<string, ReportedStatus>> = {
  Success: 'delivered',
  Failed: 'failed',
  Rejected: 'failed',
  Sent: 'sent',
  Submitted: 'sent',
  Buffered: 'sent',
};
