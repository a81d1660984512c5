// The browser demo keeps its saved segments across reloads and tabs: every successful save,
// restore and delete is appended to a journal in localStorage and replayed on the freshly
// generated data (regenerated from its seed, identical each time). Before each request the store
// applies what other tabs appended, so a save in one tab is a stale version in another, as with a
// real server. Only the mock does this; the real server keeps segments in DuckDB.
import { z } from 'zod';
import { MemoryStore } from '../server/stores/memory.ts';
import type { SegmentWrite } from '../server/store.ts';
import type { Dataset } from '../src/domain/profile/schema.ts';
import { segmentDefinition } from '../src/domain/segment/definition.ts';

const write = z.object({
  name: z.string(),
  description: z.string(),
  definition: segmentDefinition,
  author: z.string(),
  note: z.string(),
  at: z.string(),
});
const entry = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('create'),
    id: z.string(),
    write,
    idempotency: z.object({ key: z.string(), fingerprint: z.string() }).nullable(),
  }),
  z.object({ op: z.literal('update'), id: z.string(), expected: z.number().int(), write }),
  z.object({ op: z.literal('delete'), id: z.string(), expected: z.number().int().nullable() }),
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
        if (e.op === 'create') await this.createSegment(e.id, e.write, e.idempotency);
        else if (e.op === 'update') {
          const result = await this.updateSegment(e.id, e.expected, e.write);
          if (!result.ok) throw new Error(`cannot replay version ${e.expected + 1} of ${e.id}`);
        } else {
          const result = await this.deleteSegment(e.id, e.expected);
          if (!result.ok) throw new Error(`cannot replay the deletion of ${e.id}`);
        }
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

  private record(e: Entry) {
    if (this.replaying) return;
    this.entries.push(e);
    try {
      this.storage.setItem(this.key, JSON.stringify(this.entries));
    } catch {
      // A full storage: the segments live until the page closes.
    }
  }

  override async createSegment(
    id: string,
    w: SegmentWrite,
    idempotency: { key: string; fingerprint: string } | null,
  ) {
    const segment = await super.createSegment(id, w, idempotency);
    this.record({ op: 'create', id, write: w, idempotency });
    return segment;
  }

  override async updateSegment(id: string, expected: number, w: SegmentWrite) {
    const result = await super.updateSegment(id, expected, w);
    if (result.ok) this.record({ op: 'update', id, expected, write: w });
    return result;
  }

  override async deleteSegment(id: string, expected: number | null) {
    const result = await super.deleteSegment(id, expected);
    if (result.ok) this.record({ op: 'delete', id, expected });
    return result;
  }
}
