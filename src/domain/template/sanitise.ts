// Email HTML as it may reach a preview or an inbox: the tags and attributes an e-mail needs, inline
// styles without remote content but https: images, and every href, src, background and cite
// checked by links.ts (a failing one is removed and reported). sanitize-html parses with
// htmlparser2, in plain JavaScript: the server and the browser give the same answer
// (docs/decisions/016-template-sanitising.md).
import sanitizeHtml from 'sanitize-html';
import { linkVerdict, type RemovedLinkReason } from './links.ts';

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'address',
  'b',
  'bdi',
  'bdo',
  'big',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
  'wbr',
];
const allowedTags = new Set(ALLOWED_TAGS);

/** A document's scaffolding: dropped without a word, the body's content kept. */
const SCAFFOLDING = new Set(['html', 'head', 'body', 'meta', 'title']);

/** Elements whose content goes with them (never shown as text). */
const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'title',
  'template',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'object',
  'svg',
  'math',
  'select',
  'head',
];

/** The attributes that hold an address: each is checked, and removed when it fails. */
export const LINK_ATTRIBUTES = ['href', 'src', 'background', 'cite'] as const;

const SHARED_ATTRIBUTES = [
  'style',
  'class',
  'id',
  'align',
  'valign',
  'width',
  'height',
  'dir',
  'lang',
  'title',
  'role',
  'bgcolor',
  'border',
  'aria-*',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': SHARED_ATTRIBUTES,
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'alt'],
  table: ['cellpadding', 'cellspacing', 'background'],
  td: ['colspan', 'rowspan', 'background', 'nowrap', 'scope'],
  th: ['colspan', 'rowspan', 'background', 'nowrap', 'scope'],
  font: ['color', 'face', 'size'],
  col: ['span'],
  colgroup: ['span'],
  ol: ['start', 'type'],
  ul: ['type'],
  li: ['value'],
  blockquote: ['cite'],
  q: ['cite'],
};

/**
 * A style value without any function that fetches or computes (url(), image-set(), var(),
 * expression()…), escapes or at-rules: colours, lengths, keywords, rgb() and calc().
 */
const SAFE_STYLE_VALUE =
  /^(?![\s\S]*(?:url|expression|image-set|image|element|attr|var|env|paint|cross-fade)\s*\()[-\w\s#%.,'"!/+*()]*$/i;
/** A background image from an https: address, and nothing else. */
const HTTPS_IMAGE = /^url\(\s*(['"]?)https:\/\/[^\s'"()\\]+\1\s*\)$/i;

const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'background',
  'background-position',
  'background-repeat',
  'background-size',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-color',
  'border-width',
  'border-style',
  'border-radius',
  'border-collapse',
  'border-spacing',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'width',
  'min-width',
  'max-width',
  'height',
  'min-height',
  'max-height',
  'font',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'line-height',
  'letter-spacing',
  'text-align',
  'text-decoration',
  'text-transform',
  'text-indent',
  'vertical-align',
  'white-space',
  'word-break',
  'word-wrap',
  'overflow-wrap',
  'overflow',
  'display',
  'visibility',
  'opacity',
  'table-layout',
  'list-style',
  'list-style-type',
  'mso-line-height-rule',
  'mso-table-lspace',
  'mso-table-rspace',
  'mso-hide',
];

const ALLOWED_STYLES: Record<string, RegExp[]> = Object.fromEntries(
  STYLE_PROPERTIES.map((p) => [p, [SAFE_STYLE_VALUE]]),
);
ALLOWED_STYLES['background-image'] = [HTTPS_IMAGE, /^none$/i];

/** An address removed from the HTML, with where it was. */
export interface RemovedHtmlLink {
  tag: string;
  attribute: string;
  /** The address as the HTML parser read it (character references decoded). */
  url: string;
  reason: RemovedLinkReason;
  scheme: string | null;
}

export interface SanitisedHtml {
  html: string;
  removedLinks: RemovedHtmlLink[];
  /** Elements the allowlist removed (script, style, iframe, form…), each once, in order. */
  removedTags: string[];
}

/** Deeper elements than this are dropped (their text kept): no e-mail needs them. */
export const HTML_NESTING_LIMIT = 100;

export function sanitiseEmailHtml(dirty: string): SanitisedHtml {
  const removedLinks: RemovedHtmlLink[] = [];
  const removedTags: string[] = [];
  const html = sanitizeHtml(dirty, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: { '*': ALLOWED_STYLES },
    parseStyleAttributes: true,
    allowedSchemes: ['https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: [...LINK_ATTRIBUTES],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    enforceHtmlBoundary: false,
    nestingLimit: HTML_NESTING_LIMIT,
    onOpenTag: (name) => {
      if (!allowedTags.has(name) && !SCAFFOLDING.has(name) && !removedTags.includes(name)) {
        removedTags.push(name);
      }
    },
    transformTags: {
      '*': (tagName, attribs) => {
        const kept: sanitizeHtml.Attributes = {};
        for (const [name, value] of Object.entries(attribs)) {
          const isLink = LINK_ATTRIBUTES.some((a) => a === name);
          const verdict = isLink ? linkVerdict(value) : null;
          if (verdict !== null && !verdict.ok) {
            removedLinks.push({
              tag: tagName,
              attribute: name,
              url: value,
              reason: verdict.reason,
              scheme: verdict.scheme,
            });
          } else {
            kept[name] = value;
          }
        }
        return { tagName, attribs: kept };
      },
    },
  });
  return { html, removedLinks, removedTags };
}
