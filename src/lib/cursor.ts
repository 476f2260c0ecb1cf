import { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * Every list pages by keyset: the sort key of the last row, then its id. The key travels as
 * PostgreSQL's own text form of a `timestamptz` in UTC (sessions are UTC), so microseconds
 * survive the round trip; `s` names the sort when a list has several. The cursor is opaque to
 * clients (base64url of that JSON) and validated on the way in like any other input.
 */
export interface Keyset {
  key: string;
  id: string;
  sort?: string | undefined;
}

const KEY = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?\+00$/;

/** A timestamp PostgreSQL accepts: a real calendar day and time of day, in years 1-9999 (year 0 does not exist). */
function isRealTimestamp(key: string): boolean {
  const m = KEY.exec(key);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1 && days !== undefined && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}

const KeysetJson = z.object({
  // A forged key out of range would fail inside the query (a 500): refused here as any bad cursor.
  k: z.string().refine(isRealTimestamp),
  id: z.uuid(),
  s: z.string().max(32).optional(),
});

export function encodeCursor(keyset: Keyset): string {
  const json = keyset.sort === undefined ? { k: keyset.key, id: keyset.id } : { s: keyset.sort, k: keyset.key, id: keyset.id };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

function invalidCursor(message = 'is not a cursor this list returned'): ValidationError {
  return new ValidationError([{ field: 'cursor', message, code: 'invalid_cursor', in: 'querystring' }]);
}

/** The JSON inside a cursor (base64url), or the same refusal as any bad cursor. */
function cursorJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
}

/** The keyset of a cursor this list returned; with `sort`, the cursor must come from a list with that sort. */
export function decodeCursor(cursor: string, sort?: string): Keyset {
  const result = KeysetJson.safeParse(cursorJson(cursor));
  if (!result.success) throw invalidCursor();
  if (result.data.s !== sort) {
    throw invalidCursor(sort === undefined ? 'is not a cursor this list returned' : `belongs to sort=${result.data.s ?? '(none)'}, not sort=${sort}`);
  }
  return { key: result.data.k, id: result.data.id, sort: result.data.s };
}

/** One page of a keyset query that asked for `limit + 1` rows: the page and the cursor of the next, if any. */
export function pageOf<T>(rows: T[], limit: number, keysetOf: (last: T) => Keyset): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keysetOf(last)) : null };
}

/**
 * A position in a list that never changes once made (a stored assignment plan): the offset of the
 * next item and the list it belongs to (`scope`, e.g. the plan id and filter), opaque to clients
 * like the keyset cursors; a cursor of another list or out of range is refused.
 */
const OffsetJson = z.object({ o: z.number().int().min(0), s: z.string().max(128) });

export function encodeOffsetCursor(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset }), 'utf8').toString('base64url');
}

export function decodeOffsetCursor(cursor: string, scope: string, length: number): number {
  const result = OffsetJson.safeParse(cursorJson(cursor));
  if (!result.success || result.data.s !== scope || result.data.o > length) throw invalidCursor();
  return result.data.o;
}
