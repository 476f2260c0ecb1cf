import type { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * Opaque pagination cursors: base64url of a small JSON document. Opaque to clients (they pass
 * back what they got), validated on the way in like any other input.
 */
export function encodeCursor(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>, field = 'cursor'): T {
  const invalid = () =>
    new ValidationError([{ field, message: 'is not a cursor this list returned', code: 'invalid_cursor', in: 'querystring' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw invalid();
  return result.data;
}
