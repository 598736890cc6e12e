import { interpolate } from './placeholders';
import type { TextParams, Translatable } from './translatable';

/** A text in English, the source language: what `handler.test()` returns. */
export function renderEnglish(text: Translatable, params: TextParams): string {
  return 'literal' in text ? text.literal : interpolate(text.id, params, text.id);
}
