// Tests that are not about access run as one admin (every route allowed), named so that the
// authors they read are recognisable; server/auth/*.test.ts test the gate itself.
import { fixedAccess } from './access.ts';

export const TEST_ACCESS = fixedAccess('admin', 'Test admin', { login: 'test.admin' });
