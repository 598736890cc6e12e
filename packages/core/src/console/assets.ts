import { createHash } from 'node:crypto';

/** A static file the console serves from memory, under a name that changes with its content. */
export interface ConsoleAsset {
  /** `/console/assets/<name>-<hash>.<ext>`: cached for a year, as a new version gets a new URL. */
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
}

const assets = new Map<string, ConsoleAsset>();

/**
 * Declares a stylesheet or script for console pages (no CDN: everything comes from here).
 * Call at module load; a page lists it in its view's `scripts`.
 *
 * @example
 * export const testerScript = defineConsoleAsset('tester.js', TESTER_JS);
 */
export function defineConsoleAsset(name: string, body: string): ConsoleAsset {
  const dot = name.lastIndexOf('.');
  const ext = name.slice(dot + 1);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const file = `${name.slice(0, dot)}-${hash}.${ext}`;
  const contentType = ext === 'css' ? 'text/css; charset=utf-8' : 'application/javascript; charset=utf-8';
  const asset: ConsoleAsset = { url: `/console/assets/${file}`, contentType, body };
  assets.set(file, asset);
  return asset;
}

export function findConsoleAsset(file: string): ConsoleAsset | undefined {
  return assets.get(file);
}
