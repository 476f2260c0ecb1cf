// The password-hashing thread's one task, run by piscina from src/lib/password.ts. Plain
// JavaScript, so the thread starts without a TypeScript loader (the build copies it to dist/).
import { scryptSync } from 'node:crypto';

/** @param {{ password: string, salt: Uint8Array, keyLength: number, options: import('node:crypto').ScryptOptions }} task */
export default function derive({ password, salt, keyLength, options }) {
  return scryptSync(password, salt, keyLength, options);
}
