import { AppError } from './errors.js';

/**
 * Every versioned resource (competition, proposal; reviews later) has the strong ETag `"v<version>"`.
 * `If-Match` uses the strong comparison of RFC 9110 §13.1.1: a weak tag (`W/"v3"`) never matches,
 * `*` matches any current version. Without `If-Match` a write goes ahead (it is optional).
 */
export const etagOf = (version: number): string => `"v${version}"`;

export function ifMatchSatisfied(ifMatch: string | undefined, version: number): boolean {
  if (ifMatch === undefined) return true;
  const current = etagOf(version);
  return ifMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === current;
  });
}

/** Throws `412 PRECONDITION_FAILED` with the current version (body and `etag` header) when `If-Match` is stale. */
export function requireIfMatch(ifMatch: string | undefined, version: number, what: string): void {
  if (ifMatchSatisfied(ifMatch, version)) return;
  throw new AppError(
    412,
    'PRECONDITION_FAILED',
    `The ${what} has changed since you read it (now version ${version}); read it again and retry`,
    { currentVersion: version },
    { etag: etagOf(version) },
  );
}
