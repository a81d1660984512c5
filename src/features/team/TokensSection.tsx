// The API tokens scripts call Tact with: who made each, its role, when it was last used; creating
// one (shown once) and revoking one. Revoked tokens stay listed, greyed, with the day they ended.
import { useQuery } from '@tanstack/react-query';
import { Ban, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenSummary } from '../../api/contract/auth.ts';
import { compareText } from '../../domain/compare.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { CreateTokenDialog } from './CreateTokenDialog.tsx';
import { RevokeTokenDialog } from './RevokeTokenDialog.tsx';
import { teamQueries } from './queries.ts';

/** The tokens in use first, then the revoked ones; the newest first in each. */
const tokensInOrder = (tokens: readonly TokenSummary[]): TokenSummary[] =>
  [...tokens].sort(
    (a, b) =>
      Number(a.revoked_at !== null) - Number(b.revoked_at !== null) ||
      compareText(b.created_at, a.created_at) ||
      compareText(a.token_id, b.token_id),
  );

function TokenRow({ token, onRevoke }: { token: TokenSummary; onRevoke: () => void }) {
  const { t } = useTranslation('team');
  const revoked = token.revoked_at !== null;
  return (
    <Tr className={revoked ? 'text-fg-subtle' : undefined}>
      <Td className={revoked ? 'line-through' : undefined}>{token.name}</Td>
      <Td>
        <Badge tone={revoked ? 'neutral' : token.role === 'admin' ? 'accent' : 'neutral'}>
          {t(`role.${token.role}`)}
        </Badge>
      </Td>
      <Td>{token.created_by}</Td>
      <Td numeric>{formatDateTime(token.created_at)}</Td>
      <Td numeric>
        {token.last_used_at === null ? t('tokens.never') : formatDateTime(token.last_used_at)}
      </Td>
      <Td numeric>
        {token.revoked_at === null ? t('tokens.notRevoked') : formatDateTime(token.revoked_at)}
      </Td>
      <Td>
        <div className="flex justify-end">
          {!revoked && (
            <Button
              size="sm"
              variant="ghost"
              icon={<Ban aria-hidden="true" />}
              aria-label={t('tokens.revokeLabel', { name: token.name })}
              onClick={onRevoke}
            >
              {t('tokens.revoke')}
            </Button>
          )}
        </div>
      </Td>
    </Tr>
  );
}

export function TokensSection() {
  const { t } = useTranslation('team');
  const tokens = useQuery(teamQueries.tokens());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TokenSummary | null>(null);
  const rows = useMemo(() => tokensInOrder(tokens.data?.tokens ?? []), [tokens.data]);
  const revokedCount = rows.filter((token) => token.revoked_at !== null).length;
  const create = (
    <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setCreating(true)}>
      {t('tokens.create')}
    </Button>
  );

  return (
    <section aria-labelledby="team-tokens" className="space-y-2">
      <header className="flex items-center gap-2">
        <h2 id="team-tokens" className="text-lg font-semibold text-fg">
          {t('tokens.heading')}
        </h2>
        {tokens.data && (
          <span className="text-sm text-fg-subtle">
            {t('tokens.summary', { active: rows.length - revokedCount, revoked: revokedCount })}
          </span>
        )}
        <span className="flex-1" />
        {create}
      </header>
      <p className="text-sm text-fg-muted">{t('tokens.intro')}</p>
      <QueryState
        status={tokens.status}
        error={tokens.error}
        data={tokens.data}
        isEmpty={(data) => data.tokens.length === 0}
        empty={
          <EmptyState title={t('tokens.empty.title')} description={t('tokens.empty.description')} />
        }
        loadingLabel={t('tokens.loading')}
        onRetry={() => void tokens.refetch()}
        retrying={tokens.isRefetching}
      >
        {() => (
          <div className="rounded-lg border border-line bg-surface">
            <Table aria-label={t('tokens.heading')}>
              <THead>
                <tr>
                  <Th>{t('tokens.column.name')}</Th>
                  <Th>{t('tokens.column.role')}</Th>
                  <Th>{t('tokens.column.createdBy')}</Th>
                  <Th numeric>{t('tokens.column.created')}</Th>
                  <Th numeric>{t('tokens.column.lastUsed')}</Th>
                  <Th numeric>{t('tokens.column.revoked')}</Th>
                  <Th numeric>{t('tokens.column.actions')}</Th>
                </tr>
              </THead>
              <TBody>
                {rows.map((token) => (
                  <TokenRow
                    key={token.token_id}
                    token={token}
                    onRevoke={() => setRevoking(token)}
                  />
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </QueryState>
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} />}
      {revoking !== null && (
        <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />
      )}
    </section>
  );
}
