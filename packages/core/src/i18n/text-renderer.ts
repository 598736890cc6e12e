import type { TextParams, Translatable } from './translatable';

/** Renders a reply in a language; core's i18n module provides the gettext one. */
export abstract class TextRenderer {
  /** `language` null means the country's default language. */
  abstract render(text: Translatable, params: TextParams, language: string | null): string;
}
