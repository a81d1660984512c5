// Who is held out of a campaign (receives nothing, to measure what the campaign changed): a pure
// function of the campaign's id and the customer's id, so the same customer is held out of the
// same campaign on every store, at every edit of its content, in every process. Changing the
// share only moves the threshold: raising it keeps everyone held out before.

/** The bytes of a string in UTF-8 (the domain runs where TextEncoder may not be typed). */
function utf8(text: string, out: number[]): void {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) {
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
}

/**
 * 32-bit FNV-1a of the bytes, then MurmurHash3's finaliser: FNV-1a alone mixes the last bytes
 * poorly, and ids that differ only at the end (`c000123`, `c000124`) must land far apart.
 */
function hash32(bytes: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1), uniform over customers, fixed for a campaign and a customer. */
export function holdoutDraw(campaignId: string, customerId: string): number {
  const bytes: number[] = [];
  utf8(campaignId, bytes);
  // A separator no id contains, so ('ab', 'c') and ('a', 'bc') differ.
  bytes.push(0);
  utf8(customerId, bytes);
  return hash32(bytes) / 0x1_0000_0000;
}

/** Whether the customer is held out of the campaign: its draw falls below the holdout share. */
export function inHoldout(campaignId: string, customerId: string, share: number): boolean {
  return holdoutDraw(campaignId, customerId) < share;
}
