// The first start of a server with no user (decision 035): an admin named "admin" with a random
// password, which the server prints once; with TACT_BOOTSTRAP_TOKEN set, also an admin API token of
// that value, so that a script can set a server up with no one at the keyboard. Once a user
// exists, neither happens again.
import type { PasswordHasher } from './access.ts';
import { randomToken, type Accounts } from './accounts.ts';
import { createUser, newToken } from '../routes/auth.ts';

export const FIRST_ADMIN_LOGIN = 'admin';
/** A bootstrap token this short would be guessable. */
const MIN_BOOTSTRAP_TOKEN = 24;

export interface FirstAdmin {
  login: string;
  password: string;
  bootstrapToken: boolean;
}

export async function firstStart(
  accounts: Accounts,
  passwords: PasswordHasher,
  options: { bootstrapToken: string | undefined; now: number },
): Promise<FirstAdmin | null> {
  if (accounts.userCount() > 0) return null;
  const token = options.bootstrapToken?.trim() ?? '';
  if (token !== '' && token.length < MIN_BOOTSTRAP_TOKEN)
    throw new Error(
      `TACT_BOOTSTRAP_TOKEN must be at least ${MIN_BOOTSTRAP_TOKEN} characters (it is an admin's key).`,
    );
  // 18 random bytes: 24 characters of base64url, 144 bits.
  const password = randomToken(18);
  await createUser(
    accounts,
    passwords,
    { login: FIRST_ADMIN_LOGIN, name: 'Admin', role: 'admin', password },
    options.now,
  );
  if (token !== '') {
    const { record } = await newToken('bootstrap', 'admin', FIRST_ADMIN_LOGIN, options.now, token);
    await accounts.putToken(record);
  }
  return { login: FIRST_ADMIN_LOGIN, password, bootstrapToken: token !== '' };
}
