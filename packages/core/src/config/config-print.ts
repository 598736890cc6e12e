import { isPlainObject } from './config-layers';
import type { MwanaConfig, Provenance } from './mwana-config';
import { maskSecrets } from './schema-paths';

export const MASK = '********';

/**
 * The config as `mwana config` shows it: every value its schema marks `secret()` masked,
 * wherever it sits and however the layer that set it was shaped (a gateway's password given
 * as a key of its own, or inside a whole map in one variable), and credentials in URLs.
 */
export function maskedValues(config: MwanaConfig): Record<string, unknown> {
  return maskSecrets(config.schema, config.values, MASK) as Record<string, unknown>;
}

/** One leaf as printed: text as it is (a URL's password masked), anything else as JSON. */
function display(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return maskUrlPassword(value);
  return JSON.stringify(value, (_, item: unknown) => (typeof item === 'string' ? maskUrlPassword(item) : item));
}

function maskUrlPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@)/i, `$1${MASK}$3`);
}

/** Lines of `mwana config`: every key, its value (masked where secret) and its layer. */
export function formatConfig(config: MwanaConfig): string {
  const rows = leaves(maskedValues(config), '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => {
      const from = layerOf(config.provenance, key);
      return [key, display(value), `${from.layer}: ${from.source}`];
    });
  const header = ['KEY', 'VALUE', 'LAYER'];
  const widths = [0, 1].map((i) => Math.max(header[i].length, ...rows.map((row) => Math.min(row[i].length, 48))));
  const line = (row: string[]) => `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`;
  return [
    `# ${config.country} (${config.env}): project -> country -> ${config.env} -> local -> variables`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}

/** Maps are opened down to their leaves (one line each), lists and scalars are leaves. */
function leaves(node: Record<string, unknown>, prefix: string): Array<[string, unknown]> {
  return Object.entries(node).flatMap(([key, value]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isPlainObject(value) && Object.keys(value).length > 0 ? leaves(value, path) : [[path, value]];
  });
}

/** The layer that set this key, or the key it sits in (a whole map set by one variable). */
function layerOf(provenance: ReadonlyMap<string, Provenance>, key: string): Provenance {
  for (let path = key; path; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
    const found = provenance.get(path);
    if (found) return found;
  }
  return { layer: 'project', source: 'default' };
}

export function valueAt(values: Readonly<Record<string, unknown>>, key: string): unknown {
  let node: unknown = values;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
