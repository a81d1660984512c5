// Password hashes with argon2id (@node-rs/argon2), OWASP's parameters: 19 MiB, 2 passes, 1 lane.
// Node only: the browser's demo has no passwords.
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from './access.ts';

const ARGON2ID = 2;

export const argon2Passwords: PasswordHasher = {
  hash: (password) =>
    hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      // A malformed stored hash verifies nothing.
      return false;
    }
  },
};
