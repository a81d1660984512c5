// Sign-in, users and API tokens (decision 035). Three roles, each allowed what the one before is:
// a viewer reads (personal data masked), an editor also changes segments, campaigns and audits and
// exports, an admin also manages users, tokens, the guardrail policy and the models.
import { z } from 'zod';

import { role } from './session.ts';

export { ROLES, role, sessionResponse, type Role, type SessionResponse } from './session.ts';

const login = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'A login is at least 2 characters.')
  .max(120, 'A login is at most 120 characters.')
  .regex(
    /^[a-z0-9][a-z0-9._@+-]*$/,
    'A login is letters, digits and . _ @ + - (it starts with a letter or a digit).',
  );
const displayName = z
  .string()
  .trim()
  .min(1, 'A name is at least one character.')
  .max(120, 'A name is at most 120 characters.');
/** Long rather than clever (NIST SP 800-63B): 12 characters at least, any characters. */
export const PASSWORD_MIN = 12;
const password = z
  .string()
  .min(PASSWORD_MIN, `A password is at least ${PASSWORD_MIN} characters.`)
  .max(200, 'A password is at most 200 characters.');

export const signInRequest = z.strictObject({
  login: z.string().trim().toLowerCase().min(1, 'Give your login.').max(120),
  password: z.string().min(1, 'Give your password.').max(200),
});
export type SignInRequest = z.infer<typeof signInRequest>;

export const userSummary = z.object({
  user_id: z.string(),
  login: z.string(),
  name: z.string(),
  role,
  disabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const changePasswordRequest = z.strictObject({
  current: z.string().min(1, 'Give your current password.').max(200),
  next: password,
});

export const createUserRequest = z.strictObject({
  login,
  name: displayName,
  role,
  password,
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

export const updateUserRequest = z.strictObject({
  name: displayName.optional(),
  role: role.optional(),
  /** A new password (the user's sessions end). */
  password: password.optional(),
  /** A disabled user cannot sign in; their sessions and nothing else end. */
  disabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const usersResponse = z.object({ users: z.array(userSummary) });

export const tokenSummary = z.object({
  token_id: z.string(),
  name: z.string(),
  role,
  created_by: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type TokenSummary = z.infer<typeof tokenSummary>;

export const createTokenRequest = z.strictObject({
  name: displayName,
  role,
});

/** The token itself is in this answer only: it is stored hashed. */
export const createdToken = tokenSummary.extend({ token: z.string() });
export const tokensResponse = z.object({ tokens: z.array(tokenSummary) });
