// The browser demo keeps its saved documents (segments, campaigns, the guardrail policy) across
// reloads and tabs: every write the memory store's document repository makes (create, update,
// restore, delete) is appended to a journal in localStorage and replayed on the freshly generated
// data (regenerated from its seed, identical each time). Before each request
// the store applies what other tabs appended, so a save in one tab is a stale version in another,
// as with a real server. Only the mock does this; the real server keeps documents in DuckDB.
import { z } from 'zod';
import { documentTypes } from '../server/documents/kinds.ts';
import { DOCUMENT_KINDS } from '../server/documents/repository.ts';
import { VersionedDocuments } from '../server/documents/versioned-documents.ts';
import { MemoryStore } from '../server/stores/memory.ts';
import type { Dataset } from '../src/domain/profile/schema.ts';

// Bodies are checked against their kind's schema as they are replayed.
const write = z.object({
  body: z.unknown(),
  author: z.string(),
  note: z.string(),
  at: z.string(),
});
const kind = z.enum(DOCUMENT_KINDS);
const entry = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('create'),
    kind,
    id: z.string(),
    write,
    idempotency: z.object({ key: z.string(), fingerprint: z.string() }).nullable(),
  }),
  z.object({ op: z.literal('update'), kind, id: z.string(), expected: z.number().int(), write }),
  z.object({
    op: z.literal('delete'),
    kind,
    id: z.string(),
    expected: z.number().int().nullable(),
  }),
]);
type Entry = z.infer<typeof entry>;

/** Where the journal lives; an in-memory stand-in for tests. */
export interface JournalStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class JournaledStore extends MemoryStore {
  private readonly entries: Entry[] = [];
  private replaying = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    data: Dataset,
    asOf: string,
    private readonly storage: JournalStorage,
    private readonly key: string,
  ) {
    super(data, asOf);
    this.documents.listen((committed) => this.record(committed));
  }

  /**
   * Applies the journal entries this store has not seen (all of them at start, then what other
   * tabs appended). An unreadable or inapplicable journal is dropped and the store starts clean.
   */
  sync(): Promise<{ replayed: number; dropped: boolean }> {
    // One at a time: requests run side by side, and an entry must be applied once.
    const run = this.queue.then(() => this.applyNew());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyNew(): Promise<{ replayed: number; dropped: boolean }> {
    let raw: unknown;
    try {
      raw = JSON.parse(this.storage.getItem(this.key) ?? '[]');
    } catch {
      raw = null;
    }
    const parsed = z.array(entry).safeParse(raw);
    if (!parsed.success) {
      this.storage.removeItem(this.key);
      return { replayed: 0, dropped: true };
    }
    const known = this.entries.length;
    // Another tab rewrote the journal (it could not have seen ours): keep ours.
    if (parsed.data.length < known) return { replayed: 0, dropped: false };
    this.replaying = true;
    try {
      for (const e of parsed.data.slice(known)) {
        await this.replay(e);
        this.entries.push(e);
      }
    } catch {
      // Generated data changed under the journal (a new seed or generator): start clean.
      this.storage.removeItem(this.key);
      return { replayed: this.entries.length - known, dropped: true };
    } finally {
      this.replaying = false;
    }
    return { replayed: this.entries.length - known, dropped: false };
  }

  /** Redoes one write; throws when it no longer applies or its body does not fit its kind. */
  private async replay(e: Entry): Promise<void> {
    const type = documentTypes[e.kind];
    const documents = new VersionedDocuments(this.documents, type);
    if (e.op === 'create') {
      await documents.create(
        e.id,
        { ...e.write, body: type.body.parse(e.write.body) },
        e.idempotency,
      );
    } else if (e.op === 'update') {
      const body = type.body.parse(e.write.body);
      const result = await documents.update(e.id, e.expected, { ...e.write, body });
      if (!result.ok) throw new Error(`cannot replay version ${e.expected + 1} of ${e.id}`);
    } else {
      const result = await documents.delete(e.id, e.expected);
      if (!result.ok) throw new Error(`cannot replay the deletion of ${e.id}`);
    }
  }

  private record(e: Entry) {
    if (this.replaying) return;
    this.entries.push(e);
    try {
      this.storage.setItem(this.key, JSON.stringify(this.entries));
    } catch {
      // A full storage: the documents live until the page closes.
    }
  }
}
