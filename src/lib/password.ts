import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from './errors.js';

const scrypt = promisify<string, Buffer, number, ScryptOptions, Buffer>(scryptCb);

/** OWASP Password Storage Cheat Sheet (2025): scrypt N=2^17, r=8, p=1. The cost is log2(N). */
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function options(cost: number): ScryptOptions {
  const n = 2 ** cost;
  return { N: n, r: R, p: P, maxmem: 256 * n * R };
}

type Derive = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) => Promise<Buffer>;

/** Format: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url), so parameters can rise over time. */
async function hashWith(derive: Derive, password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password.normalize('NFKC'), salt, KEY_LENGTH, options(cost));
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

async function verifyWith(derive: Derive, password: string, stored: string): Promise<boolean> {
  const [alg, cost, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !cost || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const n = 2 ** Number(cost);
  const actual = await derive(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: n,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * n * Number(r),
  });
  return timingSafeEqual(actual, expected);
}

/** On libuv's shared thread pool, unlimited: for scripts and tests, not for the server (see `createPasswordHasher`). */
export const hashPassword = (password: string, cost: number) => hashWith(scrypt, password, cost);
export const verifyPassword = (password: string, stored: string) => verifyWith(scrypt, password, stored);

export function needsRehash(stored: string, cost: number): boolean {
  const [alg, storedCost, r, p] = stored.split('$');
  return alg !== 'scrypt' || Number(storedCost) < cost || Number(r) !== R || Number(p) !== P;
}

/**
 * The hashing thread: scryptSync on a thread of its own, at a lower CPU priority (Linux applies
 * `nice` per thread; `/proc/thread-self` names this one), so a flood of logins uses the CPU the
 * submit path leaves idle instead of taking it. Plain JS evaluated as a worker: no loader needed
 * under tsx or from dist/.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, workerData.nice);
} catch {}
parentPort.on('message', ({ id, password, salt, keyLength, options }) => {
  try {
    parentPort.postMessage({ id, key: new Uint8Array(scryptSync(password, salt, keyLength, options)) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message) });
  }
});
`;

export interface PasswordHashingLimits {
  /** Hashing threads, each running one scrypt at a time (~128 MiB each at cost 17). */
  concurrency: number;
  /** Requests allowed to wait for a thread; more are refused at once with 503 `AUTH_BUSY`. */
  maxQueued: number;
  /** A request that gets no thread within this, or whose hash then runs longer, is refused with 503 `AUTH_BUSY`. */
  maxWaitMs: number;
  /** The threads' niceness (0 = normal, 19 = lowest); ignored where the OS has no per-thread priority. */
  nice: number;
}

export const DEFAULT_HASHING_LIMITS: PasswordHashingLimits = { concurrency: 2, maxQueued: 8, maxWaitMs: 5000, nice: 10 };

/** Threads idle this long exit; the next hash starts one again (tests build many apps). */
const IDLE_EXIT_MS = 30_000;

function busy(): AppError {
  return new AppError(503, 'AUTH_BUSY', 'Too many password checks are waiting; retry in a second', {}, { 'retry-after': '1' });
}

interface Job {
  password: string;
  salt: Buffer;
  keyLength: number;
  options: ScryptOptions;
  resolve(key: Buffer): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  idle: NodeJS.Timeout | undefined;
  /** Ends a hash that runs longer than `maxWaitMs` (a starved thread): the thread is replaced. */
  overrun: NodeJS.Timeout | undefined;
}

/**
 * Password hashing with a cap: `concurrency` dedicated threads (off libuv's four-thread pool,
 * which the receipts' Ed25519 signing and file I/O share), a bounded FIFO wait queue, and a
 * 503 `AUTH_BUSY` with `Retry-After: 1` beyond it. A login therefore gets an answer within
 * 2 × `maxWaitMs` (waiting, then hashing) plus its database round trips, whatever the flood. Hand-written (~80 lines) because the pool
 * libraries that fit (piscina, p-limit) are not dependencies and the job is one function.
 */
export function createPasswordHasher(limits: PasswordHashingLimits = DEFAULT_HASHING_LIMITS) {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  const pending = new Map<number, Job>();

  function spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { nice: limits.nice } });
    worker.unref();
    const slot: Slot = { worker, job: undefined, idle: undefined, overrun: undefined };
    worker.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => {
      const job = pending.get(message.id);
      pending.delete(message.id);
      if (slot.overrun) clearTimeout(slot.overrun);
      slot.job = undefined;
      if (job) {
        if (message.key) job.resolve(Buffer.from(message.key));
        else job.reject(new Error(message.error ?? 'scrypt failed'));
      }
      next(slot);
    });
    const lost = (err: Error) => {
      slots.splice(slots.indexOf(slot), 1);
      if (slot.idle) clearTimeout(slot.idle);
      if (slot.overrun) clearTimeout(slot.overrun);
      for (const [id, job] of pending) if (job === slot.job) pending.delete(id);
      slot.job?.reject(err);
      slot.job = undefined;
      if (queue.length > 0) next(spawn());
    };
    worker.once('error', lost);
    worker.once('exit', () => {
      if (slots.includes(slot)) lost(new Error('password hashing thread exited'));
    });
    slots.push(slot);
    return slot;
  }

  function run(slot: Slot, job: Job) {
    if (job.timer) clearTimeout(job.timer);
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    slot.job = job;
    const id = nextId++;
    pending.set(id, job);
    slot.worker.postMessage({ id, password: job.password, salt: job.salt, keyLength: job.keyLength, options: job.options });
    slot.overrun = setTimeout(() => {
      // A bounded answer beats a finished hash: the caller gets 503 and the thread is replaced.
      pending.delete(id);
      slots.splice(slots.indexOf(slot), 1);
      slot.job?.reject(busy());
      slot.job = undefined;
      void slot.worker.terminate();
      if (queue.length > 0) next(spawn());
    }, limits.maxWaitMs).unref();
  }

  function next(slot: Slot) {
    const job = queue.shift();
    if (job) return run(slot, job);
    slot.idle = setTimeout(() => {
      slots.splice(slots.indexOf(slot), 1);
      void slot.worker.terminate();
    }, IDLE_EXIT_MS).unref();
  }

  const derive: Derive = (password, salt, keyLength, scryptOptions) =>
    new Promise<Buffer>((resolve, reject) => {
      const job: Job = { password, salt, keyLength, options: scryptOptions, resolve, reject };
      const free = slots.find((s) => s.job === undefined);
      if (free) return run(free, job);
      if (slots.length < limits.concurrency) return run(spawn(), job);
      if (queue.length >= limits.maxQueued) return reject(busy());
      job.timer = setTimeout(() => {
        queue.splice(queue.indexOf(job), 1);
        reject(busy());
      }, limits.maxWaitMs).unref();
      queue.push(job);
    });

  return {
    hash: (password: string, cost: number) => hashWith(derive, password, cost),
    verify: (password: string, stored: string) => verifyWith(derive, password, stored),
    /** Hashes running and waiting (for tests and metrics). */
    load: () => ({ running: slots.filter((s) => s.job !== undefined).length, queued: queue.length }),
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

let common: Set<string> | undefined;

export const MIN_PASSWORD_LENGTH = 12;

/** Problems with a new password; empty when it is acceptable (NIST 800-63B: length and a blocklist). */
export function passwordProblems(password: string, context: string[] = []): string[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if ([...password].length > 256) problems.push('must be at most 256 characters');
  common ??= new Set(dictionary['passwords-common'] as string[]);
  const lower = password.toLowerCase();
  if (common.has(lower)) problems.push('is one of the most commonly used passwords');
  else if (context.some((c) => c.length >= 4 && lower.includes(c.toLowerCase()))) problems.push('must not contain your email or name');
  return problems;
}
