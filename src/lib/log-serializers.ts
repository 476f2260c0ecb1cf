/**
 * The `err` serializer of the production logger: an error as an operator needs it, without the
 * values of the query or row it failed on. Drizzle puts the SQL parameters into its message and
 * `params` (a password hash, a token, an email); pg adds `detail` ("Key (email)=(…) already
 * exists"), `where`, `hint` and `internalQuery`, and some messages quote the bad value
 * ("invalid input syntax for type uuid: \"…\""). Kept: the type, SQLSTATE, severity, the names
 * of the constraint, table, column and schema, the query text (values are always bound as
 * parameters, never written into it), the stack, and the chain of causes, each cleaned the same way.
 */

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** What a database error may keep besides type, message and stack: names, never values. */
const DATABASE_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const;
/** Properties that carry values of a query or a row, on whatever error they appear. */
const VALUE_FIELDS = new Set(['params', 'parameters', 'values', 'detail', 'where', 'hint', 'internalQuery', 'queryOptions', 'body', 'password', 'token']);
/** SQLSTATE classes whose messages name objects only (connection, integrity, transaction, resources, state, operator). */
const NAMING_CLASSES = new Set(['08', '23', '25', '40', '53', '54', '55', '57', '58']);
const MAX_QUERY_CHARS = 2000;
const MAX_CAUSES = 5;

type ErrorLike = Error & Record<string, unknown>;

function isErrorLike(value: unknown): value is ErrorLike {
  return value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string');
}

function isDatabaseError(err: ErrorLike): boolean {
  return typeof err.code === 'string' && SQLSTATE.test(err.code) && ('severity' in err || 'routine' in err);
}

/**
 * A database message without the values it may quote: whole for the classes that only name
 * objects, up to the first `: ` for the others (`invalid input syntax for type uuid: [redacted]`),
 * nothing of a raised exception (its text is whatever the raising function chose).
 */
function databaseMessage(err: ErrorLike): string {
  const code = err.code as string;
  if (NAMING_CLASSES.has(code.slice(0, 2))) return err.message;
  if (code.startsWith('P0')) return '[redacted]';
  const colon = err.message.indexOf(': ');
  return colon === -1 ? err.message : `${err.message.slice(0, colon)}: [redacted]`;
}

/** Drizzle wraps every failed query: `Failed query: <sql>\nparams: <values>`. */
function isQueryError(err: ErrorLike): boolean {
  return err.name === 'DrizzleQueryError' || (typeof err.query === 'string' && 'params' in err);
}

/** The stack's frames under a new first line, so the original message (and the values in it) goes. */
function restack(err: ErrorLike, type: string, message: string): string | undefined {
  if (typeof err.stack !== 'string') return undefined;
  const frames = err.stack.indexOf('\n    at ');
  return `${type}: ${message}${frames === -1 ? '' : err.stack.slice(frames)}`;
}

function serialize(err: ErrorLike, depth: number): SerializedError {
  const type = err.constructor?.name && err.constructor.name !== 'Object' ? err.constructor.name : String(err.name ?? 'Error');
  const database = isDatabaseError(err);
  const query = isQueryError(err);
  const message = database ? databaseMessage(err) : query ? 'Failed query' : err.message;
  const out: SerializedError = { type, message };
  const stack = database || query ? restack(err, type, message) : err.stack;
  if (stack !== undefined) out.stack = stack;

  if (database) {
    for (const field of DATABASE_FIELDS) if (err[field] !== undefined) out[field] = err[field];
  } else {
    for (const key of Object.keys(err)) {
      if (VALUE_FIELDS.has(key) || key === 'cause' || key === 'errors' || key === 'stack' || key === 'message') continue;
      const value = err[key];
      if (key === 'query' && typeof value === 'string') out.query = value.slice(0, MAX_QUERY_CHARS);
      else if (isErrorLike(value)) out[key] = depth < MAX_CAUSES ? serialize(value, depth + 1) : { type: 'Error', message: '[nested too deep]' };
      else if (typeof value !== 'object' || value === null) out[key] = value;
      // Other objects are left out: an error's attached object may be a row, a request or a config.
    }
  }
  if (isErrorLike(err.cause) && depth < MAX_CAUSES) out.cause = serialize(err.cause, depth + 1);
  if (Array.isArray(err.errors)) out.aggregateErrors = err.errors.filter(isErrorLike).slice(0, 10).map((e) => serialize(e, depth + 1));
  return out;
}

/** pino's (and Fastify's) `serializers.err`. */
export function serializeError(err: Error): SerializedError & { stack: string } {
  if (!isErrorLike(err)) return { type: typeof err, message: String(err), stack: '' };
  const out = serialize(err, 0);
  return { ...out, stack: out.stack ?? '' };
}
