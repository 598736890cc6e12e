import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { ConsoleAsset } from './assets';
import type { SafeHtml } from './html';

export interface ConsolePageOptions {
  /** The address below `/console/`: `messages` is `/console/messages`; lowercase words, `/` allowed. */
  readonly path: string;
  /** The nav link's text and the page's heading. */
  readonly title: string;
  /** Place in the nav, smallest first. Core's: messages 10, contacts 20, tester 30. */
  readonly order?: number;
  /** False for a page reached only by its links (one phone's conversation). */
  readonly nav?: boolean;
}

/** What a page sees of the request. */
export interface ConsoleContext {
  readonly user: { readonly id: number; readonly username: string };
  /** The full path, `/console/messages`. */
  readonly path: string;
  /** The query string, first value of each key. */
  readonly query: Readonly<Record<string, string>>;
  readonly csrfToken: string;
  /** The hidden `_csrf` field every POST form must carry (the console refuses it otherwise). */
  csrfField(): SafeHtml;
}

export interface ConsoleView {
  /** The heading, when not the page's title (`Conversation with +260...`). */
  readonly title?: string;
  readonly body: SafeHtml;
  /** Scripts the page needs, from `defineConsoleAsset`: progressive, the page works without them. */
  readonly scripts?: readonly ConsoleAsset[];
}

/** Where a POST goes next, with a line for the user to read there. */
export interface ConsoleSubmitResult {
  readonly redirect: string;
  readonly notice?: string;
  readonly error?: string;
}

export type ConsoleForm = Readonly<Record<string, string>>;

/** A console page: `render` answers GET; `submit`, if present, answers POST (login and CSRF already checked). */
export interface ConsolePageHandler {
  render(ctx: ConsoleContext): ConsoleView | Promise<ConsoleView>;
  submit?(ctx: ConsoleContext, form: ConsoleForm): ConsoleSubmitResult | Promise<ConsoleSubmitResult>;
}

export const ConsolePageMeta = DiscoveryService.createDecorator<ConsolePageOptions>();

/**
 * Adds a page to the web console, found through discovery in any module the country
 * imports: it gets the layout, the nav link, the login check and CSRF protection for free.
 * Build markup with `html` (it escapes); keep pages small, they are read over slow links.
 *
 * @example
 * @ConsolePage({ path: 'clinics', title: 'Clinics', order: 40 })
 * export class ClinicsPage implements ConsolePageHandler {
 *   constructor(private readonly clinics: ClinicsService) {}
 *   async render(ctx: ConsoleContext): Promise<ConsoleView> {
 *     const rows = await this.clinics.list(ctx.query.q);
 *     return { body: html`<ul>${rows.map((c) => html`<li>${c.name}</li>`)}</ul>` };
 *   }
 *   async submit(ctx: ConsoleContext, form: ConsoleForm): Promise<ConsoleSubmitResult> {
 *     await this.clinics.close(Number(form.clinic));
 *     return { redirect: '/console/clinics', notice: 'Closed.' };
 *   }
 * }
 */
export function ConsolePage(options: ConsolePageOptions): ClassDecorator {
  if (
    !/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(options.path) ||
    options.path === 'login' ||
    options.path === 'logout' ||
    options.path.startsWith('assets')
  ) {
    throw new Error(
      `@ConsolePage path "${options.path}": lowercase words joined by /, and not login, logout or assets`,
    );
  }
  return applyDecorators(Injectable(), ConsolePageMeta(options));
}
