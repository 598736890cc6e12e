import { isSecretPath } from './config-section';
import type { MwanaConfig } from './mwana-config';

const SECRET_NAMES = /(password|passwd|secret|token|api_?key|auth_?key|private_?key)$/i;
export const MASK = '********';

/** A value as `mwana config` shows it: secrets masked, credentials in URLs masked. */
export function displayValue(config: MwanaConfig, key: string, value: unknown): string {
  const path = key.split('.');
  if (value === undefined) return '(unset)';
  if (isSecretPath(config.schema, path) || SECRET_NAMES.test(path[path.length - 1])) {
    return typeof value === 'string' && value.length === 0 ? '' : MASK;
  }
  if (typeof value === 'string') return maskUrlPassword(value);
  return JSON.stringify(value);
}

function maskUrlPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@)/i, `$1${MASK}$3`);
}

/** Lines of `mwana config`: every key, its value (masked where secret) and its layer. */
export function formatConfig(config: MwanaConfig): string {
  const rows = [...config.provenance.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, from]) => [
      key,
      displayValue(config, key, valueAt(config.values, key)),
      `${from.layer}: ${from.source}`,
    ]);
  const header = ['KEY', 'VALUE', 'LAYER'];
  const widths = [0, 1].map((i) => Math.max(header[i].length, ...rows.map((row) => Math.min(row[i].length, 48))));
  const line = (row: string[]) => `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`;
  return [
    `# ${config.country} (${config.env}): project -> country -> ${config.env} -> local -> variables`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}

export function valueAt(values: Readonly<Record<string, unknown>>, key: string): unknown {
  let node: unknown = values;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
