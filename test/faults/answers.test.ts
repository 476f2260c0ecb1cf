/**
 * What a client is told when the database is away or slow, when the server is closing, and right
 * after a start (issue #10, items 5 and 6): always a problem+json with a stable code, and
 * Retry-After whenever retrying later is the answer. Runs on either database.
 */
import net from 'node:net';
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

/** The errors the drivers and PostgreSQL raise when the database is unreachable or too slow. */
const faults: Array<[string, () => Error, number, string]> = [
  ['SQLSTATE 08006 connection failure', () => Object.assign(new Error('connection failure'), { code: '08006' }), 503, 'DATABASE_UNAVAILABLE'],
  ['SQLSTATE 57P01 admin shutdown', () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 503, 'DATABASE_UNAVAILABLE'],
  ['SQLSTATE 53300 too many connections', () => Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 503, 'DATABASE_UNAVAILABLE'],
  ['ECONNREFUSED, wrapped as Drizzle wraps it', () => new Error('Failed query', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) }), 503, 'DATABASE_UNAVAILABLE'],
  ['pg: Connection terminated unexpectedly', () => new Error('Connection terminated unexpectedly'), 503, 'DATABASE_UNAVAILABLE'],
  ['pg-pool: acquire timeout', () => new Error('timeout exceeded when trying to connect'), 503, 'DATABASE_TIMEOUT'],
  ['pg: Query read timeout', () => new Error('Query read timeout'), 503, 'DATABASE_TIMEOUT'],
  ['SQLSTATE 57014 statement timeout', () => Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), 503, 'DATABASE_TIMEOUT'],
  ['SQLSTATE 23505 stays a conflict', () => Object.assign(new Error('duplicate key'), { code: '23505' }), 409, 'CONFLICT'],
  ['a plain bug stays a 500', () => new TypeError('undefined is not a function'), 500, 'INTERNAL'],
];

t.test('database faults become 503 problems with Retry-After; other errors keep their meaning', async (t) => {
  let next: () => Error = () => new Error('unset');
  const { app } = await buildTestApp(t, {
    beforeReady: (app) => {
      app.get('/test/fault', async () => {
        throw next();
      });
    },
  });
  for (const [name, make, status, code] of faults) {
    next = make;
    const res = await app.inject({ method: 'GET', url: '/test/fault' });
    t.equal(res.statusCode, status, name);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${name}: problem+json`);
    t.equal(res.json().code, code, `${name}: code`);
    if (status === 503) t.equal(res.headers['retry-after'], '5', `${name}: Retry-After`);
    else t.notOk(res.headers['retry-after'], `${name}: no Retry-After`);
    t.notMatch(res.body, /ECONNREFUSED|5432|statement timeout|duplicate key/, `${name}: nothing internal in the body`);
  }
});

/** Sends raw bytes on one connection and collects everything the server writes until it closes. */
function rawExchange(port: number, bytes: string): { socket: net.Socket; received: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  socket.write(bytes);
  const received = new Promise<string>((resolve, reject) => {
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
  return { socket, received };
}

t.test('a request that arrives once closing has begun gets a 503 SHUTTING_DOWN problem, not Fastify\'s own body', async (t) => {
  let letGo: () => void = () => {};
  const held = new Promise<void>((resolve) => (letGo = resolve));
  let entered: () => void = () => {};
  const inFlight = new Promise<void>((resolve) => (entered = resolve));
  const { app } = await buildTestApp(t, {
    beforeReady: (app) => {
      app.get('/test/slow', async () => {
        entered();
        await held;
        return { done: true };
      });
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as net.AddressInfo).port;
  // A keep-alive connection with a request in flight; the next request on it is sent once closing has begun.
  const { socket, received } = rawExchange(port, 'GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n');
  await inFlight;
  const closed = app.close();
  await new Promise((r) => setTimeout(r, 100));
  socket.write('GET /v1/competitions HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((r) => setTimeout(r, 100));
  letGo();
  await closed;
  const answers = await received;
  t.match(answers, /^HTTP\/1\.1 200 OK/, 'the request in flight completed');
  const second = answers.slice(answers.indexOf('HTTP/1.1', 10));
  t.match(second, /^HTTP\/1\.1 503 /);
  t.match(second, /content-type: application\/problem\+json/i);
  t.match(second, /retry-after: 5/i);
  t.match(second, /"code":"SHUTTING_DOWN"/);
});

t.test('right after a start, a first event-loop sample of "no measurement" does not shed load', async (t) => {
  const { app } = await buildTestApp(t, { env: { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '200' } });
  // Block the loop for longer than under-pressure's sample interval, as start-up work does: the
  // histogram gets no sample and under-pressure reports the delay as Infinity.
  const until = Date.now() + 1_500;
  while (Date.now() < until) {
    // busy
  }
  await new Promise((r) => setTimeout(r, 50));
  const ready = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(ready.statusCode, 200, ready.body);
  // A real, finite delay above the bound is still shed.
  const stopAt = Date.now() + 2_500;
  await new Promise<void>((resolve) => {
    const block = () => {
      const end = Date.now() + 400;
      while (Date.now() < end) {
        // busy
      }
      if (Date.now() < stopAt) setImmediate(block);
      else resolve();
    };
    block();
  });
  const shed = await app.inject({ method: 'GET', url: '/v1/competitions' });
  t.equal(shed.statusCode, 503, 'measured delay above the bound sheds');
  t.equal(shed.json().code, 'SERVICE_UNAVAILABLE');
});

t.test('a socket that dribbles its body is closed once REQUEST_TIMEOUT_MS has passed', async (t) => {
  const { app } = await buildTestApp(t, { env: { REQUEST_TIMEOUT_MS: '1000' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as net.AddressInfo).port;
  const started = Date.now();
  const { socket, received } = rawExchange(
    port,
    'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
  );
  const dribble = setInterval(() => socket.writable && socket.write(' '), 100);
  const answer = await received.finally(() => clearInterval(dribble));
  const took = Date.now() - started;
  t.match(answer, /^HTTP\/1\.1 408 /, 'answered 408 Request Timeout');
  t.ok(took >= 900 && took < 5_000, `closed after ${took} ms`);
});
