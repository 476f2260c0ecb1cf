import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';

const scrypt = promisify<string, Buffer, number, ScryptOptions, Buffer>(scryptCb);

/** OWASP Password Storage Cheat Sheet (2025): scrypt N=2^17, r=8, p=1. The cost is log2(N). */
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function options(cost: number): ScryptOptions {
  const n = 2 ** cost;
  return { N: n, r: R, p: P, maxmem: 256 * n * R };
}

/** Format: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url), so parameters can rise over time. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options(cost));
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, cost, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !cost || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const n = 2 ** Number(cost);
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: n,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * n * Number(r),
  });
  return timingSafeEqual(actual, expected);
}

export function needsRehash(stored: string, cost: number): boolean {
  const [alg, storedCost, r, p] = stored.split('$');
  return alg !== 'scrypt' || Number(storedCost) < cost || Number(r) !== R || Number(p) !== P;
}

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
