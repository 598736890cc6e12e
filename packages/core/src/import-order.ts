/**
 * The order core's folders import each other in, lowest first: a folder imports only the
 * folders before it (docs/architecture.md, "The folder order"). `import-order.spec.ts`
 * fails on an import against it; `node scripts/import-graph.mjs` prints the graph.
 */
export const IMPORT_ORDER: readonly string[] = [
  'clock',
  'config',
  'logging',
  'database',
  'security',
  'migrations',
  'health',
  'cli',
  'i18n',
  'text',
  'contacts',
  'message-log',
  'gateways',
  'outbox',
  'messaging',
  'apps',
  'scheduling',
  'console',
  'tester',
  'api',
  'app',
  '(root)',
  'testing',
  'bench',
];

/** Imports against the order that are known and owned elsewhere, each with why it stays for now: none today. */
export const KNOWN_EXCEPTIONS: ReadonlyArray<{ readonly from: string; readonly to: string; readonly why: string }> = [];
