// Whether a value is fit to greet someone with. Names come from web forms, tills and imports, and
// carry what people type when they do not want to say ("XXX", "test", "."), what a till keeps
// ("DUPONT"), or the e-mail address's local part; a salutation built on them embarrasses the brand,
// so they fall back to the template's `default` (filters.ts) like an empty value does.
import type { JunkReason } from './codes.ts';

export { junkReasons, type JunkReason } from './codes.ts';

/** Stand-ins, compared without case, accents or punctuation. */
const PLACEHOLDERS = new Set([
  'test',
  'tests',
  'testing',
  'essai',
  'demo',
  'toto',
  'azerty',
  'qwerty',
  'asdf',
  'nom',
  'prenom',
  'name',
  'firstname',
  'first name',
  'lastname',
  'last name',
  'client',
  'cliente',
  'customer',
  'inconnu',
  'inconnue',
  'unknown',
  'anonyme',
  'anonymous',
  'null',
  'undefined',
  'none',
  'nc',
  'na',
  'n a',
  'nd',
  'madame',
  'monsieur',
  'mme',
  'mr',
  'mlle',
]);

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

function normalised(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface SalutationCheck {
  /** The local parts of the customer's e-mail addresses, lower-cased. */
  emailLocalParts: readonly string[];
  /** The template asks for normal case (`capitalize`): capitals are then fine. */
  capitalised: boolean;
}

/**
 * Why a customer's first name cannot greet them as written (lower case or capitals alike), or null
 * when it can: the data quality dashboard's "first name usable" and the segment engine's check of
 * the same name judge by this one function.
 */
export function firstNameJunk(firstName: string | null, email: string | null): JunkReason | null {
  const at = email === null ? -1 : email.indexOf('@');
  const local = email === null ? [] : [(at < 0 ? email : email.slice(0, at)).trim().toLowerCase()];
  return salutationJunk(firstName, { emailLocalParts: local, capitalised: false });
}

/**
 * The SQL function the DuckDB store registers (server/stores/duckdb-quality.ts) to run
 * firstNameJunk in its statements: (first_name, email) → the reason, NULL when usable.
 */
export const FIRST_NAME_JUNK_SQL = 'tact_first_name_junk';

/** Why `value` cannot greet someone, or null when it can. */
export function salutationJunk(value: unknown, check: SalutationCheck): JunkReason | null {
  if (value === null || value === undefined) return 'missing';
  if (typeof value === 'number') return 'digits';
  if (typeof value !== 'string') return 'missing';
  const text = value.trim();
  if (text === '') return 'empty';
  const lower = text.toLowerCase();
  if (text.includes('@') || check.emailLocalParts.includes(lower)) return 'email_local_part';
  if (/\p{N}/u.test(text)) return 'digits';
  const letters = [...text].filter((c) => LETTER.test(c));
  if (letters.length === 0) return 'no_letters';
  const plain = normalised(text);
  if (
    PLACEHOLDERS.has(plain) ||
    PLACEHOLDERS.has(plain.replace(/ /g, '')) ||
    /^x{2,}$/.test(plain)
  ) {
    return 'placeholder';
  }
  if (letters.length >= 3 && new Set(letters.map((c) => c.toLowerCase())).size === 1) {
    return 'placeholder';
  }
  // Scripts without case (Chinese, Arabic…) have no initials and no capitals to judge.
  const cased = letters.filter((c) => LOWER.test(c) || UPPER.test(c));
  if (letters.length === 1 && cased.length === 1) return 'single_letter';
  if (!check.capitalised && cased.length >= 2 && !cased.some((c) => LOWER.test(c))) {
    return 'all_capitals';
  }
  return null;
}

/** Whether a value renders as nothing: no value, white space, false, or an empty list. */
export function rendersEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * A name in normal case: each part of a compound name (space, hyphen, apostrophe) starts with a
 * capital and goes on in lower case: « JEAN-PIERRE D'ALBRET » → « Jean-Pierre D'Albret ».
 */
export function nameCase(text: string): string {
  return text
    .toLowerCase()
    .replace(
      /(^|[\s\-'’])(\p{Ll})/gu,
      (_, sep: string, letter: string) => sep + letter.toUpperCase(),
    );
}
