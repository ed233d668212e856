/** The OpenAPI document, generated from the contract's zod schemas (lib/hub/api.ts). */
import { z } from 'zod';
import * as api from '../lib/hub/api';
import { Lead, Touch } from '../lib/model';

type Schema = z.ZodType;

function json(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<
    string,
    unknown
  >;
  delete s.$schema;
  return s;
}

function queryParams(schema: Schema) {
  const s = json(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

function ok(schema: Schema | null, description = 'OK') {
  return {
    description,
    ...(schema ? { content: { 'application/json': { schema: json(schema, 'output') } } } : {}),
  };
}

function body(schema: Schema) {
  return { required: true, content: { 'application/json': { schema: json(schema, 'input') } } };
}

const authErrors = {
  '401': errorResponse('Missing, unknown or revoked token'),
  '403': errorResponse('The token’s role may not do this'),
  '429': errorResponse('Rate limited (see Retry-After)'),
};

export function openApiDocument(): Record<string, unknown> {
  const ingest = (line: Schema, csv: boolean) => ({
    required: true,
    content: {
      [api.NDJSON_TYPE]: { schema: json(line, 'input') },
      ...(csv ? { [api.CSV_TYPE]: { schema: { type: 'string' } } } : {}),
    },
  });
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tandem team hub',
      version: '1',
      description:
        'Shared workspace definitions, touches and leads, and every rep’s feedback. Bearer token auth.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ErrorBody: json(api.ErrorBody, 'output') },
    },
    security: [{ bearer: [] }],
    paths: {
      [api.HUB_PATHS.health]: {
        get: { security: [], responses: { '200': ok(api.HealthResponse) } },
      },
      [api.HUB_PATHS.ready]: {
        get: {
          security: [],
          responses: { '200': ok(api.ReadyResponse), '503': ok(api.ReadyResponse, 'Not ready') },
        },
      },
      [api.HUB_PATHS.openapi]: {
        get: { security: [], responses: { '200': { description: 'This document' } } },
      },
      [api.HUB_PATHS.me]: { get: { responses: { '200': ok(api.MeResponse), ...authErrors } } },
      [api.HUB_PATHS.workspace]: {
        get: {
          parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
          responses: {
            '200': ok(api.WorkspaceDefinitionsResponse),
            '304': { description: 'Not modified' },
            '404': errorResponse('Nothing published yet (not_published)'),
            ...authErrors,
          },
        },
        put: {
          requestBody: body(api.PublishWorkspaceRequest),
          responses: {
            '200': ok(api.PublishWorkspaceResponse),
            '400': errorResponse('Invalid definitions'),
            '409': errorResponse('baseVersion is not the current version'),
            '413': errorResponse('Body too large'),
            ...authErrors,
          },
        },
      },
      [api.HUB_PATHS.touches]: {
        post: {
          requestBody: ingest(Touch, true),
          responses: {
            '200': ok(api.IngestResponse),
            '413': errorResponse('Body too large'),
            '415': errorResponse('Wrong content type'),
            ...authErrors,
          },
        },
      },
      [api.HUB_PATHS.leads]: {
        post: {
          requestBody: ingest(Lead, false),
          responses: {
            '200': ok(api.IngestResponse),
            '413': errorResponse('Body too large'),
            '415': errorResponse('Wrong content type'),
            ...authErrors,
          },
        },
      },
      [api.HUB_PATHS.leadContext]: {
        get: {
          parameters: queryParams(api.LeadContextQuery),
          responses: {
            '200': ok(api.LeadContextResponse),
            '400': errorResponse('Invalid query'),
            ...authErrors,
          },
        },
      },
      [api.HUB_PATHS.ranking]: {
        get: {
          parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
          responses: {
            '200': ok(api.ScoreRankingResponse),
            '304': { description: 'Not modified: the caller holds this ranking' },
            ...authErrors,
          },
        },
      },
      [api.HUB_PATHS.events]: {
        post: {
          requestBody: body(api.EventBatchRequest),
          responses: {
            '200': ok(api.EventBatchResponse),
            '400': errorResponse('Invalid batch'),
            '413': errorResponse('Body too large'),
            ...authErrors,
          },
        },
        get: {
          parameters: queryParams(api.EventsQuery),
          responses: {
            '200': ok(api.EventsResponse),
            '400': errorResponse('Invalid query'),
            ...authErrors,
          },
        },
      },
      [api.HUB_PATHS.aggregates]: {
        get: {
          parameters: queryParams(api.AggregatesQuery),
          responses: {
            '200': ok(api.AggregatesResponse),
            '400': errorResponse('Invalid query'),
            ...authErrors,
          },
        },
      },
      [api.HUB_PATHS.tokens]: {
        get: { responses: { '200': ok(api.TokenListResponse), ...authErrors } },
        post: {
          requestBody: body(api.CreateTokenRequest),
          responses: {
            '201': ok(api.CreateTokenResponse),
            '400': errorResponse('Invalid request'),
            ...authErrors,
          },
        },
      },
      [`${api.HUB_PATHS.tokens}/{id}`]: {
        delete: {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': ok(api.RevokeTokenResponse),
            '404': errorResponse('Unknown token'),
            ...authErrors,
          },
        },
      },
    },
  };
}
