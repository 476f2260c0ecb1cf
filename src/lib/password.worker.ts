/** The password-hashing thread's one task (run by piscina from src/lib/password.ts). */
import { scryptSync, type ScryptOptions } from 'node:crypto';

export interface DeriveTask {
  password: string;
  salt: Uint8Array;
  keyLength: number;
  options: ScryptOptions;
}

export default function derive({ password, salt, keyLength, options }: DeriveTask): Uint8Array {
  return scryptSync(password, salt, keyLength, options);
}
