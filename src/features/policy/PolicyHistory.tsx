// The policy's audit trail: every version with who saved it, when and why; what each changed from
// the one before, setting by setting with the values before and after; and restoring one as the
// newest version.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PolicyVersion, SavedPolicy } from '../../api/contract.ts';
import type { GuardrailPolicy } from '../../domain/guardrails/policy.ts';
import { policyChanges } from '../../domain/guardrails/policy-diff.ts';
import { systemNote } from '../../domain/version-notes.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogContent } from '../../ui/Dialog.tsx';
import { QueryState, describeError } from '../../ui/QueryState.tsx';
import { VersionList } from '../../ui/VersionList.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
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
  author,
  onRestored,
  onClose,
}: {
  saved: SavedPolicy;
  author: string;
  onRestored: (policy: SavedPolicy, message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('guardrails');
  const errorWords = useErrorWords();
  const versions = useQuery(policyQueries.versions(saved.policy_id));
  const [selected, setSelected] = useState(saved.version);
  const restore = useMutation(policyMutations.restore());
  const stale = stalePolicy(restore.error);
  const failure =
    stale !== null
      ? t('policy.history.stale', { author: stale.author, version: stale.version })
      : restore.isError
        ? t('policy.history.failed', { detail: describeError(restore.error, errorWords).detail })
        : null;

  const run = async (version: number) => {
    try {
      const restored = await restore.mutateAsync({
        id: saved.policy_id,
        restore: version,
        current: saved.version,
        author,
      });
      onRestored(restored, t('policy.history.restored', { version, next: restored.version }));
      onClose();
    } catch {
      // Shown from restore.error below.
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="lg"
        title={t('policy.history.title', { name: saved.name })}
        description={t('policy.history.description')}
      >
        <QueryState
          status={versions.status}
          error={versions.error}
          data={versions.data}
          isEmpty={(d) => d.versions.length === 0}
          empty={<p>{t('policy.history.empty')}</p>}
          loadingLabel={t('policy.history.loading')}
          onRetry={() => void versions.refetch()}
        >
          {(data) => {
            const index = data.versions.findIndex((v) => v.version === selected);
            const previous = index >= 0 ? data.versions[index + 1] : undefined;
            return (
              <div className="grid grid-cols-[260px_1fr] gap-4">
                <VersionList
                  label={t('policy.history.versions')}
                  versions={data.versions}
                  current={saved.version}
                  selected={selected}
                  onSelect={setSelected}
                  versionLabel={(version) => t('policy.history.version', { version })}
                  currentLabel={t('policy.history.current')}
                  noteText={(note) => noteWords(t, note)}
                />
                <section
                  aria-label={t('policy.history.version', { version: selected })}
                  className="min-w-0 space-y-3"
                >
                  <h3 className="text-md font-semibold text-fg">
                    {t('policy.history.changes', { version: selected })}
                  </h3>
                  {previous === undefined ? (
                    <p className="text-sm text-fg-muted">{t('policy.history.first')}</p>
                  ) : (
                    <Changes id={saved.policy_id} from={previous.version} to={selected} />
                  )}
                  {selected !== saved.version && (
                    <Button
                      variant="primary"
                      loading={restore.isPending}
                      onClick={() => void run(selected)}
                    >
                      {t('policy.history.restore', { version: selected })}
                    </Button>
                  )}
                  {failure !== null && (
                    <p role="alert" className="text-sm text-danger-700">
                      {failure}
                    </p>
                  )}
                </section>
              </div>
            );
          }}
        </QueryState>
      </DialogContent>
    </Dialog>
  );
}
