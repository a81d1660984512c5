// The notes the system writes on a version of a versioned document (a segment, a campaign), in one
// place: the server writes them, the client reads them back as codes to word them in the user's
// language. A note a person typed is none of these and is shown as typed.

export const CREATED_NOTE = 'created';

export const restoredNote = (version: number) => `restored from version ${version}`;

export const importedNote = (version: number) => `imported at version ${version}`;

export type SystemNote =
  | { kind: 'created' }
  | { kind: 'restored'; version: number }
  | { kind: 'imported'; version: number };

const RESTORED = /^restored from version ([1-9]\d{0,8})$/;
const IMPORTED = /^imported at version ([1-9]\d{0,8})$/;

/** The system note a version's note is, or null for a note a person typed. */
export function systemNote(note: string): SystemNote | null {
  if (note === CREATED_NOTE) return { kind: 'created' };
  const restored = RESTORED.exec(note)?.[1];
  if (restored !== undefined) return { kind: 'restored', version: Number(restored) };
  const imported = IMPORTED.exec(note)?.[1];
  if (imported !== undefined) return { kind: 'imported', version: Number(imported) };
  return null;
}

/** Who saved a version when the request does not say (stored as is; the interface words it). */
export const ANONYMOUS_AUTHOR = 'Anonymous';
