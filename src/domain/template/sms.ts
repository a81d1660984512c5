// What an SMS costs: its encoding (GSM 03.38's 7-bit alphabet, or UCS-2 as soon as one character
// is outside it), its length in that encoding and its number of parts. One part holds 160 GSM-7
// septets or 70 UCS-2 units; a longer message is cut into parts of 153 or 67 (each part's header
// takes the rest), and a part never splits an escaped GSM character nor a surrogate pair. And
// whether a marketing SMS carries the opt-out French operators require (« STOP au 36111 »).

/** GSM 03.38's default alphabet (one septet each); 0x1B, the escape, is not a character. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Its extension table: each costs two septets (the escape, then the character). */
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

export interface SmsCount {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  /** Characters as a reader counts them. */
  characters: number;
  parts: number;
  /** What one part holds at this length: 160 or 153, 70 or 67. */
  per_part: number;
  /** Units left in the last part before another is needed. */
  remaining: number;
  /** Characters from the extension table, two septets each (GSM-7 only). */
  extension_characters: number;
  /** The distinct characters that forced UCS-2, in order of appearance (at most 20). */
  ucs2_characters: string[];
}

/** Each character's cost in the encoding: 1 or 2 septets, or 1 or 2 UTF-16 units. */
function costs(text: string): { encoding: 'gsm7' | 'ucs2'; costs: number[]; forcing: string[] } {
  const chars = [...text];
  const forcing: string[] = [];
  for (const c of chars) {
    if (!GSM_BASIC.has(c) && !GSM_EXTENSION.has(c) && !forcing.includes(c) && forcing.length < 20) {
      forcing.push(c);
    }
  }
  if (forcing.length === 0) {
    return { encoding: 'gsm7', costs: chars.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1)), forcing };
  }
  return { encoding: 'ucs2', costs: chars.map((c) => c.length), forcing };
}

/** Parts of `size` units filled in order, a character never split across two parts. */
function partsOf(costs: readonly number[], size: number): { parts: number; lastFill: number } {
  let parts = 1;
  let fill = 0;
  for (const cost of costs) {
    if (fill + cost > size) {
      parts += 1;
      fill = 0;
    }
    fill += cost;
  }
  return { parts, lastFill: fill };
}

export function smsCount(text: string): SmsCount {
  const { encoding, costs: each, forcing } = costs(text);
  const units = each.reduce((sum, c) => sum + c, 0);
  const limits = SMS_LIMITS[encoding];
  const base = {
    encoding,
    units,
    characters: each.length,
    extension_characters: encoding === 'gsm7' ? each.filter((c) => c === 2).length : 0,
    ucs2_characters: forcing,
  };
  if (units <= limits.single) {
    return { ...base, parts: 1, per_part: limits.single, remaining: limits.single - units };
  }
  const { parts, lastFill } = partsOf(each, limits.part);
  return { ...base, parts, per_part: limits.part, remaining: limits.part - lastFill };
}

/**
 * « STOP au 36111 », « STOP SMS 36173 », « Stop : 36 180 »: the word STOP, then a short number of
 * five digits. French operators require it on every marketing SMS.
 */
const STOP_MENTION =
  /(?:^|[^\p{L}\p{N}])STOP(?:\s*(?:SMS|au|:|-|\u2013))*\s*\d{2}\s?\d{3}(?!\p{N})/iu;

export function hasStopMention(text: string): boolean {
  return STOP_MENTION.test(text);
}
