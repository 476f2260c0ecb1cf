import { z } from 'zod';

/** Shared field schemas, so every feature validates these the same way. */
export const Uuid = z.uuid();
/**
 * Descriptions and examples (docs/api-contract.md): described where used, because a nullable
 * field's own description must sit outside the `anyOf` that `.nullable()` makes. These two
 * helpers give an id or an instant its description and one example of the reference case.
 */
export const uuidOf = (description: string, example: string) => Uuid.meta({ description, examples: [example] });
/** A nullable id: the description and example outside the `anyOf` (a null example would not say the format). */
export const nullableUuidOf = (description: string, example: string) => Uuid.nullable().meta({ description, examples: [example] });
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. IT')
  .meta({ description: 'ISO 3166-1 alpha-2 country code, upper case', examples: ['SK'] });
export const Locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag like en or pt-BR')
  .meta({ description: 'BCP 47 language tag: a language, optionally a region (`sk`, `pt-BR`)', examples: ['sk'] });
/**
 * Lower-cased as a check (`toLowerCase`), not a `.transform()`: zod leaves the examples and
 * defaults out of the input JSON Schema of anything that contains a transform.
 */
export const Email = z.email().max(254).toLowerCase();
/**
 * The dates and instants the API accepts (docs/input.md): years 1900 to 2200. Wide enough for
 * any deadline, birth date or reference date, narrow enough that no value reaches PostgreSQL
 * out of its range (year 0, `+275760-…`, negative years).
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2200-12-31';
const EARLIEST_INSTANT_MS = Date.UTC(1900, 0, 1);
/** Exclusive: the first instant of 2201 (UTC). */
const INSTANT_LIMIT_MS = Date.UTC(2201, 0, 1);

export function isInstantInRange(instant: Date): boolean {
  const ms = instant.getTime();
  return ms >= EARLIEST_INSTANT_MS && ms < INSTANT_LIMIT_MS;
}

/** Range checks only what has the date's shape: anything else already failed the format, once. */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
export const IsoDate = z.iso
  .date()
  .refine((date) => !DATE_SHAPE.test(date) || (date >= EARLIEST_DATE && date <= LATEST_DATE), `must be a date from ${EARLIEST_DATE} to ${LATEST_DATE}`)
  .meta({ description: `Calendar date, YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`, examples: ['2026-09-01'] });

/**
 * Today in the earliest zone (UTC+14), so that nobody born today anywhere is refused. A
 * plausibility bound on input, not a rule of the domain: the machine's clock is close enough.
 */
// eslint-disable-next-line no-restricted-properties
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
export const BirthDate = z.iso
  .date()
  .refine((date) => !DATE_SHAPE.test(date) || (date >= EARLIEST_DATE && date <= latestToday()), `must be a date from ${EARLIEST_DATE} to today`)
  .meta({ description: `Date of birth, YYYY-MM-DD, from ${EARLIEST_DATE} to today`, examples: ['2005-03-14'] });
export const Instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 instant with offset', examples: ['2026-10-28T19:03:27.418Z'] });
/** Instants leave the API in UTC (`Z`) with milliseconds (src/lib/time.ts); a few quote the database's microseconds. */
export const instantOf = (description: string, example: string) => Instant.meta({ description, examples: [example] });
export const nullableInstantOf = (description: string, example: string) => Instant.nullable().meta({ description, examples: [example] });
export const Sdg = z.number().int().min(1).max(17).describe('UN Sustainable Development Goal, 1 to 17 (4 = Quality Education)');
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
export const Theme = z.enum(THEMES).describe('Field of social innovation');


/** Cursor pagination, the same on every list: `limit` at most 100, an opaque `cursor` from `nextCursor`. */
export const PageLimit = z.coerce.number().int().min(1).max(100).default(20).describe('Page size: 1 to 100 items');
export const PageCursor = z
  .string()
  .max(512)
  .optional()
  .describe('Opaque cursor from `nextCursor` of the previous page, with the same filters and sort; omit for the first page');
/** `nextCursor` of a list page, with an example of that list's cursor. */
export const nextCursorOf = (example: string) =>
  z.string().nullable().meta({ description: 'Pass as `cursor` to get the next page; null on the last page. Opaque: do not parse it', examples: [example] });

/** `If-Match` on every versioned write (src/lib/etag.ts): optional; when sent, compared strongly. */
export const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .meta({
      description: 'The ETag you read (`"v<version>"`, or `*`); the change is refused with 412 if the object changed since. Weak `W/` tags never match.',
      examples: ['"v3"'],
    }),
});
