import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Validates an OpenAPI document with @apidevtools/swagger-parser (an ES module, so in its own
 * Node process, as jest here loads CommonJS): resolves null, or the parser's complaint.
 */
export function validateOpenApi(document: unknown): Promise<string | null> {
  const script = `import SwaggerParser from '@apidevtools/swagger-parser';
    let text = ''; for await (const chunk of process.stdin) text += chunk;
    try { await SwaggerParser.validate(JSON.parse(text)); } catch (e) { console.log(e.message); process.exit(1); }`;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      // Core's folder, where the parser is installed (src/testing or dist/testing alike).
      { cwd: join(__dirname, '../..') },
      (error, stdout, stderr) => resolve(error ? `${stdout}${stderr}`.trim() || String(error) : null),
    );
    child.stdin?.end(JSON.stringify(document));
  });
}

/** Every route a Fastify server answers, as `METHOD /path/{param}` (HEAD and OPTIONS left out). */
export function servedRoutes(fastify: { printRoutes(options: { commonPrefix: boolean }): string }): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  // printRoutes' tree: each line a path segment under the line above it one level less indented.
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    prefixes.length = depth;
    const path = `${prefixes.join('')}${match[2]}`;
    prefixes.push(match[2]);
    for (const method of match[3]?.split(', ') ?? []) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}
