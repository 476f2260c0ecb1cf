import { createHash } from 'node:crypto';
import { AppError } from './errors.js';

/**
 * Every versioned resource (competition, proposal; reviews later) has the strong ETag `"v<version>"`.
 * `If-Match` uses the strong comparison of RFC 9110 §13.1.1: a weak tag (`W/"v3"`) never matches,
 * `*` matches any current version. Without `If-Match` a write goes ahead (it is optional).
 *
 * A read whose answer can change without its version (a competition's phase moves with the
 * clock) tags that answer `"v<version>-<state>"`; for `If-Match` it names the same version, so
 * a client may send back either tag it was given.
 */
export const etagOf = (version: number): string => `"v${version}"`;

/** The ETag of a read of version `version` in `state` (`"v3-open"`): changes whenever the answer does. */
export const readEtagOf = (version: number, state: string): string => `"v${version}-${state}"`;

const VERSION_TAG = /^"v(\d+)(?:-[a-z0-9-]+)?"$/;

export function ifMatchSatisfied(ifMatch: string | undefined, version: number): boolean {
  if (ifMatch === undefined) return true;
  return ifMatch.split(',').some((tag) => {
    const t = tag.trim();
    if (t === '*') return true;
    const m = VERSION_TAG.exec(t);
    return m !== null && Number(m[1]) === version;
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

/** A strong ETag of exact bytes, for answers without one version (lists, pages built of several rows). */
export function contentEtagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/**
 * `If-None-Match` against the current tag, with the weak comparison RFC 9110 §13.1.2 prescribes
 * for it (`W/"x"` matches `"x"`); `*` matches any current answer.
 */
export function ifNoneMatchSatisfied(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === opaque || t === `W/${opaque}`;
  });
}
