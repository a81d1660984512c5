// What an entry is about: the kind of target, its name and its id; a link to its page while it
// exists (a segment, a campaign, the guardrail policy).
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditTargetKind } from '../../api/contract/audit-log.ts';
import { Badge } from '../../ui/Badge.tsx';
import { useAuditWords } from './words.tsx';

const PAGE_OF: Partial<Record<AuditTargetKind, (id: string) => string>> = {
  segment: (id) => `/segments/${encodeURIComponent(id)}`,
  campaign: (id) => `/campaigns/${encodeURIComponent(id)}`,
  policy: () => '/campaigns/policy',
  data: () => '/settings/import',
};

export function TargetLabel({
  target,
  deleted,
}: {
  target: AuditEntry['target'];
  /** The log saw it deleted: no page to link to. */
  deleted: boolean;
}) {
  const { t } = useTranslation('auditlog');
  const words = useAuditWords();
  const page = deleted ? undefined : PAGE_OF[target.kind]?.(target.id);
  const name = target.name ?? target.id;
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <span className="shrink-0 text-fg-muted">{words.kind(target.kind)}</span>
      {page === undefined ? (
        <span className="truncate">{name}</span>
      ) : (
        <Link to={page} className="truncate text-accent-700 hover:underline">
          {name}
        </Link>
      )}
      {target.name !== null && (
        <span className="shrink-0 font-mono text-xs text-fg-subtle">{target.id}</span>
      )}
      {deleted && <Badge>{t('target.deleted')}</Badge>}
    </span>
  );
}
