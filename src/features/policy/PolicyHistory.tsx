// The policy's audit trail: every version with who saved it, when and why; what each changed from
// the one before, setting by setting with the values before and after; and restoring one as the
// newest version.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PolicyVersion, SavedPolicy } from '../../api/contract.ts';
import type { GuardrailPolicy } from '../../domain/guardrails/policy.ts';
import { policyChanges } from '../../domain/guardrails/policy-diff.ts';
import { systemNote } from '../../domain/version-notes.ts';
import { DocumentHistory, type DocumentHistoryWords } from '../../ui/DocumentHistory.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { useWriteGate } from '../../ui/permissions.tsx';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { policyMutations, stalePolicy } from './mutations.ts';
import { policyQueries } from './queries.ts';
import { settingWords, valueWords } from './policy-words.ts';

function noteWords(t: TFunction<'guardrails'>, note: string): string {
  const system = systemNote(note);
  if (system === null) return note;
  return system.kind === 'created'
    ? t('policy.history.note.created')
    : t(`policy.history.note.${system.kind}`, { version: system.version });
}

/** A version's policy, without who saved it, when and why. */
function policyOf(saved: PolicyVersion): GuardrailPolicy {
  const { policy_id, version, author, at, note, ...policy } = saved;
  void [policy_id, version, author, at, note];
  return policy;
}

/** A setting's value by its path (`quiet_hours.sms.start`). */
function valueAt(policy: GuardrailPolicy, path: string): unknown {
  let value: unknown = policy;
  for (const key of path.split('.')) {
    value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  }
  return value;
}

function Changes({ id, from, to }: { id: string; from: number; to: number }) {
  const { t } = useTranslation('guardrails');
  const { language } = useLanguage();
  const older = useQuery(policyQueries.version(id, from));
  const newer = useQuery(policyQueries.version(id, to));
  const failed = older.isError ? older : newer;
  const both = useMemo(() => {
    if (older.data === undefined || newer.data === undefined) return undefined;
    const before = policyOf(older.data);
    const after = policyOf(newer.data);
    return { before, after, changes: policyChanges(before, after) };
  }, [older.data, newer.data]);
  return (
    <QueryState
      status={older.isError || newer.isError ? 'error' : both ? 'success' : 'pending'}
      error={failed.error}
      data={both}
      isEmpty={(d) => d.changes.length === 0}
      empty={<p className="text-sm text-fg-muted">{t('policy.history.none')}</p>}
      loadingLabel={t('policy.history.loading')}
    >
      {(d) => (
        <ul
          aria-label={t('policy.history.changes', { version: to })}
          className="space-y-0.5 text-base"
        >
          {d.changes.map((path) => (
            <li key={path}>
              {t('policy.history.change', {
                field: settingWords(t, path),
                before: valueWords(t, language, path, valueAt(d.before, path)),
                after: valueWords(t, language, path, valueAt(d.after, path)),
              })}
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}

export function PolicyHistory({
  saved,
  onRestored,
  onClose,
}: {
  saved: SavedPolicy;
  onRestored: (policy: SavedPolicy, message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('guardrails');
  const gate = useWriteGate('admin');
  const words: DocumentHistoryWords = {
    title: t('policy.history.title', { name: saved.name }),
    description: t('policy.history.description'),
    versions: t('policy.history.versions'),
    version: (version) => t('policy.history.version', { version }),
    current: t('policy.history.current'),
    note: (note) => noteWords(t, note),
    first: t('policy.history.first'),
    changes: (version) => t('policy.history.changes', { version }),
    restore: (version) => t('policy.history.restore', { version }),
    restored: (version, next) => t('policy.history.restored', { version, next }),
    stale: (author, version) => t('policy.history.stale', { author, version }),
    failed: (detail) => t('policy.history.failed', { detail }),
    loading: t('policy.history.loading'),
    empty: t('policy.history.empty'),
  };
  return (
    <DocumentHistory
      id={saved.policy_id}
      current={saved.version}
      versions={policyQueries.versions(saved.policy_id)}
      restore={policyMutations.restore()}
      staleOf={stalePolicy}
      changes={(from, to) => <Changes id={saved.policy_id} from={from} to={to} />}
      words={words}
      onRestored={onRestored}
      onClose={onClose}
      restoreGate={gate}
    />
  );
}
