// Personal data masked for those not allowed to see it (a viewer, decision 036): names to their
// initial, e-mail addresses and phone numbers partly hidden, identifiers but their last characters,
// the date of birth withheld (with initials and a postcode it would single a customer out).
// Enough to tell two customers apart on a screen and to check a list's shape; not enough to
// contact or identify anyone. Pure: the server applies it to what it sends a viewer, and to a
// history before a message is rendered for one.
import type { CustomerHistory } from './history.ts';
import type { Customer, Identity, IdentityKind } from './schema.ts';

export const MASK = '•';
const HIDDEN = MASK.repeat(3);

/** The first character (a whole code point: an emoji is not split), or "" for none. */
const firstOf = (text: string) => [...text].slice(0, 1).join('');

/** "Camille" → "C.", "Jean-Pierre" → "J.", "  " → "", null stays null. */
export function maskName(name: string): string;
export function maskName(name: string | null): string | null;
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const first = firstOf(name.trim());
  return first === '' ? '' : `${first.toLocaleUpperCase('fr')}.`;
}

/**
 * "camille.roux@example.fr" → "c•••@e•••.fr": the first character of the local part and of the
 * domain, and the top-level domain. Something that is not an address keeps its first character.
 */
export function maskEmail(email: string): string;
export function maskEmail(email: string | null): string | null;
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const text = email.trim();
  if (text === '') return '';
  // The local part's first character is the text's.
  const head = `${firstOf(text)}${HIDDEN}`;
  const at = text.lastIndexOf('@');
  if (at <= 0) return head;
  const domain = text.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  if (dot <= 0) return `${head}@${HIDDEN}`;
  return `${head}@${firstOf(domain)}${HIDDEN}${domain.slice(dot)}`;
}

/**
 * "+33612345678" → "+33•••••••78": after a "+", the first two digits (the country code), then
 * every digit hidden but the last two; separators are kept as they were.
 */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null): string | null;
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const isDigit = (c: string) => c >= '0' && c <= '9';
  const chars = [...phone];
  const total = chars.filter(isDigit).length;
  const international = phone.trimStart().startsWith('+');
  let seen = 0;
  return chars
    .map((c) => {
      if (!isDigit(c)) return c;
      seen += 1;
      const countryCode = international && seen <= 2;
      return countryCode || seen > total - 2 ? c : MASK;
    })
    .join('');
}

/** The last `keep` characters of an identifier, the rest hidden. */
export function maskTail(value: string, keep = 4): string {
  const chars = [...value];
  if (chars.length <= keep) return MASK.repeat(chars.length);
  return `${HIDDEN}${chars.slice(-keep).join('')}`;
}

export function maskIdentityValue(kind: IdentityKind | string, value: string): string {
  if (kind === 'email') return maskEmail(value);
  if (kind === 'phone') return maskPhone(value);
  return maskTail(value);
}

export function maskCustomer(customer: Customer): Customer {
  return maskPerson(customer);
}

export function maskIdentity(identity: Identity): Identity {
  return { ...identity, value: maskIdentityValue(identity.kind, identity.value) };
}

/** The personal fields a row of a list may hold (a member, a recipient, a search hit). */
interface PersonFields {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  birth_date?: string | null;
}

/** The row with those of its personal fields it has masked, the rest as it was. */
export function maskPerson<T extends PersonFields>(row: T): T {
  return {
    ...row,
    ...(row.first_name === undefined ? {} : { first_name: maskName(row.first_name) }),
    ...(row.last_name === undefined ? {} : { last_name: maskName(row.last_name) }),
    ...(row.email === undefined ? {} : { email: maskEmail(row.email) }),
    ...(row.phone === undefined ? {} : { phone: maskPhone(row.phone) }),
    ...(row.birth_date === undefined ? {} : { birth_date: null }),
  };
}

/** The same history with its customer's personal data and identities masked. */
export function maskHistory(history: CustomerHistory): CustomerHistory {
  return {
    ...history,
    customer: maskCustomer(history.customer),
    identities: history.identities.map(maskIdentity),
  };
}

/**
 * Masks, in any JSON value, the strings under the keys that hold personal data wherever they are
 * (`first_name`, `last_name`, `email`, `phone`; `birth_date` withheld), and the `value` of an
 * object whose `kind` (or `identity_kind`, in a verdict's evidence) is an identity's: the backstop
 * for every answer a viewer gets, whatever route made it. Numbers and objects under those keys (a
 * count of e-mail reachable customers) are left as they are.
 */
export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  const kind = kindOf(value);
  for (const [key, field] of Object.entries(value)) {
    out[key] = typeof field === 'string' ? maskField(key, field, kind) : maskJson(field);
  }
  return out;
}

/**
 * What an object says it is, "" for nothing: an identity as evidence names its own kind apart
 * ({ kind: 'identity', identity_kind, value }).
 */
function kindOf(value: object): string {
  for (const key of ['identity_kind', 'kind']) {
    const named: unknown = Reflect.get(value, key);
    if (typeof named === 'string') return named;
  }
  return '';
}

const IDENTITY_KINDS: ReadonlySet<string> = new Set([
  'email',
  'phone',
  'loyalty_card',
  'web_cookie',
  'app_device',
  'social',
  // A search hit matched on a name.
  'name',
]);

function maskField(key: string, field: string, kind: string): string | null {
  if (key === 'first_name' || key === 'last_name') return maskName(field);
  if (key === 'email') return maskEmail(field);
  if (key === 'phone') return maskPhone(field);
  if (key === 'birth_date') return null;
  if (key === 'value' && IDENTITY_KINDS.has(kind)) {
    return kind === 'name' ? maskFullName(field) : maskIdentityValue(kind, field);
  }
  return field;
}

/** "Camille Roux" → "C. R.". */
export function maskFullName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((part) => maskName(part))
    .join(' ');
}
