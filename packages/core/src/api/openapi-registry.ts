import { Global, Injectable, Module } from '@nestjs/common';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One response of an operation: its schema (JSON unless `contentType` says otherwise). */
export interface ApiResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly contentType?: string;
  /** Response headers by name, with what each says. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One HTTP operation the server answers, described by the zod schemas its route validates
 * with: the OpenAPI document (`/api/openapi.json`) is generated from these.
 */
export interface ApiOperation {
  readonly method: HttpMethod;
  /** An OpenAPI path template: `/api/messages/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /** Security requirements; `[]` for a public route; absent: the document's default (bearer or session). */
  readonly security?: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly headers?: z.ZodObject;
  readonly body?: {
    readonly schema: z.ZodType;
    /** Default `application/json`. */
    readonly contentTypes?: readonly string[];
    readonly required?: boolean;
    readonly description?: string;
  };
  readonly responses: Readonly<Record<string, ApiResponse>>;
}

/**
 * Where each module describes its HTTP routes for the OpenAPI document: core's API, the
 * tester, the health check, each configured gateway's webhooks, and any app's own routes
 * (the lab upload). Add them in a provider's constructor or `onModuleInit`; the document is
 * built on its first request, when every module has.
 *
 * @example
 * constructor(openapi: OpenApiRegistry) {
 *   openapi.add({ method: 'post', path: '/labresults/incoming', operationId: 'labUpload', ... });
 * }
 */
@Injectable()
export class OpenApiRegistry {
  private readonly operations: ApiOperation[] = [];
  private readonly schemes = new Map<string, Record<string, unknown>>();

  add(...operations: ApiOperation[]): void {
    for (const operation of operations) {
      const clash = this.operations.find(
        (o) => o.operationId === operation.operationId || (o.path === operation.path && o.method === operation.method),
      );
      if (clash)
        throw new Error(
          `OpenAPI: ${operation.method} ${operation.path} (${operation.operationId}) is described twice.`,
        );
      this.operations.push(operation);
    }
  }

  /** A security scheme an operation names (`{ labBasic: [] }`). */
  addSecurityScheme(name: string, scheme: Record<string, unknown>): void {
    this.schemes.set(name, scheme);
  }

  all(): readonly ApiOperation[] {
    return this.operations;
  }

  securitySchemes(): ReadonlyMap<string, Record<string, unknown>> {
    return this.schemes;
  }
}

/** The registry for every module (global, so apps inject it without importing the API module). */
@Global()
@Module({ providers: [OpenApiRegistry], exports: [OpenApiRegistry] })
export class OpenApiRegistryModule {}
