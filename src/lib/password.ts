import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Piscina } from 'piscina';
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

export interface PasswordHashingLimits {
  /** Hashing threads, each running one scrypt at a time (~128 MiB each at cost 17). */
  concurrency: number;
  /** Requests allowed to wait for a thread; more are refused at once with 503 `AUTH_BUSY`. */
  maxQueued: number;
  /** A request whose hash has not finished within this (waiting included) is refused with 503 `AUTH_BUSY`. */
  maxWaitMs: number;
  /** The threads' niceness increment (0 = normal, 19 = lowest); ignored where the OS has no per-thread priority. */
  nice: number;
  /**
   * Hashes started in any one second, at most (0: no limit). scrypt is memory-hard: 128 MiB per
   * hash at cost 17 takes the memory bandwidth and caches the rest of the server needs, which a
   * lower CPU priority does not give back; only fewer hashes do.
   */
  maxPerSecond?: number;
  /**
   * A login refused before any work is answered this late (0: at once), for at most
   * `maxHeldRefusals` at a time. A client that waits for each answer before its next try (as
   * HTTP clients do) is slowed to one try per delay per connection, so a flood costs a timer
   * per connection instead of a request cycle per millisecond; a refusal says 503 either way.
   */
  refusalDelayMs?: number;
  /** Refusals held at once, at most (default 1000); more are answered at once. Each costs a timer and a socket. */
  maxHeldRefusals?: number;
}

export const DEFAULT_HASHING_LIMITS: PasswordHashingLimits = { concurrency: 2, maxQueued: 8, maxWaitMs: 5000, nice: 10 };

/** Threads idle this long exit; the next hash starts one again (tests build many apps). */
const IDLE_EXIT_MS = 30_000;

function busy(): AppError {
  return new AppError(503, 'AUTH_BUSY', 'Too many password checks are waiting; retry in a second', {}, { 'retry-after': '1' });
}

interface DeriveTask {
  password: string;
  salt: Uint8Array;
  keyLength: number;
  options: ScryptOptions;
}

/** Plain JavaScript beside this module, in src/ and (copied by the build) in dist/. */
const workerFile = new URL('./password.worker.mjs', import.meta.url).href;

/**
 * Password hashing with a cap, on a piscina pool of its own: `concurrency` threads off libuv's
 * four-thread pool (which the receipts' signing and file I/O share), at a lower CPU priority
 * (piscina's `niceIncrement`), a bounded FIFO queue, and 503 `AUTH_BUSY` with `Retry-After: 1`
 * beyond it. A check not finished within `maxWaitMs`, waiting included, is aborted (piscina
 * ends a running task's thread and starts another), so a login gets an answer within that bound
 * plus its database round trips, whatever the flood.
 */
export function createPasswordHasher(limits: PasswordHashingLimits = DEFAULT_HASHING_LIMITS) {
  const pool = new Piscina<DeriveTask, Uint8Array>({
    filename: workerFile,
    minThreads: 0,
    maxThreads: limits.concurrency,
    concurrentTasksPerWorker: 1,
    idleTimeout: IDLE_EXIT_MS,
    niceIncrement: limits.nice,
    // No loaders (tsx, tap's TypeScript) in the thread: it starts in milliseconds and needs none.
    execArgv: [],
  });

  // Piscina queues; how many may be running or waiting at once is counted here, so the cap holds
  // exactly even for checks that arrive in the same tick (piscina's own maxQueue counts later).
  let inFlight = 0;
  let heldRefusals = 0;
  const started: number[] = [];
  /** Whether a hash could start now (queue and per-second budget), without taking it. */
  const hasRoom = (now: number) => {
    while (started.length > 0 && now - started[0]! >= 1000) started.shift();
    return inFlight < limits.concurrency + limits.maxQueued && (!limits.maxPerSecond || started.length < limits.maxPerSecond);
  };
  const derive: Derive = async (password, salt, keyLength, options) => {
    const now = performance.now();
    if (!hasRoom(now)) throw busy();
    if (limits.maxPerSecond) started.push(now);
    inFlight++;
    try {
      const key = await pool.run({ password, salt, keyLength, options }, { signal: AbortSignal.timeout(limits.maxWaitMs) });
      return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'AbortError' || name === 'TimeoutError') throw busy();
      throw err;
    } finally {
      inFlight--;
    }
  };

  return {
    hash: (password: string, cost: number) => hashWith(derive, password, cost),
    verify: (password: string, stored: string) => verifyWith(derive, password, stored),
    /**
     * Refuses (503 AUTH_BUSY, after `refusalDelayMs`) when a hash could not start now: a login
     * checks this before any database work, so a flood beyond the budget costs a parse, a timer
     * and an answer, not a round trip.
     */
    refuseIfBusy: async () => {
      if (hasRoom(performance.now())) return;
      if (limits.refusalDelayMs && heldRefusals < (limits.maxHeldRefusals ?? 1000)) {
        heldRefusals++;
        try {
          await sleep(limits.refusalDelayMs);
        } finally {
          heldRefusals--;
        }
      }
      throw busy();
    },
    /** Hashes running and waiting (for tests and metrics). */
    load: () => ({ running: Math.min(inFlight, limits.concurrency), queued: Math.max(0, inFlight - limits.concurrency), heldRefusals }),
    close: () => pool.close(),
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
