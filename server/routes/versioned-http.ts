// The HTTP side of versioned documents, the same for every kind (segments, campaigns, policies):
// the version is the ETag; a save names the version it edits in If-Match (428 without, 412 with
// the current document when stale); a create may carry an Idempotency-Key; saves to one store run
// one at a time. See docs/decisions/006-saved-segments.md and 012-versioned-documents.md.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IdempotencyRecord } from '../documents/repository.ts';
import { httpError, type HttpError } from '../http.ts';

/** The ETag of a version: its number, quoted. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version If-Match names: `"3"` (the ETag) or `3`. Absent: 428 when required, else null.
 * `*` says nothing about which version was edited, so a save refuses it like a missing header.
 * `etagSource` says where the ETag comes from, e.g. "GET /api/segments/:id".
 */
export function ifMatchVersion(c: Context, required: boolean, etagSource: string): number | null {
  const header = c.req.header('if-match')?.trim() ?? '';
  const send = `Send If-Match: "<version>" with the version you loaded (the ETag of ${etagSource}).`;
  if (header === '' || header === '*') {
    if (!required) return null;
    throw httpError(
      'if_match_required',
      header === '*'
        ? `If-Match: * does not say which version you edited. ${send}`
        : `A save or a deletion must say which version it changes, or it could undo someone's edit. ${send}`,
      {},
    );
  }
  const match = /^(?:"(\d{1,9})"|(\d{1,9}))$/.exec(header);
  const version = Number(match?.[1] ?? match?.[2] ?? NaN);
  if (!Number.isInteger(version) || version < 1) {
    throw httpError(
      'if_match_malformed',
      `If-Match must be one version's ETag, like "3"; got ${header.slice(0, 40)}.`,
      {},
      {
        issues: [
          {
            path: ['headers', 'if-match'],
            code: 'if_match_malformed',
            message: 'Not an ETag this API issued.',
            params: {},
          },
        ],
      },
    );
  }
  return version;
}

/** What a 412 says about the document as it is now. */
export interface CurrentVersion {
  name: string;
  version: number;
  author: string;
  updated_at: string;
}

/** The kinds of versioned document the API serves, as its messages name them. */
export type VersionedNoun = 'segment' | 'campaign' | 'policy';
/** The kinds a client creates (with an Idempotency-Key); the policy comes with the store. */
export type CreatableNoun = Exclude<VersionedNoun, 'policy'>;

/**
 * 412: the save edited `expected`, not the current version; the body carries the current document
 * (as the API shows it) so that the client can show both versions and lose neither.
 */
export function preconditionFailed(
  noun: VersionedNoun,
  id: string,
  current: CurrentVersion,
  expected: number,
): HttpError {
  const message =
    `“${current.name}” is at version ${current.version} (saved by ${current.author} at ` +
    `${current.updated_at}), not version ${expected} which you edited; nothing was saved. ` +
    `Compare with the current version, then save again with If-Match: "${current.version}".`;
  const figures = {
    name: current.name,
    version: current.version,
    expected,
    author: current.author,
    updated_at: current.updated_at,
  };
  switch (noun) {
    case 'segment':
      return httpError('version_conflict', message, { segment_id: id, ...figures }, { current });
    case 'campaign':
      return httpError(
        'campaign_version_conflict',
        message,
        { campaign_id: id, ...figures },
        { current },
      );
    case 'policy':
      return httpError(
        'policy_version_conflict',
        message,
        { policy_id: id, ...figures },
        { current },
      );
  }
}

/** Answers with a document and its ETag; a 201 also says where the new document lives. */
export function versionedResponse<T extends { version: number }>(
  c: Context,
  document: T,
  status: 200 | 201,
  location: string,
) {
  c.header('ETag', etagOf(document.version));
  if (status === 201) c.header('Location', location);
  return c.json(document, status);
}

/** The Idempotency-Key header, if any: 1–200 visible ASCII characters, else a 400. */
export function idempotencyKey(c: Context): string | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw httpError(
      'idempotency_key_invalid',
      'An Idempotency-Key is 1–200 visible ASCII characters (a UUID is ideal).',
      { max: 200 },
      {
        issues: [
          {
            path: ['headers', 'idempotency-key'],
            code: 'idempotency_key_invalid',
            message: 'Not 1–200 visible ASCII characters.',
            params: { max: 200 },
          },
        ],
      },
    );
  }
  return key;
}

/** The fingerprint an Idempotency-Key is bound to: the parsed request, so spacing does not count. */
export function fingerprintOf(request: object): string {
  return JSON.stringify(request);
}

/**
 * What a create with this Idempotency-Key does: null when the key is new (create, recording it);
 * the document it created when the request is the same (answer it again, with
 * `Idempotent-Replayed: true`); a 409 when the key came with another request, or its document
 * was deleted since (never recreated silently).
 */
export async function idempotentReplay<T>(
  key: string | null,
  fingerprint: string,
  noun: CreatableNoun,
  lookup: {
    record: (key: string) => Promise<IdempotencyRecord | null>;
    current: (id: string) => Promise<T | null>;
  },
): Promise<T | null> {
  const previous = key === null ? null : await lookup.record(key);
  if (previous === null) return null;
  const id = previous.id;
  if (previous.fingerprint !== fingerprint) {
    const message =
      `This Idempotency-Key already created ${noun} '${id}' from another ` +
      `request; nothing was created. Send a new key for a new ${noun}.`;
    throw noun === 'segment'
      ? httpError('idempotency_key_reused', message, { segment_id: id })
      : httpError('campaign_idempotency_key_reused', message, { campaign_id: id });
  }
  const current = await lookup.current(id);
  if (current === null) {
    const message =
      `The ${noun} this Idempotency-Key created ('${id}') was deleted ` +
      'since; nothing was created. Send a new key to create it again.';
    throw noun === 'segment'
      ? httpError('idempotency_key_deleted', message, { segment_id: id })
      : httpError('campaign_idempotency_key_deleted', message, { campaign_id: id });
  }
  return current;
}

/** Marks a response as the replay of an earlier create. */
export function markReplayed(c: Context): void {
  c.header('Idempotent-Replayed', 'true');
}

/**
 * Runs saves one at a time per store, so the checks before a save (references, loops, "is it
 * used?") see the documents the save will sit among.
 */
const saveQueues = new WeakMap<object, Promise<unknown>>();
export function oneSaveAtATime<T>(store: object, work: () => Promise<T>): Promise<T> {
  const run = (saveQueues.get(store) ?? Promise.resolve()).then(work);
  saveQueues.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

/** 404 for a version a document does not hold, saying which versions it does. */
export function versionNotFound(
  noun: VersionedNoun,
  id: string,
  version: number,
  versions: readonly number[],
): HttpError {
  const oldest = Math.min(...versions);
  const newest = Math.max(...versions);
  const held =
    oldest === newest
      ? `only version ${oldest} is recorded`
      : `versions ${oldest} to ${newest} are recorded`;
  const Noun = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
  const message = `${Noun} '${id}' has no version ${version}: ${held}.`;
  const figures = { version, oldest, newest };
  switch (noun) {
    case 'segment':
      return httpError('version_not_found', message, { segment_id: id, ...figures });
    case 'campaign':
      return httpError('campaign_version_not_found', message, { campaign_id: id, ...figures });
    case 'policy':
      return httpError('policy_version_not_found', message, { policy_id: id, ...figures });
  }
}

/** A request body limit whose 413 names what was sent. */
export function limitBody(maxBytes: number, what: string) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      const maxKb = maxBytes / 1024;
      throw httpError('body_too_large', `${what} is at most ${maxKb} KB.`, { max_kb: maxKb });
    },
  });
}

/** The body as JSON (an empty body as `emptyAs`, when given), or a 400. */
export async function readJson(request: Request, emptyAs?: unknown): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '' && emptyAs !== undefined) return emptyAs;
  try {
    return JSON.parse(text);
  } catch {
    throw bodyNotJson();
  }
}

/** 400: the body is not JSON. */
export function bodyNotJson(): HttpError {
  return httpError(
    'body_not_json',
    'The body is not JSON.',
    {},
    { issues: [{ path: ['body'], code: 'body_not_json', message: 'Not JSON.', params: {} }] },
  );
}
