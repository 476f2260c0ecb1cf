/**
 * Who may keep a copy of an answer, and revalidation (docs/read-path.md).
 *
 * `Cache-Control: no-store` on every answer that may carry personal data, so no browser, proxy
 * or CDN keeps a copy: anything sent with credentials (an `Authorization` header) and anything
 * but a read (logins answer tokens, writes answer what was written). A route's own policy never
 * overrides that: personal data is never cacheable, and a draft read by a member with a bearer
 * token is never stored by a shared cache.
 *
 * Public reads declare `config.cache`: their `Cache-Control` for anonymous requests, a strong
 * `ETag` (the handler's, or a hash of the exact bytes), `304 Not Modified` to a matching
 * `If-None-Match` (with or without credentials: it sends nothing the client does not have), and
 * `Vary` naming what the answer depends on. Error answers of those routes are `no-cache`: a 404
 * for a draft must not outlive its publication in a cache.
 */
import fp from 'fastify-plugin';
import { contentEtagOf, ifNoneMatchSatisfied } from '../lib/etag.js';

export const NO_STORE = 'no-store';

export interface CachePolicy {
  /** The `Cache-Control` of an anonymous 200/304, e.g. `public, max-age=30, stale-while-revalidate=60`. */
  cacheControl: string;
  /** `header`: the handler sets the ETag (a version); `content`: a hash of the serialised body. */
  etag: 'header' | 'content';
  /** The answer differs with the caller's credentials (a draft for its organisation's members). */
  variesWithAuthorization?: boolean;
}

/** Public single reads: any cache may keep them, but asks again each time (a 304 is cheap). */
export const REVALIDATE = 'public, no-cache';
/** Public lists: shared and short-lived; a cache may answer a little stale while it refreshes. */
export const SHORT_LIVED = 'public, max-age=10, stale-while-revalidate=30';

declare module 'fastify' {
  interface FastifyContextConfig {
    cache?: CachePolicy;
  }
}

function addVary(reply: { getHeader(name: string): unknown; header(name: string, value: string): unknown }, names: string[]) {
  const existing = reply.getHeader('vary');
  const current = typeof existing === 'string' && existing !== '' ? existing.split(',').map((v) => v.trim().toLowerCase()) : [];
  const missing = names.filter((n) => !current.includes(n));
  if (missing.length > 0) reply.header('vary', [...current, ...missing].join(', '));
}

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const read = request.method === 'GET' || request.method === 'HEAD';
      const personal = !read || request.headers.authorization !== undefined;
      const policy = read ? request.routeOptions.config.cache : undefined;
      if (!policy) {
        if (personal) reply.header('cache-control', NO_STORE);
        return payload;
      }
      // Compressible JSON: what a cache stores differs with Accept-Encoding (@fastify/compress adds it only when it compresses).
      addVary(reply, policy.variesWithAuthorization ? ['accept-encoding', 'authorization'] : ['accept-encoding']);
      if (reply.statusCode !== 200) {
        reply.header('cache-control', personal ? NO_STORE : 'no-cache');
        return payload;
      }
      reply.header('cache-control', personal ? NO_STORE : policy.cacheControl);
      let etag = reply.getHeader('etag');
      if (policy.etag === 'content' && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        etag = contentEtagOf(payload);
        reply.header('etag', etag);
      }
      if (typeof etag === 'string' && ifNoneMatchSatisfied(request.headers['if-none-match'], etag)) {
        reply.code(304);
        reply.removeHeader('content-type');
        reply.removeHeader('content-length');
        return null;
      }
      return payload;
    });
  },
  { name: 'cache-control' },
);
