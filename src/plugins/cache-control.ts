/**
 * `Cache-Control: no-store` on every answer that may carry personal data, so no browser, proxy
 * or CDN keeps a copy: anything sent with credentials (an `Authorization` header) and anything
 * but a read (logins answer tokens, writes answer what was written). Anonymous GET/HEAD reads
 * are public and keep whatever their route says (nothing yet). A route that set its own
 * Cache-Control for an authenticated answer is overridden: personal data is never cacheable.
 */
import fp from 'fastify-plugin';

export const NO_STORE = 'no-store';

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const read = request.method === 'GET' || request.method === 'HEAD';
      if (!read || request.headers.authorization !== undefined) reply.header('cache-control', NO_STORE);
      return payload;
    });
  },
  { name: 'cache-control' },
);
