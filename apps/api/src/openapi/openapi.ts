import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { dtoSchemas } from './dto-schemas';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
const BEARER = 'api-key';
const API_PREFIX = '/api/v1/';
/** Routes that take no key (health probes). */
const PUBLIC = /^\/api\/v1\/health\//;

/**
 * The OpenAPI 3 document of every route Nest registered (@nestjs/swagger reads the controllers):
 * bearer auth on all but the probes, a tag per resource (the path's first segment), and request
 * schemas filled from the DTOs' class-validator rules.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OpenCode Industrial Orchestrator')
    .setDescription(
      'Event-sourced control plane for AI coding agents. Every endpoint but the health probes needs `Authorization: Bearer <api key>`; ' +
        'commands answer `{ id, revision, position }` and accept `Idempotency-Key`; errors are RFC 9457 problem details with a stable `code`; ' +
        'queries accept `minPosition` (read your writes).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (roles admin, operator, auditor, integrator, agent)' }, BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    const tag = path.startsWith(API_PREFIX) ? (path.slice(API_PREFIX.length).split('/')[0] ?? 'api') : 'api';
    for (const operation of Object.values(item as Record<string, { tags?: string[]; security?: unknown[] }>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      if (!operation.tags || operation.tags.length === 0) operation.tags = [tag];
      operation.tags.forEach((name) => tags.add(name));
      operation.security = PUBLIC.test(path) ? [] : [{ [BEARER]: [] }];
    }
  }
  document.tags = [...tags].sort().map((name) => ({ name }));
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, schema] of dtoSchemas()) {
    const existing = schemas[name] as { properties?: Record<string, unknown> } | undefined;
    if (existing === undefined || Object.keys(existing.properties ?? {}).length === 0) schemas[name] = schema;
  }
  document.components.schemas = schemas;
  return document;
}

/** The document at `/api/docs-json` and Swagger UI at `/api/docs`, both without a key. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: DOCS_JSON_PATH, customSiteTitle: 'Orchestrator API' });
}
