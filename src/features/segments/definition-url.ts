// Where a definition lives outside the builder: base64url JSON in the URL (`?d=`) and a draft in
// localStorage. Both are untrusted on the way in: parsed by the definition schema, never asserted.
import { z } from 'zod';
import { parseDefinition, type SegmentDefinition } from '../../domain/segment/definition.ts';

export type Decoded = { ok: true; definition: SegmentDefinition } | { ok: false; message: string };

export function encodeDefinition(definition: SegmentDefinition): string {
  const bytes = new TextEncoder().encode(JSON.stringify(definition));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

const BROKEN_LINK = 'The segment in this link could not be read, so the builder starts empty.';

export function decodeDefinition(encoded: string): Decoded {
  let text: string;
  try {
    const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: `${BROKEN_LINK} It is not a segment link (it may be cut short).` };
  }
  const json = parseJson(text);
  if (!json.ok) return { ok: false, message: `${BROKEN_LINK} It may be cut short.` };
  const parsed = parseDefinition(json.value);
  if (parsed.ok) return parsed;
  const first = parsed.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return { ok: false, message: `${BROKEN_LINK} It was edited by hand${where}: ${first?.message}` };
}

const DRAFT_KEY = 'tact.segments.draft';
const storedDraft = z.object({ saved_at: z.string(), definition: z.unknown() });

export type DraftRead =
  | { status: 'none' }
  | { status: 'ok'; definition: SegmentDefinition; savedAt: string }
  | { status: 'corrupt' };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readDraft(): DraftRead {
  const raw = storage()?.getItem(DRAFT_KEY) ?? null;
  if (raw === null) return { status: 'none' };
  const json = parseJson(raw);
  const draft = json.ok ? storedDraft.safeParse(json.value) : null;
  if (!draft?.success) return { status: 'corrupt' };
  const parsed = parseDefinition(draft.data.definition);
  if (!parsed.ok) return { status: 'corrupt' };
  return { status: 'ok', definition: parsed.definition, savedAt: draft.data.saved_at };
}

/** Saves the draft; an empty definition clears it. A full or blocked storage is not an error. */
export function writeDraft(definition: SegmentDefinition, now: Date = new Date()): void {
  try {
    if (definition.root.children.length === 0) storage()?.removeItem(DRAFT_KEY);
    else storage()?.setItem(DRAFT_KEY, JSON.stringify({ saved_at: now.toISOString(), definition }));
  } catch {
    // Private mode or a full quota: the URL still holds the definition.
  }
}
