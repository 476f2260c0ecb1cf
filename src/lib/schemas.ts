import { z } from 'zod';

/** Shared field schemas, so every feature validates these the same way. */
export const Uuid = z.uuid();
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. IT')
  .describe('ISO 3166-1 alpha-2');
export const Locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag like en or pt-BR')
  .describe('BCP 47 language tag');
export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
export const IsoDate = z.iso.date().describe('Calendar date, YYYY-MM-DD');
export const Instant = z.iso.datetime({ offset: true }).describe('ISO 8601 instant with offset');
export const Sdg = z.number().int().min(1).max(17);
export const THEMES = [
  'education',
  'inclusion',
  'employment',
  'health',
  'care',
  'housing',
  'environment',
  'culture',
  'mobility',
  'digital',
  'ageing',
  'youth',
  'migration',
  'poverty',
] as const;
export const Theme = z.enum(THEMES);


/** Cursor pagination, the same on every list: `limit` at most 100, an opaque `cursor` from `nextCursor`. */
export const PageLimit = z.coerce.number().int().min(1).max(100).default(20);
export const PageCursor = z.string().max(512).optional().describe('Opaque cursor from `nextCursor` of the previous page');

/** `If-Match` on every versioned write (src/lib/etag.ts): optional; when sent, compared strongly. */
export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .describe('The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.'),
});
