/** The SQLSTATE of a PostgreSQL error, also when a driver or Drizzle wrapped it. */
export function pgErrorCode(error: unknown): string | undefined {
  for (const { code } of chain(error)) if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return undefined;
}

/** Node's socket errors: the database host cannot be reached or dropped the connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** pg's own errors (no SQLSTATE) for a connection that is gone or a pool that is shut. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'Connection ended',
];

/** An error and its causes, at most four deep (a driver's error wrapped by Drizzle, and so on). */
function chain(error: unknown): Array<{ code?: unknown; message?: unknown }> {
  const out: Array<{ code?: unknown; message?: unknown }> = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    out.push(current as { code?: unknown; message?: unknown });
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * The database is away, not the request wrong: connection exceptions (class 08), the server
 * shutting down or restarting (57P01–57P03), too many connections or no resources (class 53),
 * and the driver's and the socket's errors for a lost connection.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const sqlState = pgErrorCode(error);
  if (sqlState) return sqlState.startsWith('08') || sqlState.startsWith('53') || /^57P0[1-3]$/.test(sqlState);
  return chain(error).some(
    (e) =>
      (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) ||
      (typeof e.message === 'string' && DRIVER_MESSAGES.some((m) => (e.message as string).startsWith(m))),
  );
}

/**
 * Which of the database bounds fired, if one did: `acquire` (no pooled connection in time),
 * `statement` (PostgreSQL cancelled a statement: statement_timeout, 57014) or `read` (the server
 * stopped answering and the driver gave up; the connection is dropped).
 */
export function databaseTimeout(error: unknown): 'acquire' | 'statement' | 'read' | undefined {
  if (pgErrorCode(error) === '57014') return 'statement';
  for (const e of chain(error)) {
    if (typeof e.message !== 'string') continue;
    if (e.message.startsWith('timeout exceeded when trying to connect') || e.message.startsWith('Connection terminated due to connection timeout')) return 'acquire';
    if (e.message === 'Query read timeout') return 'read';
  }
  return undefined;
}
