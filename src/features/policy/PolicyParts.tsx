// The pieces the policy's cards are made of: a card, a figure typed with its unit, a switch, and
// the problems of a table's fields listed under it, each naming its field.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardHeader, CardTitle } from '../../ui/Card.tsx';
import type { FieldControlProps } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import type { PolicyDraft } from './policy-draft.ts';
import { settingWords } from './policy-words.ts';

export interface SectionProps {
  draft: PolicyDraft;
  onChange: (next: PolicyDraft) => void;
  /** The worded problem of the field at a policy path, if any. */
  issueAt: (path: string) => string | undefined;
}

/** A figure as typed, with its unit after it (none in a table whose header says it). */
export function Figure({
  value,
  onChange,
  unit,
  control,
}: {
  value: string;
  onChange: (text: string) => void;
  unit?: string;
  control:
    | FieldControlProps
    | {
        'aria-label': string;
        'aria-invalid': true | undefined;
        'aria-describedby': string | undefined;
      };
}) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className="w-20">
        <Input
          {...control}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className="text-right tabular-nums"
        />
      </span>
      {unit !== undefined && <span className="text-sm text-fg-muted">{unit}</span>}
    </span>
  );
}

export const headClass = 'h-7 pr-4 text-left text-xs font-medium whitespace-nowrap text-fg-muted';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card aria-label={title}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardBody className="space-y-3">{children}</CardBody>
    </Card>
  );
}

/** The problems of the fields in a table, listed under it, each naming its field. */
export function TableIssues({ items }: { items: readonly TableIssue[] }) {
  const { t } = useTranslation('guardrails');
  if (items.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {items.map(({ id, path, text }) => (
        <li key={id} id={id} className="text-sm text-danger-700">
          {t('policy.issueAt', { field: settingWords(t, path), issue: text })}
        </li>
      ))}
    </ul>
  );
}

/** A problem of a field in a table, for TableIssues, with the id its control is described by. */
export interface TableIssue {
  id: string;
  path: string;
  text: string;
}

/** The id of the listed problem of the field at `path`, if any. */
export function describedBy(items: readonly TableIssue[], path: string): string | undefined {
  return items.find((i) => i.path === path)?.id;
}

/** The problems of the fields at `paths`, each with an id made from `base`. */
export function tableIssues(
  paths: readonly string[],
  issueAt: (path: string) => string | undefined,
  base: string,
): TableIssue[] {
  return paths.flatMap((path) => {
    const text = issueAt(path);
    return text === undefined ? [] : [{ id: `${base}-${path.replaceAll('.', '-')}`, path, text }];
  });
}

export function Switch({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
      className="size-3.5 accent-accent-600 disabled:opacity-40"
    />
  );
}
