// A versioned document's audit trail (a campaign, a policy): every version with who saved it, when
// and why; what the selected one changed from the one before (the kind says how); and restoring one
// as the newest version. The kind gives its queries, its restore and its words, already translated.
import {
  useMutation,
  useQuery,
  type QueryKey,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { Button } from './Button.tsx';
import { Dialog, DialogContent } from './Dialog.tsx';
import { QueryState, describeError } from './QueryState.tsx';
import { VersionList, type VersionEntry } from './VersionList.tsx';
import { useErrorWords } from './error-words.ts';

/** Appends a copy of version `restore` as the newest; `current` is the version it replaces. */
export interface RestoreVariables {
  id: string;
  restore: number;
  current: number;
}

/** The dialog's words in the user's language, from the kind's own catalogue. */
export interface DocumentHistoryWords {
  title: string;
  description: string;
  versions: string;
  version: (version: number) => string;
  current: string;
  /** A note in the user's words (the system's notes are codes). */
  note: (note: string) => string;
  first: string;
  changes: (version: number) => string;
  restore: (version: number) => string;
  restored: (version: number, next: number) => string;
  /** Someone saved `version` meanwhile: nothing was restored. */
  stale: (author: string, version: number) => string;
  failed: (detail: string) => string;
  loading: string;
  empty: string;
}

export function DocumentHistory<
  Saved extends { version: number },
  Versions extends { versions: readonly VersionEntry[] },
  Key extends QueryKey,
>({
  id,
  current,
  versions: versionsQuery,
  restore: restoreMutation,
  staleOf,
  changes,
  words,
  onRestored,
  onClose,
  restoreGate,
}: {
  id: string;
  /** The document's version now. */
  current: number;
  versions: UseQueryOptions<Versions, Error, Versions, Key>;
  restore: UseMutationOptions<Saved, Error, RestoreVariables>;
  /** The document as saved now, when a restore was refused because someone saved first (412). */
  staleOf: (error: unknown) => { author: string; version: number } | null;
  /** What version `to` changed from version `from`, in the kind's words. */
  changes: (from: number, to: number) => ReactNode;
  words: DocumentHistoryWords;
  onRestored: (saved: Saved, message: string) => void;
  onClose: () => void;
  /** When the signed-in role may not restore: the button stays, disabled, saying why. */
  restoreGate?: { control: Partial<ComponentProps<typeof Button>>; note: ReactNode };
}) {
  const errorWords = useErrorWords();
  const versions = useQuery(versionsQuery);
  const [selected, setSelected] = useState(current);
  const restore = useMutation(restoreMutation);
  const stale = staleOf(restore.error);
  const failure =
    stale !== null
      ? words.stale(stale.author, stale.version)
      : restore.isError
        ? words.failed(describeError(restore.error, errorWords).detail)
        : null;

  const run = async (version: number) => {
    try {
      const restored = await restore.mutateAsync({ id, restore: version, current });
      onRestored(restored, words.restored(version, restored.version));
      onClose();
    } catch {
      // Shown from restore.error below.
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent width="lg" title={words.title} description={words.description}>
        <QueryState
          status={versions.status}
          error={versions.error}
          data={versions.data}
          isEmpty={(d) => d.versions.length === 0}
          empty={<p>{words.empty}</p>}
          loadingLabel={words.loading}
          onRetry={() => void versions.refetch()}
        >
          {(data) => {
            const index = data.versions.findIndex((v) => v.version === selected);
            const previous = index >= 0 ? data.versions[index + 1] : undefined;
            return (
              <div className="grid grid-cols-[260px_1fr] gap-4">
                <VersionList
                  label={words.versions}
                  versions={data.versions}
                  current={current}
                  selected={selected}
                  onSelect={setSelected}
                  versionLabel={words.version}
                  currentLabel={words.current}
                  noteText={words.note}
                />
                <section aria-label={words.version(selected)} className="min-w-0 space-y-3">
                  <h3 className="text-md font-semibold text-fg">{words.changes(selected)}</h3>
                  {previous === undefined ? (
                    <p className="text-sm text-fg-muted">{words.first}</p>
                  ) : (
                    changes(previous.version, selected)
                  )}
                  {selected !== current && (
                    <Button
                      variant="primary"
                      loading={restore.isPending}
                      onClick={() => void run(selected)}
                      {...restoreGate?.control}
                    >
                      {words.restore(selected)}
                    </Button>
                  )}
                  {restoreGate?.note}
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
