export enum BlacklistErrorCode {
  NotAPhone = 'not-a-phone',
  AlreadyBlocked = 'already-blocked',
  NotBlocked = 'not-blocked',
  BadReason = 'bad-reason',
}

/** What the console and `mwana blacklist` show when a change to the blacklist cannot be made. */
export class BlacklistError extends Error {
  constructor(
    readonly code: BlacklistErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BlacklistError';
  }
}
