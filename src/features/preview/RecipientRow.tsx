// One recipient in the list: a link to their preview with their name (as text), their id and the
// guardrails that flag them (the first two, then how many more), blocked ones marked.
import { clsx } from 'clsx';
import { Ban } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecipientSummary } from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { recipientName } from './names.ts';
import { useVerdictWords } from './verdict-words.ts';

const CHIPS_SHOWN = 2;

export function RecipientRow({
  recipient: r,
  href,
  current,
  tabbable,
}: {
  recipient: RecipientSummary;
  href: string;
  current: boolean;
  tabbable: boolean;
}) {
  const { t } = useTranslation('preview');
  const words = useVerdictWords();
  const extra = r.guardrails.length - CHIPS_SHOWN;
  return (
    <Link
      to={href}
      aria-current={current ? 'page' : undefined}
      tabIndex={tabbable ? 0 : -1}
      className={clsx(
        'flex flex-col gap-0.5 px-3 py-1.5 focus-visible:outline-offset-[-2px]',
        current ? 'bg-accent-50' : 'hover:bg-subtle',
      )}
    >
      <span className="flex items-baseline gap-2">
        <span className="min-w-0 flex-1 truncate text-base font-medium text-fg">
          {recipientName(r) ?? t('recipients.noName')}
        </span>
        <span className="shrink-0 font-mono text-xs text-fg-muted">{r.customer_id}</span>
      </span>
      <span className="flex min-h-[18px] items-center gap-1 overflow-hidden">
        {r.blocked && (
          <Badge tone="danger" title={t('recipients.blocked')} className="shrink-0 px-1">
            <Ban aria-hidden="true" />
            <span className="sr-only">{t('recipients.blocked')}</span>
          </Badge>
        )}
        {r.guardrails.slice(0, CHIPS_SHOWN).map((id) => (
          <Badge key={id} tone={r.blocked ? 'neutral' : 'warn'} className="min-w-0 truncate">
            {words.name(id)}
          </Badge>
        ))}
        {extra > 0 && (
          <span
            className="shrink-0 text-xs text-fg-muted"
            title={r.guardrails.map((id) => words.name(id)).join(', ')}
          >
            {t('recipients.more', { count: extra })}
          </span>
        )}
        {r.guardrails.length === 0 && (
          <span className="text-xs text-fg-subtle">{t('recipients.clear')}</span>
        )}
      </span>
    </Link>
  );
}
