// Single-value boxes of a condition: a number (half-typed text kept as a draft), a calendar date,
// and a text with type-ahead from the catalogue's known values.
import { useState } from 'react';
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';
import { Combobox } from '../../ui/Combobox.tsx';
import { Input } from '../../ui/Input.tsx';
import { formatCount } from '../../ui/format.ts';
import { hasIssue, useBuilder } from './builder-context.ts';

export interface BoxProps {
  nodeId: string;
  /** Dotted path of the value inside the node: marks the box invalid when it has an issue. */
  path: string;
  label: string;
  className?: string;
  autoFocus?: boolean;
}

function useBox({ nodeId, path }: BoxProps) {
  const api = useBuilder();
  const invalid = hasIssue(api.issues(nodeId), path);
  return {
    api,
    control: {
      'aria-invalid': invalid || undefined,
      'aria-describedby': invalid ? `${nodeId}-issues` : undefined,
    },
  };
}

export function NumberField({
  value,
  onValue,
  integer = false,
  min,
  max,
  ...box
}: BoxProps & {
  value: number | string;
  onValue: (n: number) => void;
  integer?: boolean;
  min?: number;
  max?: number;
}) {
  const { t } = useTranslation('builder');
  const { api, control } = useBox(box);
  const draft = api.draft(box.nodeId, box.path);
  const shown = draft ?? String(value);
  const change = (text: string) => {
    const n = Number(text.trim().replace(',', '.'));
    let message: string | null = null;
    if (text.trim() === '' || !Number.isFinite(n)) message = t('input.typeNumber');
    else if (integer && !Number.isInteger(n)) message = t('input.typeWhole');
    else if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      const bound = (b: number | undefined) => (b === undefined ? '…' : formatCount(b));
      message = t('input.range', { min: bound(min), max: bound(max) });
    }
    if (message === null) {
      api.setDraft(box.nodeId, box.path, null);
      onValue(n);
    } else api.setDraft(box.nodeId, box.path, { text, message });
  };
  return (
    <div className={clsx('shrink-0', box.className ?? 'w-20')}>
      <Input
        {...control}
        aria-label={box.label}
        inputMode={integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        data-autofocus={box.autoFocus || undefined}
        className="text-right tabular-nums"
        value={shown}
        onChange={(event) => change(event.target.value)}
      />
    </div>
  );
}

export function DateField({
  value,
  onValue,
  ...box
}: BoxProps & { value: string; onValue: (date: string) => void }) {
  const { t } = useTranslation('builder');
  const { api, control } = useBox(box);
  const draft = api.draft(box.nodeId, box.path);
  return (
    <div className={clsx('shrink-0', box.className ?? 'w-36')}>
      <Input
        {...control}
        type="date"
        aria-label={box.label}
        data-autofocus={box.autoFocus || undefined}
        className="tabular-nums"
        value={draft ?? value}
        onChange={(event) => {
          const date = event.target.value;
          if (date === '')
            api.setDraft(box.nodeId, box.path, { text: '', message: t('input.pickDate') });
          else {
            api.setDraft(box.nodeId, box.path, null);
            onValue(date);
          }
        }}
      />
    </div>
  );
}

const SHOWN_SUGGESTIONS = 25;

/** Free text, with the catalogue's most frequent values offered as you type. */
export function TextValue({
  value,
  onValue,
  suggestions,
  listLabel,
  ...box
}: BoxProps & {
  /** Names the list of known values: "Known values for City". */
  listLabel: string;
  value: string;
  /** `typing` is true for keystrokes (one undo step per box), false for a picked suggestion. */
  onValue: (text: string, typing: boolean) => void;
  suggestions: readonly string[];
}) {
  const { t } = useTranslation('builder');
  const { control } = useBox(box);
  const [touched, setTouched] = useState(false);
  const needle = value.trim().toLowerCase();
  const items = suggestions
    .filter((s) => !touched || needle === '' || s.toLowerCase().includes(needle))
    .filter((s) => s !== value)
    .slice(0, SHOWN_SUGGESTIONS);
  return (
    <div
      className={clsx('shrink-0', box.className ?? 'w-44')}
      data-autofocus-within={box.autoFocus || undefined}
    >
      <Combobox<string>
        {...control}
        aria-label={box.label}
        placeholder={
          suggestions.length > 0 ? t('values.typeOrPick') : t('values.typeValueEllipsis')
        }
        listLabel={listLabel}
        items={items}
        getKey={(s) => s}
        renderItem={(s) => s}
        inputValue={value}
        emptyText={suggestions.length > 0 ? t('values.noMatch') : t('values.anyText')}
        onInputChange={(text) => {
          setTouched(true);
          onValue(text, true);
        }}
        onSelect={(s) => onValue(s, false)}
      />
    </div>
  );
}
