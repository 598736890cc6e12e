import { type ApiOperation, OpenApiRegistry } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { logSchema, payloadMetaSchema, sampleSchema } from './payload.schema';

/**
 * The body as the route reads it, from the schemas it validates with: `payloadSchema` takes
 * `logs` as any list and reads each line with `logSchema` (a line that does not fit is kept
 * raw and flagged), so the document names that schema for the lines.
 */
const labPayload = payloadMetaSchema
  .extend({
    logs: z
      .array(logSchema)
      .nullish()
      .describe('Log lines of the lab system; one that does not fit is kept and flagged'),
    samples: z.array(sampleSchema.meta({ id: 'LabSample' })).nullish(),
  })
  .meta({ id: 'LabPayload', description: 'What a lab uploads (docs/keywords.md#lab-upload); other fields are kept' });

const status = (...values: [string, ...string[]]) => z.object({ status: z.enum(values) });
const applied = z
  .object({
    status: z.literal('SUCCESS'),
    payload: z.number().int().describe('The kept payload'),
    created: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int().describe('Samples without a requisition id yet: sent again later'),
    flaggedLogs: z.number().int(),
  })
  .meta({ id: 'LabUploadApplied' });
const invalid = z
  .object({
    status: z.literal('INVALID'),
    payload: z.number().int(),
    errors: z.array(z.string()).describe('Each field and its problem, never a value'),
  })
  .meta({ id: 'LabUploadInvalid' });

const TEXT_NOTE =
  'JSON when the request asks for it (`Accept: application/json`); otherwise text/plain, the status word first (`SUCCESS` is what the labs’ uploader waits for).';
const URLS = ['/labresults/incoming/', '/labresults/incoming'] as const;
const OTHER_METHODS = ['get', 'put', 'patch', 'delete'] as const;

/** `POST /labresults/incoming/` (with its slash, as Mwana's labs post, and without) and the 405 of its other methods. */
export function labUploadOperations(): ApiOperation[] {
  return URLS.flatMap((path, i): ApiOperation[] => {
    const suffix = i === 0 ? '' : 'NoSlash';
    return [
      {
        method: 'post',
        path,
        operationId: `labUpload${suffix}`,
        tags: ['labresults'],
        summary: i === 0 ? 'A lab uploads samples and log lines (HTTP Basic as a lab account)' : `As ${URLS[0]}`,
        description: `The body is kept first, whatever its content type (JSON is read from any: text/json, none, a malformed one), and re-run hourly if it could not be applied. ${TEXT_NOTE} Every request counts against its address's \`http.rateLimit.passwords\`; five wrong passwords lock the lab name for \`labresults.labLockMinutes\`.`,
        security: [{ labBasic: [] }],
        body: { schema: labPayload, contentTypes: ['application/json', 'text/json'] },
        responses: {
          '200': { description: `Applied. ${TEXT_NOTE}`, schema: applied },
          '400': {
            description: 'Not JSON, or not the shape: each problem listed; the payload is kept',
            schema: invalid,
          },
          '401': {
            description: 'No or wrong credentials',
            schema: status('UNAUTHORIZED'),
            headers: { 'www-authenticate': 'Basic realm="Lab Results"' },
          },
          '429': {
            description: 'The lab name is locked, or the address is over its budget',
            schema: status('LOCKED', 'TOO MANY REQUESTS'),
            headers: { 'retry-after': 'Seconds to wait' },
          },
          '503': {
            description: 'Kept, but could not be applied now: it is re-run; try again later',
            schema: z.object({ status: z.literal('ERROR'), message: z.string() }),
            headers: { 'retry-after': 'Seconds to wait' },
          },
        },
      },
      ...OTHER_METHODS.map((method): ApiOperation => ({
        method,
        path,
        operationId: `labUpload${suffix}${method[0].toUpperCase()}${method.slice(1)}`,
        tags: ['labresults'],
        summary: 'Not allowed: the lab upload takes POST only',
        security: [],
        responses: {
          '405': {
            description: 'Method not allowed',
            schema: status('METHOD NOT ALLOWED'),
            headers: { allow: 'POST' },
          },
        },
      })),
    ];
  });
}

/** Describes the lab upload in the OpenAPI document (`/api/openapi.json`). */
@Injectable()
export class LabUploadOperations {
  constructor(registry: OpenApiRegistry) {
    registry.addSecurityScheme('labBasic', {
      type: 'http',
      scheme: 'basic',
      description: 'A lab account (`mwana labresults lab-account add <name>`)',
    });
    registry.add(...labUploadOperations());
  }
}
