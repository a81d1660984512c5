// The codes templates answer with (why a value fell back, why a link was removed, what a field
// holds): plain lists the API contract reads without loading the modules that apply them.

/** Why a salutation value fell back to `default` (salutation.ts). */
export const junkReasons = [
  /** No value at all. */
  'missing',
  /** Only white space. */
  'empty',
  /** A stand-in: "XXX", "test", "Client", "aaa", "n/a"… */
  'placeholder',
  /** No letter: ".", "-". */
  'no_letters',
  /** One letter, perhaps with a dot: an initial. */
  'single_letter',
  /** Capitals only, and the template did not ask to `capitalize` it. */
  'all_capitals',
  /** The local part of the customer's own e-mail address, or an address. */
  'email_local_part',
  /** Digits: never part of a name. */
  'digits',
] as const;
export type JunkReason = (typeof junkReasons)[number];

/** Why a link was removed from a message (links.ts). */
export const removedLinkReasons = [
  /** javascript:, data:, vbscript:: they run code or carry a document. */
  'dangerous_scheme',
  /** `//host` or a backslash variant: another site, on whatever scheme the reader is on. */
  'protocol_relative',
  /** http:: readable and alterable on the way. */
  'insecure_scheme',
  /** Any other scheme (ftp:, tel:, file:…). */
  'unsupported_scheme',
  /** No scheme: relative to nothing in a message. */
  'relative',
  /** An empty address (a token that rendered nothing). */
  'empty',
] as const;
export type RemovedLinkReason = (typeof removedLinkReasons)[number];

/** What a personalisation field holds (fields.ts). */
export const templateFieldTypes = [
  /** Words; a salutation field's junk values (see `salutation`) fall back to `default`. */
  'text',
  'number',
  /** Integer cents: `{{ offer.price | money }}` reads « 99,99 € ». */
  'money',
  /** An ISO date or instant: `{{ offer.valid_to | date }}` reads « 1 février 2026 ». */
  'date',
  /** An https: or mailto: address. */
  'url',
  /** One of `values`. */
  'enum',
  /** A group of fields: empty (falsy) when there is nothing to say, e.g. no offer. */
  'object',
  /** A list, to loop over with `{% for %}`. */
  'list',
] as const;
export type TemplateFieldType = (typeof templateFieldTypes)[number];
