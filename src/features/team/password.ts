// The passwords an admin makes to pass on (a new user's, a reset): random, long, easy to read out.

/** No 0 O 1 I l: nothing to confuse when the password is read out or copied by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const LENGTH = 20;
const GROUP = 5;

/**
 * 20 characters drawn uniformly from 57 (about 116 bits) by the browser's cryptographic source,
 * in groups of five joined by hyphens: 23 characters in all.
 */
export function generatePassword(): string {
  // Bytes at or above the largest multiple of the alphabet's size are drawn again: no bias.
  const limit = 256 - (256 % ALPHABET.length);
  const drawn: string[] = [];
  while (drawn.length < LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(LENGTH * 2))) {
      if (byte < limit && drawn.length < LENGTH)
        drawn.push(ALPHABET.charAt(byte % ALPHABET.length));
    }
  }
  const groups: string[] = [];
  for (let at = 0; at < LENGTH; at += GROUP) groups.push(drawn.slice(at, at + GROUP).join(''));
  return groups.join('-');
}
