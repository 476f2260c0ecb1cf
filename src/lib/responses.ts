import type { z } from 'zod';

/** Response headers as routes declare them (JSON Schema with a description; @fastify/swagger makes them Header Objects). */
export type ResponseHeaders = Record<string, { type: 'string' | 'integer'; description: string; [keyword: string]: unknown }>;

export const etagHeader = (what: string): ResponseHeaders => ({
  etag: { type: 'string', description: `The ${what} version as a strong ETag, \`"v<version>"\`; send it back in \`If-Match\`` },
});

export const locationHeader = (what: string): ResponseHeaders => ({
  location: { type: 'string', description: `The path of the new ${what}` },
});

/** A JSON success response with its own description (and the headers it carries), instead of the schema's name. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string, headers?: ResponseHeaders) {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } };
}
