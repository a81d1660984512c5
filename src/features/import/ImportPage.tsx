// Importing a retailer's files, an admin's page (issue 14): choose the files (and a mapping), how to
// import them and "today" for the data; the files are sent in chunks with the bytes shown, then the
// import's steps, then its report — per file the rows read, accepted and rejected, every problem
// with its file, line and column. Nothing is written unless every row was accepted; a replacing
// import asks first. The latest imports stay listed with their reports.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCreate, ImportJob } from '../../api/contract/imports.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { formatDay } from '../../ui/format.ts';
import { useCan } from '../../ui/permissions.tsx';
import { ImportForm, type ImportRequest } from './ImportForm.tsx';
import { ImportProgress, SendingProgress } from './ImportProgress.tsx';
import { ImportReportPanel } from './ImportReport.tsx';
import { RecentImports } from './RecentImports.tsx';
import {
  cancelImport,
  createImport,
  importKeys,
  importQueries,
  readImport,
  sendFiles,
  startImport,
} from './queries.ts';

export function ImportRoute() {
  const { t } = useTranslation('imports');
  const admin = useCan('admin');
  if (!admin) {
    return <EmptyState title={t('adminOnly.title')} description={t('adminOnly.description')} />;
  }
  return <ImportPage />;
}

/** Files on their way: the import declared, the bytes the server has, a failure to resume from. */
interface Sending {
  job: ImportJob;
  blobs: ReadonlyMap<string, Blob>;
  sent: number;
  total: number;
  failure: unknown;
}

function ImportPage() {
  const { t } = useTranslation('imports');
  const queryClient = useQueryClient();
  const list = useQuery(importQueries.list());
  const [sending, setSending] = useState<Sending | null>(null);
  const [followed, setFollowed] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const running = list.data?.imports.find((job) => job.phase === 'running') ?? null;

  // An import under way (started here before a reload, or by another admin) is followed.
  useEffect(() => {
    if (running !== null && followed === null && sending === null) setFollowed(running.import_id);
  }, [running, followed, sending]);
  useEffect(() => () => abort.current?.abort(), []);

  const send = async (job: ImportJob, blobs: ReadonlyMap<string, Blob>) => {
    const controller = new AbortController();
    abort.current = controller;
    const total = job.files.reduce((sum, f) => sum + f.size, 0);
    const already = job.files.reduce((sum, f) => sum + f.received, 0);
    setSending({ job, blobs, sent: already, total, failure: null });
    try {
      await sendFiles(
        job,
        blobs,
        (bytes) => setSending((s) => (s === null ? s : { ...s, sent: s.sent + bytes })),
        controller.signal,
      );
      const started = await startImport(job.import_id);
      queryClient.setQueryData(importKeys.job(started.import_id), started);
      setFollowed(started.import_id);
      setSending(null);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    } catch (error: unknown) {
      if (controller.signal.aborted) return;
      setSending((s) => (s === null ? s : { ...s, failure: error }));
    }
  };

  const begin = async (request: ImportRequest) => {
    setRefusal(null);
    setCreating(true);
    const spec: ImportCreate = {
      mode: request.mode,
      check: request.check,
      as_of: request.asOf,
      mapping: request.mapping,
      files: request.files.map((f) => ({ name: f.name, size: f.size })),
    };
    try {
      const job = await createImport(spec);
      setFollowed(null);
      await send(job, new Map(request.files.map((f) => [f.name, f])));
    } catch (error: unknown) {
      setRefusal(error);
    } finally {
      setCreating(false);
    }
  };

  const resume = async () => {
    if (sending === null) return;
    try {
      // From where the server's copy of each file ends.
      await send(await readImport(sending.job.import_id), sending.blobs);
    } catch (error: unknown) {
      setSending({ ...sending, failure: error });
    }
  };

  const cancel = async () => {
    abort.current?.abort();
    const id = sending?.job.import_id;
    setSending(null);
    if (id !== undefined) await cancelImport(id).catch(() => undefined);
    void queryClient.invalidateQueries({ queryKey: importKeys.list() });
  };

  return (
    <div className="mx-auto max-w-[1280px] space-y-3 px-5 py-4">
      <header className="flex items-baseline gap-2">
        <h2 className="text-lg font-semibold text-fg">{t('heading')}</h2>
        {list.data?.as_of != null && list.data.customers !== null && (
          <span className="text-sm text-fg-subtle">
            {t('summary', {
              date: formatDay(list.data.as_of),
              customers: list.data.customers,
            })}
          </span>
        )}
      </header>
      <QueryState
        status={list.status}
        error={list.error}
        data={list.data}
        isEmpty={() => false}
        empty={null}
        loadingLabel={t('loading')}
        onRetry={() => void list.refetch()}
        retrying={list.isRefetching}
      >
        {(data) =>
          !data.available ? (
            data.store === 'clickhouse' ? (
              <EmptyState
                title={t('unavailable.clickhouseTitle')}
                description={t('unavailable.clickhouseDescription')}
              />
            ) : (
              <EmptyState
                title={t('unavailable.title')}
                description={t('unavailable.description')}
              />
            )
          ) : (
            <>
              {sending !== null ? (
                <SendingProgress
                  sent={sending.sent}
                  total={sending.total}
                  failure={sending.failure}
                  onResume={() => void resume()}
                  onCancel={() => void cancel()}
                />
              ) : followed !== null ? (
                <Followed
                  id={followed}
                  onAgain={() => setFollowed(null)}
                  locked={running !== null && running.import_id !== followed}
                />
              ) : (
                <ImportForm
                  asOf={data.as_of}
                  customers={data.customers ?? 0}
                  busy={running}
                  pending={creating}
                  refusal={refusal}
                  onSubmit={(request) => void begin(request)}
                />
              )}
              <RecentImports
                imports={data.imports}
                shown={followed}
                onShow={(id) => {
                  if (sending === null) setFollowed(id);
                }}
              />
            </>
          )
        }
      </QueryState>
    </div>
  );
}

/** One import, read again while it runs: its steps, then its report. */
function Followed({
  id,
  onAgain,
  locked,
}: {
  id: string;
  onAgain: () => void;
  /** Another import runs: no new one yet. */
  locked: boolean;
}) {
  const queryClient = useQueryClient();
  const job = useQuery(importQueries.job(id));
  const phase = job.data?.phase;
  const committed = job.data?.report?.committed === true;
  const seenRunning = useRef(false);
  // Once an import it saw running has written, everything read before is stale.
  useEffect(() => {
    if (phase === 'running') seenRunning.current = true;
    else if (phase !== undefined && seenRunning.current) {
      seenRunning.current = false;
      void (committed
        ? queryClient.invalidateQueries()
        : queryClient.invalidateQueries({ queryKey: importKeys.list() }));
    }
  }, [phase, committed, queryClient]);
  return (
    <QueryState
      status={job.status}
      error={job.error}
      data={job.data}
      isEmpty={() => false}
      empty={null}
      onRetry={() => void job.refetch()}
      retrying={job.isRefetching}
    >
      {(data) =>
        data.phase === 'running' ? (
          <ImportProgress job={data} />
        ) : (
          <ImportReportPanel job={data} onAgain={onAgain} againDisabled={locked} />
        )
      }
    </QueryState>
  );
}
