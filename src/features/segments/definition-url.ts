// Where a definition lives outside the builder: base64url JSON in the URL (`?d=`) and a draft in
// localStorage. Both are untrusted on the way in: parsed by the definition schema, never asserted.
import { z } from 'zod';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { parseDefinition } from '../../domain/segment/parse-definition.ts';
import type { CodedIssue } from '../../domain/zod-issue.ts';

/** Why a link's segment could not be read: the builder words it (issue-text.ts). */
export type LinkProblem =
  | { kind: 'not_a_link' }
  | { kind: 'cut_short' }
  /** Valid JSON that is not a definition: its first issue. */
  | { kind: 'edited'; issue: CodedIssue | null };

export type Decoded =
  { ok: true; definition: SegmentDefinition } | { ok: false; problem: LinkProblem };

export { encodeDefinition } from '../../domain/segment/link.ts';

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

export function decodeDefinition(encoded: string): Decoded {
  let text: string;
  try {
    const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { kind: 'not_a_link' } };
  }
  const json = parseJson(text);
  if (!json.ok) return { ok: false, problem: { kind: 'cut_short' } };
  const parsed = parseDefinition(json.value);
  if (parsed.ok) return parsed;
  return { ok: false, problem: { kind: 'edited', issue: parsed.issues[0] ?? null } };
}

/** Where the draft of a new segment is kept; a saved segment's draft adds `.<segment id>`. */
export const NEW_DRAFT_KEY = 'tact.segments.draft';
export const savedDraftKey = (segmentId: string) => `${NEW_DRAFT_KEY}.${segmentId}`;

const storedDraft = z.object({
  saved_at: z.string(),
  definition: z.unknown(),
  name: z.string().max(500).optional(),
  /** The saved version the edits started from (a saved segment's draft only). */
  base_version: z.number().int().min(1).optional(),
});

export interface Draft {
  definition: SegmentDefinition;
  name?: string;
  baseVersion?: number;
}

export type DraftRead =
  { status: 'none' } | ({ status: 'ok'; savedAt: string } & Draft) | { status: 'corrupt' };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readDraft(key: string): DraftRead {
  let raw: string | null;
  try {
    raw = storage()?.getItem(key) ?? null;
  } catch {
    return { status: 'none' };
  }
  if (raw === null) return { status: 'none' };
  const json = parseJson(raw);
  const draft = json.ok ? storedDraft.safeParse(json.value) : null;
  if (!draft?.success) return { status: 'corrupt' };
  const parsed = parseDefinition(draft.data.definition);
  if (!parsed.ok) return { status: 'corrupt' };
  return {
    status: 'ok',
    definition: parsed.definition,
    savedAt: draft.data.saved_at,
    ...(draft.data.name === undefined ? {} : { name: draft.data.name }),
    ...(draft.data.base_version === undefined ? {} : { baseVersion: draft.data.base_version }),
  };
}

/** Saves the draft, or clears it with null. A full or blocked storage is not an error. */
export function writeDraft(key: string, draft: Draft | null, now: Date = new Date()): void {
  try {
    if (draft === null) {
      storage()?.removeItem(key);
      return;
    }
    const record: z.input<typeof storedDraft> = {
      saved_at: now.toISOString(),
      definition: draft.definition,
      ...(draft.name === undefined ? {} : { name: draft.name }),
      ...(draft.baseVersion === undefined ? {} : { base_version: draft.baseVersion }),
    };
    storage()?.setItem(key, JSON.stringify(record));
  } catch {
    // Private mode or a full quota: the URL still holds the definition.
  }
}
