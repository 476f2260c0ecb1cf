import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { problemResponse as problem } from '../lib/problem.js';

/**
 * Responses every route can produce whatever it does (limits, faults, validation), added here
 * so that each route declares only the errors of its own domain.
 */
function commonResponses(schema: Record<string, unknown>): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const hasInput = Boolean(schema.body || schema.querystring || schema.params || schema.headers);
  if (schema.body) {
    responses[400] = problem('Malformed JSON (`MALFORMED_JSON`), or nested deeper than 32 levels (`JSON_TOO_DEEP`)');
    responses[413] = problem('Body larger than the limit (`BODY_TOO_LARGE`)');
    responses[415] = problem('Unsupported content type (`UNSUPPORTED_MEDIA_TYPE`)');
  }
  if (hasInput) responses[422] = problem('Invalid input; `errors` names every bad field (`VALIDATION_FAILED`)');
  // Answered before routing (docs/input.md): a path parameter over the router's length limit, headers over Node's limit.
  if (schema.params) responses[414] = problem('A path parameter is too long (`URI_TOO_LONG`)');
  responses[431] = problem('Request headers larger than the server accepts (`HEADERS_TOO_LARGE`)');
  if (schema.security) responses[401] = problem('Missing, expired or invalid access token');
  responses[429] = problem('Rate limit exceeded; see `Retry-After` (`RATE_LIMITED`)');
  responses[500] = problem('Unexpected failure (`INTERNAL`); no internals are disclosed');
  responses[503] = problem(
    'Try again later, after `Retry-After` seconds: overloaded (`SERVICE_UNAVAILABLE`), shutting down (`SHUTTING_DOWN`), ' +
      'the database unreachable (`DATABASE_UNAVAILABLE`) or too slow (`DATABASE_TIMEOUT`)',
  );
  return responses;
}

export default fp(
  async (app, opts: { version: string; exposeUi: boolean }) => {
    app.addHook('onRoute', (route) => {
      if (route.schema?.hide || route.url.startsWith('/docs')) return;
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      const declared = (schema.response ??= {}) as Record<string, unknown>;
      for (const [status, response] of Object.entries(commonResponses(schema))) {
        if (!(status in declared)) declared[status] = response;
      }
    });

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Skyrocket API',
          version: opts.version,
          description:
            'Social-innovation marketplace: challenges, solutions, timed competitions, proposals and judging. ' +
            'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    if (opts.exposeUi) {
      await app.register(swaggerUi, {
        routePrefix: '/docs',
        staticCSP: true,
        // Without `upgrade-insecure-requests`: over plain HTTP under any name but localhost the
        // browser would fetch the UI's own scripts over https:// and show a blank page. Every
        // source is 'self', so over HTTPS the directive changes nothing (docs/operations.md).
        transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/g, '').trim(),
      });
    }
  },
  { name: 'openapi' },
);
