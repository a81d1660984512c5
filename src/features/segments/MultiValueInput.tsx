// A list of values as chips: type-ahead from the catalogue's known values, Enter or a comma adds,
// a pasted comma (or line) separated list adds every item, Backspace in the empty box removes the
// last chip.
import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Combobox } from '../../ui/Combobox.tsx';
import { hasIssue, useBuilder } from './builder-context.ts';
import { useBuilderWords } from './builder-words.ts';

type Scalar = string | number | boolean;
type Option = { value: string; typed: boolean };

export interface MultiValueProps {
  nodeId: string;
  path: string;
  /** The condition's name, for labels: "Values for City". */
  name: string;
  values: readonly Scalar[];
  onValues: (values: Scalar[]) => void;
  suggestions: readonly string[];
  /** Only the known values make sense (an enum): typed text is not offered as a value. */
  closed: boolean;
  numeric: boolean;
  /** Codes read as words (call_centre → Call centre). */
  codes: boolean;
  autoFocus?: boolean;
}

const SEPARATORS = /[,;\n\t]/;

export function MultiValueInput(props: MultiValueProps) {
  const { nodeId, path, name, values, onValues, suggestions, closed, numeric, codes } = props;
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const words = useBuilderWords();
  const invalid = hasIssue(api.issues(nodeId), path);
  const [text, setText] = useState('');
  const show = (v: Scalar) => (codes && typeof v === 'string' ? words.value(v) : String(v));

  const add = (raw: readonly string[]) => {
    const next = [...values];
    for (const part of raw.map((p) => p.trim()).filter((p) => p !== '')) {
      const known = suggestions.find((s) => s.toLowerCase() === part.toLowerCase());
      const value: Scalar = numeric ? Number(part.replace(',', '.')) : (known ?? part);
      if (typeof value === 'number' && !Number.isFinite(value)) continue;
      if (!next.includes(value)) next.push(value);
    }
    if (next.length !== values.length) onValues(next);
  };

  const needle = text.trim().toLowerCase();
  const chosen = new Set(values.map(String));
  const items: Option[] = suggestions
    .filter((s) => !chosen.has(s) && (needle === '' || s.toLowerCase().includes(needle)))
    .slice(0, 25)
    .map((value) => ({ value, typed: false }));
  const exact = suggestions.some((s) => s.toLowerCase() === needle);
  if (needle !== '' && !exact && (!closed || suggestions.length === 0)) {
    items.push({ value: text.trim(), typed: true });
  }

  // After the list had its say: Enter adds the typed text when no suggestion was chosen.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Backspace' && text === '' && values.length > 0) {
      onValues(values.slice(0, -1));
    } else if (event.key === 'Enter' && !event.defaultPrevented && text.trim() !== '') {
      event.preventDefault();
      add([text]);
      setText('');
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!SEPARATORS.test(pasted)) return;
    event.preventDefault();
    add([text, ...pasted.split(SEPARATORS)]);
    setText('');
  };

  return (
    <div
      className="flex min-w-0 flex-wrap items-center gap-1"
      role="group"
      aria-label={t('values.label', { name })}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
    >
      {values.map((v) => (
        <span
          key={String(v)}
          className="inline-flex h-6 items-center gap-0.5 rounded-sm border border-accent-200 bg-accent-50 pr-0.5 pl-1.5 text-sm text-accent-800"
        >
          {show(v)}
          <button
            type="button"
            aria-label={t('values.remove', { value: show(v), name })}
            className="inline-flex size-4 items-center justify-center rounded-sm text-accent-700 hover:bg-accent-100"
            onClick={() => onValues(values.filter((x) => x !== v))}
          >
            <X size={11} aria-hidden="true" />
          </button>
        </span>
      ))}
      <div className="w-40" data-autofocus-within={props.autoFocus || undefined}>
        <Combobox<Option>
          aria-label={t('values.add', { name })}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${nodeId}-issues` : undefined}
          placeholder={
            values.length === 0 ? t('values.placeholderFirst') : t('values.placeholderMore')
          }
          listLabel={t('values.known', { name })}
          items={items}
          getKey={(o) => `${o.typed ? 'typed' : 'known'}:${o.value}`}
          renderItem={(o) => (o.typed ? t('values.addTyped', { value: o.value }) : show(o.value))}
          inputValue={text}
          emptyText={closed ? t('values.noMatch') : t('values.typeValue')}
          onInputChange={(next) => {
            if (!SEPARATORS.test(next)) return setText(next);
            const parts = next.split(SEPARATORS);
            setText(parts.pop() ?? '');
            add(parts);
          }}
          onSelect={(o) => {
            add([o.value]);
            setText('');
          }}
        />
      </div>
    </div>
  );
}
