// What an entry's change did to its document (a segment, a campaign, the policy, a user or a
// token), value by value: the path, the value before and after (json-diff.ts).
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { formatCount } from '../../ui/format.ts';
import { jsonDiff, type JsonChange } from './json-diff.ts';
import { AbsentValue, ValueText } from './ValueText.tsx';

const TONE: Record<JsonChange['kind'], Tone> = {
  added: 'success',
  removed: 'danger',
  changed: 'info',
};

/** What to say before the list, or instead of it, when the document was not simply edited. */
function situation(before: unknown, after: unknown, changes: number) {
  const none = (document: unknown) => document === null || document === undefined;
  if (none(before) && none(after)) return 'none';
  if (none(before)) return 'created';
  if (none(after)) return 'deleted';
  return changes === 0 ? 'unchanged' : null;
}

export function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('auditlog');
  const heading = useId();
  const changes = useMemo(() => jsonDiff(before, after), [before, after]);
  const said = situation(before, after, changes.length);
  return (
    <section aria-labelledby={heading} className="space-y-2">
      <h3 id={heading} className="flex items-baseline gap-2 text-md font-semibold text-fg">
        {t('diff.heading')}
        {changes.length > 0 && (
          <span className="text-sm font-normal text-fg-subtle">
            {t('diff.count', { count: changes.length, n: formatCount(changes.length) })}
          </span>
        )}
      </h3>
      {said !== null && <p className="text-sm text-fg-muted">{t(`diff.${said}`)}</p>}
      {changes.length > 0 && (
        <div className="rounded-lg border border-line">
          <Table aria-label={t('diff.label')} className="table-fixed">
            <THead>
              <tr>
                <Th className="w-[34%]">{t('diff.column.path')}</Th>
                <Th className="w-24">{t('diff.column.kind')}</Th>
                <Th>{t('diff.column.before')}</Th>
                <Th>{t('diff.column.after')}</Th>
              </tr>
            </THead>
            <TBody>
              {changes.map((change) => (
                <Tr key={`${change.kind}:${change.path}`}>
                  <Td className="font-mono text-xs break-all">{change.path || t('diff.root')}</Td>
                  <Td>
                    <Badge tone={TONE[change.kind]}>{t(`diff.kind.${change.kind}`)}</Badge>
                  </Td>
                  <Td>
                    {change.kind === 'added' ? (
                      <AbsentValue />
                    ) : (
                      <ValueText value={change.before} />
                    )}
                  </Td>
                  <Td>
                    {change.kind === 'removed' ? (
                      <AbsentValue />
                    ) : (
                      <ValueText value={change.after} />
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </section>
  );
}
