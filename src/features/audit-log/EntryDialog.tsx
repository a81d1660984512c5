// One entry of the audit log in full: when, who (and how they signed in), what, on what, the
// details the change gave, and what it did to the document. Escape or the close button closes it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/contract/audit-log.ts';
import { Dialog, DialogContent } from '../../ui/Dialog.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Changes } from './Changes.tsx';
import { TargetLabel } from './Target.tsx';
import { ValueText } from './ValueText.tsx';
import { useAuditWords } from './words.tsx';

/** The details the API gives, worded; another one shows its own key. */
const WORDED_DETAILS = [
  'audit_id',
  'changed',
  'format',
  'guardrail',
  'restored_version',
  'wave',
] as const;
type WordedDetail = (typeof WORDED_DETAILS)[number];
const isWorded = (key: string): key is WordedDetail => WORDED_DETAILS.some((k) => k === key);

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-fg-muted">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

const listClass = 'grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-base';

export function EntryDialog({
  entry,
  deleted,
  opener,
  onClose,
}: {
  entry: AuditEntry;
  /** The log saw its target deleted. */
  deleted: boolean;
  /** What had the focus when it opened (its row), which has it again once it closes. */
  opener: HTMLElement | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('auditlog');
  const words = useAuditWords();
  const when = formatDateTime(entry.at);
  const { actor, target } = entry;
  const details = Object.entries(entry.details);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="lg"
        title={t('entry.title', {
          action: words.action(entry.action),
          target: target.name ?? target.id,
        })}
        description={t('entry.description', { when, name: actor.name })}
        // Opened without a trigger, the dialog would hand the focus to nothing on closing.
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          opener?.focus();
        }}
      >
        <div className="space-y-4">
          <dl className={listClass}>
            <Row term={t('entry.when')}>
              <time dateTime={entry.at}>{when}</time>
              <span className="ml-2 font-mono text-xs text-fg-subtle">{entry.at}</span>
            </Row>
            <Row term={t('entry.who')}>
              {t('entry.actor', {
                name: actor.name,
                login: actor.login,
                role: words.role(actor.role),
                kind: actor.kind,
              })}
            </Row>
            <Row term={t('entry.action')}>
              {words.action(entry.action)}
              <span className="ml-2 font-mono text-xs text-fg-subtle">{entry.action}</span>
            </Row>
            <Row term={t('entry.target')}>
              <TargetLabel target={target} deleted={deleted} />
            </Row>
            <Row term={t('entry.version')}>{entry.version ?? '—'}</Row>
            <Row term={t('entry.id')}>
              <span className="font-mono text-sm">{entry.entry_id}</span>
            </Row>
          </dl>
          <section aria-label={t('entry.details')} className="space-y-1">
            <h3 className="text-md font-semibold text-fg">{t('entry.details')}</h3>
            {details.length === 0 ? (
              <p className="text-sm text-fg-muted">{t('entry.noDetails')}</p>
            ) : (
              <dl className={listClass}>
                {details.map(([key, value]) => (
                  <Row key={key} term={isWorded(key) ? t(`detail.${key}`) : key}>
                    <ValueText value={value} quoted={false} />
                  </Row>
                ))}
              </dl>
            )}
          </section>
          <Changes before={entry.before} after={entry.after} />
        </div>
      </DialogContent>
    </Dialog>
  );
}
