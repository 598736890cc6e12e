/** Why a contacts operation was refused; the router, the console or the CLI turns it into words. */
export enum ContactsErrorCode {
  /** No contact has this phone (or id). */
  NotFound = 'not-found',
  /** A role no installed app declared with `@ContactRoles`. */
  UnknownRole = 'unknown-role',
  /** A PIN that is not 4 to 8 digits. */
  BadPin = 'bad-pin',
  /** A name that is empty or longer than 100 characters. */
  BadName = 'bad-name',
  /** A phone that is not a phone number of the country's plan or international. */
  BadPhone = 'bad-phone',
  /** A phone another active contact has (an operator's create or import). */
  PhoneTaken = 'phone-taken',
  /** A language the country does not list. */
  BadLanguage = 'bad-language',
  /** A location id (or code) that names no location. */
  BadLocation = 'bad-location',
}

export class ContactsError extends Error {
  constructor(
    readonly code: ContactsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContactsError';
  }
}
