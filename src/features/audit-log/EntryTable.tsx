// The entries, newest first, one dense row each: when, who, what, on what, the version it made. A
// row opens the entry (a click, or Enter once focused; the arrow keys move between rows).
import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/contract/audit-log.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { targetKey } from './queries.ts';
import { TargetLabel } from './Target.tsx';
import { useAuditWords } from './words.tsx';

/** Opens an entry, from its row (which has the focus back once the entry closes). */
export type OpenEntry = (entry: AuditEntry, row: HTMLTableRowElement) => void;

function EntryRow({
  entry,
  deleted,
  onOpen,
}: {
  entry: AuditEntry;
  deleted: boolean;
  onOpen: OpenEntry;
}) {
  const { t } = useTranslation('auditlog');
  const words = useAuditWords();
  const { actor } = entry;
  // A click on the target's link goes to its page, not to the entry.
  const click = (event: MouseEvent<HTMLTableRowElement>) => {
    if (event.target instanceof Element && event.target.closest('a') !== null) return;
    onOpen(entry, event.currentTarget);
  };
  const key = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(entry, event.currentTarget);
      return;
    }
    const row = event.currentTarget;
    const next =
      event.key === 'ArrowDown'
        ? row.nextElementSibling
        : event.key === 'ArrowUp'
          ? row.previousElementSibling
          : null;
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  };
  return (
    <Tr interactive tabIndex={0} onClick={click} onKeyDown={key} className="-outline-offset-2">
      <Td className="whitespace-nowrap tabular-nums">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </Td>
      <Td>
        <span className="flex min-w-0 items-center gap-1.5 whitespace-nowrap">
          <span className="font-medium">{actor.name}</span>
          <span className="font-mono text-xs text-fg-muted">{actor.login}</span>
          <Badge>{words.role(actor.role)}</Badge>
          {actor.kind === 'token' && <Badge tone="info">{t('actorToken')}</Badge>}
        </span>
      </Td>
      <Td className="whitespace-nowrap">{words.action(entry.action)}</Td>
      <Td className="max-w-96">
        <TargetLabel target={entry.target} deleted={deleted} />
      </Td>
      <Td numeric>{entry.version ?? '—'}</Td>
    </Tr>
  );
}

export function EntryTable({
  entries,
  deleted,
  onOpen,
}: {
  entries: readonly AuditEntry[];
  /** The `targetKey`s of the segments and campaigns the log saw deleted. */
  deleted: ReadonlySet<string>;
  onOpen: OpenEntry;
}) {
  const { t } = useTranslation('auditlog');
  return (
    <Table aria-label={t('table')}>
      <THead>
        <tr>
          <Th aria-sort="descending">{t('column.when')}</Th>
          <Th>{t('column.who')}</Th>
          <Th>{t('column.what')}</Th>
          <Th>{t('column.target')}</Th>
          <Th numeric>{t('column.version')}</Th>
        </tr>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <EntryRow
            key={entry.entry_id}
            entry={entry}
            deleted={deleted.has(targetKey(entry.target))}
            onOpen={onOpen}
          />
        ))}
      </TBody>
    </Table>
  );
}
