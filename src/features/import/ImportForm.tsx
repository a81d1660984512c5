// A new import: the files (chosen, a folder, or dropped), each shown with the table it fills; an
// optional mapping file (JSON, read here so that a typo is said before anything is sent); update or
// replace; "today" for the data. "Check without importing" reads and reports only; a replacing
// import asks first, the safe choice focused.
import { FileUp, FolderUp, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportMode } from '../../api/contract/imports.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Card, CardHeader } from '../../ui/Card.tsx';
import { Dialog, DialogClose, DialogContent } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { formatBytes, formatDateTime } from '../../ui/format.ts';
import { planFiles, withFiles } from './plan.ts';

export interface ImportRequest {
  files: File[];
  mapping: unknown;
  mode: ImportMode;
  check: boolean;
  asOf: string;
}

/** An instant with its offset, as the server reads it (server/import/read.ts). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const validInstant = (text: string) => INSTANT.test(text) && Number.isFinite(Date.parse(text));

export function ImportForm({
  asOf,
  customers,
  busy,
  pending,
  refusal,
  onSubmit,
}: {
  /** "Today" of the data served now: the default. */
  asOf: string | null;
  customers: number;
  /** An import under way (another admin's): none can start meanwhile. */
  busy: ImportJob | null;
  pending: boolean;
  /** Why the server refused the last import (declared files, mapping…). */
  refusal: unknown;
  onSubmit: (request: ImportRequest) => void;
}) {
  const { t } = useTranslation('imports');
  const words = useErrorWords();
  const [files, setFiles] = useState<File[]>([]);
  const [mapping, setMapping] = useState<{ name: string; value: unknown } | null>(null);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('update');
  const [instant, setInstant] = useState(asOf ?? new Date().toISOString());
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [dragging, setDragging] = useState(false);
  const folder = useRef<HTMLInputElement>(null);
  const ids = useId();
  const plan = useMemo(() => planFiles(files, mapping?.value ?? null), [files, mapping]);
  const instantOk = validInstant(instant.trim());
  const unknown = plan.files.filter((f) => f.problem === 'unknown').length;
  const twice = plan.files.some((f) => f.problem === 'twice');

  // A folder's files: the attribute React does not know.
  useEffect(() => {
    folder.current?.setAttribute('webkitdirectory', '');
  }, []);

  const add = (list: FileList | null) => {
    if (list !== null && list.length > 0) setFiles((current) => withFiles(current, [...list]));
  };
  const readMapping = async (file: File | undefined) => {
    if (file === undefined) return;
    setMappingError(null);
    try {
      setMapping({ name: file.name, value: JSON.parse(await file.text()) });
    } catch (error: unknown) {
      setMapping(null);
      setMappingError(
        t('form.mappingNotJson', {
          name: file.name,
          detail: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  };
  const request = (check: boolean): ImportRequest => ({
    files: plan.files.map((f) => f.file),
    mapping: mapping?.value ?? null,
    mode,
    check,
    asOf: instant.trim(),
  });
  const submit = (check: boolean) => {
    setTried(true);
    if (!plan.ready || !instantOk || mappingError !== null) return;
    if (mode === 'replace' && !check) setConfirming(true);
    else onSubmit(request(check));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };
  const refused = refusal === null ? null : describeError(refusal, words);
  const disabled = busy !== null || pending;

  return (
    <Card>
      <CardHeader>
        <h3 className="text-md font-semibold text-fg">{t('form.heading')}</h3>
      </CardHeader>
      <div className="space-y-4 px-4 py-3">
        <p className="max-w-3xl text-sm text-fg-muted">{t('form.intro')}</p>
        <fieldset
          className={
            dragging
              ? 'rounded-md border border-dashed border-accent-500 bg-accent-50 p-3'
              : 'rounded-md border border-dashed border-line-strong p-3'
          }
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <legend className="px-1 text-sm font-medium text-fg">{t('form.files')}</legend>
          <div className="flex flex-wrap items-center gap-2">
            <label className="inline-flex">
              <input
                type="file"
                multiple
                accept=".csv,.parquet"
                className="peer sr-only"
                onChange={(event) => {
                  add(event.target.files);
                  event.target.value = '';
                }}
              />
              <span className="inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-fg peer-focus-visible:ring-2 peer-focus-visible:ring-accent-500 hover:bg-subtle">
                <FileUp size={14} aria-hidden="true" />
                {t('form.choose')}
              </span>
            </label>
            <label className="inline-flex">
              <input
                ref={folder}
                type="file"
                multiple
                className="peer sr-only"
                onChange={(event) => {
                  add(event.target.files);
                  event.target.value = '';
                }}
              />
              <span className="inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-fg peer-focus-visible:ring-2 peer-focus-visible:ring-accent-500 hover:bg-subtle">
                <FolderUp size={14} aria-hidden="true" />
                {t('form.chooseFolder')}
              </span>
            </label>
            <span className="text-sm text-fg-subtle">{t('form.drop')}</span>
          </div>
          {plan.files.length === 0 ? (
            <p className={tried ? 'mt-2 text-sm text-danger-700' : 'mt-2 text-sm text-fg-muted'}>
              {t(tried ? 'form.needFiles' : 'form.noFiles')}
            </p>
          ) : (
            <div className="mt-2 rounded-md border border-line">
              <Table aria-label={t('form.files')}>
                <THead>
                  <Tr>
                    <Th>{t('form.column.file')}</Th>
                    <Th>{t('form.column.table')}</Th>
                    <Th numeric>{t('form.column.size')}</Th>
                    <Th className="w-8">
                      <span className="sr-only">{t('form.column.remove')}</span>
                    </Th>
                  </Tr>
                </THead>
                <TBody>
                  {plan.files.map((f) => (
                    <Tr key={f.name}>
                      <Td className="font-mono">{f.name}</Td>
                      <Td>
                        {f.problem === 'unknown' ? (
                          <Badge tone="danger">{t('form.unknownTable')}</Badge>
                        ) : f.problem === 'twice' ? (
                          <Badge tone="danger">{t('form.twice')}</Badge>
                        ) : (
                          <span className="font-mono">{f.table}</span>
                        )}
                      </Td>
                      <Td numeric>{formatBytes(f.file.size)}</Td>
                      <Td>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={t('form.removeFile', { name: f.name })}
                          onClick={() => setFiles((current) => current.filter((c) => c !== f.file))}
                        >
                          <X size={14} aria-hidden="true" />
                        </Button>
                      </Td>
                    </Tr>
                  ))}
                  <Tr>
                    <Td className="font-medium">{t('form.total', { count: plan.files.length })}</Td>
                    <Td />
                    <Td numeric className="font-medium">
                      {formatBytes(plan.files.reduce((sum, f) => sum + f.file.size, 0))}
                    </Td>
                    <Td />
                  </Tr>
                </TBody>
              </Table>
            </div>
          )}
          {unknown > 0 && (
            <p className="mt-2 text-sm text-danger-700">
              {t('form.unknownHint', { count: unknown })}
            </p>
          )}
          {twice && <p className="mt-2 text-sm text-danger-700">{t('form.twiceHint')}</p>}
          {plan.ignored.length > 0 && (
            <p className="mt-2 text-sm text-fg-muted">
              {t('form.ignored', { count: plan.ignored.length, names: plan.ignored.join(', ') })}
            </p>
          )}
        </fieldset>

        <div className="grid gap-4 md:grid-cols-2">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-fg">{t('form.mode')}</legend>
            {(['update', 'replace'] as const).map((value) => (
              <label key={value} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                  aria-describedby={`${ids}-${value}`}
                  className="mt-0.5 accent-accent-600"
                />
                <span>
                  <span className="font-medium text-fg">{t(`form.${value}`)}</span>
                  <span id={`${ids}-${value}`} className="block text-fg-muted">
                    {t(`form.${value}Hint`)}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="space-y-3">
            <Field
              label={t('form.asOf')}
              hint={t('form.asOfHint')}
              error={tried && !instantOk ? t('form.asOfInvalid') : undefined}
            >
              {(control) => (
                <Input
                  {...control}
                  className="font-mono"
                  value={instant}
                  onChange={(event) => setInstant(event.target.value)}
                  spellCheck={false}
                />
              )}
            </Field>
            <div className="flex flex-col gap-1">
              <span className="text-sm font-medium text-fg" id={`${ids}-mapping`}>
                {t('form.mapping')}
              </span>
              <div className="flex items-center gap-2">
                <label className="inline-flex">
                  <input
                    type="file"
                    accept=".json,application/json"
                    className="peer sr-only"
                    aria-describedby={`${ids}-mapping-hint`}
                    onChange={(event) => {
                      void readMapping(event.target.files?.[0]);
                      event.target.value = '';
                    }}
                  />
                  <span className="inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border border-line-strong bg-surface px-3 text-sm font-medium text-fg peer-focus-visible:ring-2 peer-focus-visible:ring-accent-500 hover:bg-subtle">
                    {t('form.mappingChoose')}
                  </span>
                </label>
                {mapping !== null && (
                  <>
                    <span className="font-mono text-sm">{mapping.name}</span>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={t('form.mappingRemove')}
                      onClick={() => setMapping(null)}
                    >
                      <X size={14} aria-hidden="true" />
                    </Button>
                  </>
                )}
              </div>
              {mappingError !== null && (
                <p role="alert" className="text-sm text-danger-700">
                  {mappingError}
                </p>
              )}
              <p id={`${ids}-mapping-hint`} className="text-sm text-fg-muted">
                {t('form.mappingHint')}
              </p>
            </div>
          </div>
        </div>

        {refused !== null && (
          <p role="alert" className="text-sm text-danger-700">
            {refused.title}. {refused.detail}
          </p>
        )}
        {busy !== null && (
          <p className="text-sm text-fg-muted">
            {t('progress.startedBy', {
              name: busy.author.name,
              when: formatDateTime(busy.created_at),
            })}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => submit(true)} disabled={disabled}>
            {t('form.check')}
          </Button>
          <Button
            variant={mode === 'replace' ? 'danger' : 'primary'}
            loading={pending}
            disabled={busy !== null}
            onClick={() => submit(false)}
          >
            {t(mode === 'replace' ? 'form.replace' : 'form.import')}
          </Button>
        </div>
      </div>
      {confirming && (
        <ConfirmReplace
          customers={customers}
          files={plan.files.length}
          onConfirm={() => {
            setConfirming(false);
            onSubmit(request(false));
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </Card>
  );
}

function ConfirmReplace({
  customers,
  files,
  onConfirm,
  onClose,
}: {
  customers: number;
  files: number;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('imports');
  const keep = useRef<HTMLButtonElement>(null);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="sm"
        title={t('confirm.title', { customers })}
        description={t('confirm.description', { files })}
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          keep.current?.focus();
        }}
        footer={
          <>
            <DialogClose asChild>
              <Button ref={keep}>{t('confirm.cancel')}</Button>
            </DialogClose>
            <Button variant="danger" onClick={onConfirm}>
              {t('confirm.replace')}
            </Button>
          </>
        }
      />
    </Dialog>
  );
}
