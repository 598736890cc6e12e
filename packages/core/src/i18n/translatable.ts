import type { Message } from './messages';

/** Values for a text's named placeholders: `{name}` takes `params.name`. */
export type TextParams = Readonly<Record<string, string | number>>;

/**
 * What a reply says: a declared text (translated into the recipient's language) or, for
 * text that is not the system's own (an echo, a forwarded broadcast), a literal string.
 */
export type Translatable = Message | { readonly literal: string };

export function literal(text: string): Translatable {
  return { literal: text };
}

export function isLiteral(text: Translatable): text is { readonly literal: string } {
  return 'literal' in text;
}
