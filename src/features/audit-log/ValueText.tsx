// One value of a document or of an entry's details, as text and never as HTML (a template's HTML
// reads as its source): a string quoted, a number in the user's language, yes/no, none, an object
// or a list as JSON. A long one is cut; its full text is in its tooltip and a click away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDecimalInput } from '../../ui/format.ts';

/** Characters shown before a value is cut. */
const SHOWN = 120;

/** The value's text; only a string is quoted, and only "none" is greyed. */
function textOf(t: TFunction<'auditlog'>, value: unknown) {
  if (typeof value === 'string') return { text: value, quotable: true, none: false };
  if (value === null || value === undefined)
    return { text: t('value.null'), quotable: false, none: true };
  const text =
    typeof value === 'number'
      ? formatDecimalInput(value)
      : typeof value === 'boolean'
        ? t(value ? 'value.true' : 'value.false')
        : JSON.stringify(value);
  return { text, quotable: false, none: false };
}

export function ValueText({ value, quoted = true }: { value: unknown; quoted?: boolean }) {
  const { t } = useTranslation('auditlog');
  const [whole, setWhole] = useState(false);
  const { text, quotable, none } = textOf(t, value);
  // By code points, so that an emoji is never cut in half.
  const characters = [...text];
  const long = characters.length > SHOWN;
  const shown = long && !whole ? `${characters.slice(0, SHOWN).join('')}…` : text;
  const body = quoted && quotable ? t('value.text', { text: shown }) : shown;
  return (
    <span className="min-w-0 break-words whitespace-pre-wrap">
      <span
        className={none ? 'text-fg-muted' : undefined}
        title={long && !whole ? text : undefined}
      >
        {body}
      </span>
      {long && (
        <button
          type="button"
          aria-expanded={whole}
          onClick={() => setWhole((w) => !w)}
          className="ml-1 rounded-sm text-sm text-accent-700 hover:underline"
        >
          {whole ? t('value.less') : t('value.more', { count: characters.length })}
        </button>
      )}
    </span>
  );
}

/** The side of a change where the value is not: added (nothing before) or removed (nothing after). */
export function AbsentValue() {
  const { t } = useTranslation('auditlog');
  return <span className="text-fg-subtle italic">{t('value.absent')}</span>;
}
