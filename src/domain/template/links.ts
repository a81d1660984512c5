// Which addresses a message may link to: https: and mailto: only. Everything else is removed and
// reported: script schemes (javascript:, data:, vbscript:, however cased, spaced or entity-encoded),
// protocol-relative addresses (`//evil.example`, which borrow the reader's scheme), plain http:,
// other schemes and relative paths (a message has no page to be relative to).
import type { RemovedLinkReason } from './codes.ts';

export { removedLinkReasons, type RemovedLinkReason } from './codes.ts';

export type LinkVerdict =
  { ok: true; url: string } | { ok: false; reason: RemovedLinkReason; scheme: string | null };

const DANGEROUS = new Set(['javascript', 'data', 'vbscript']);
const ALLOWED = new Set(['https', 'mailto']);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  bsol: '\\',
  amp: '&',
  nbsp: '\u00a0',
};

/**
 * Character references decoded as a browser would in an attribute (numeric with or without the
 * semicolon, and the few named ones that spell a scheme): for addresses that did not come through
 * an HTML parser, such as a web banner's link.
 */
export function decodeReferences(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => fromCodePoint(parseInt(dec, 10)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? whole);
}

function fromCodePoint(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : '\ufffd';
}

/**
 * The address as a browser's URL parser reads it: leading and trailing controls and spaces
 * dropped, tabs and line breaks removed wherever they are.
 */
export function browserView(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** Whether a message may link to `raw` (an attribute value as the HTML parser decoded it). */
export function linkVerdict(raw: string): LinkVerdict {
  const url = browserView(raw);
  if (url === '') return { ok: false, reason: 'empty', scheme: null };
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase() ?? null;
  if (scheme === null) {
    // Browsers read a backslash as a slash in these addresses.
    const protocolRelative = /^[/\\]{2}/.test(url);
    return { ok: false, reason: protocolRelative ? 'protocol_relative' : 'relative', scheme };
  }
  if (ALLOWED.has(scheme)) return { ok: true, url };
  if (DANGEROUS.has(scheme)) return { ok: false, reason: 'dangerous_scheme', scheme };
  if (scheme === 'http') return { ok: false, reason: 'insecure_scheme', scheme };
  return { ok: false, reason: 'unsupported_scheme', scheme };
}
