export enum I18nErrorCode {
  /** A text has a `{placeholder}` the render call gave no value for. */
  MissingValue = 'missing-value',
  /** A .po file cannot be used: unreadable, bad Plural-Forms, a placeholder the English lacks. */
  BadCatalogue = 'bad-catalogue',
  /** A declared text gettext cannot carry: an empty English text. */
  BadMessage = 'bad-message',
  /** One domain declared one key twice with different texts. */
  ConflictingMessage = 'conflicting-message',
  /** A plural text rendered without a usable count, or a singular one rendered as plural. */
  BadPlural = 'bad-plural',
}

/** A translation problem found by code, never by a user: it is a bug or a broken catalogue. */
export class I18nError extends Error {
  constructor(
    readonly code: I18nErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'I18nError';
  }
}
