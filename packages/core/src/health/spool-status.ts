/**
 * What `/health` reads of the inbound spool (messaging's `InboundSpool` provides it): null when
 * there is no spool, else how many inbound SMS wait in it and where it is.
 */
export abstract class SpoolStatus {
  abstract spoolStatus(): { readonly pending: number; readonly path: string } | null;
}
