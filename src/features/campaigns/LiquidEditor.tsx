// A Liquid template field: CodeMirror 6 with Liquid (over HTML) highlighting,
// completion of the personalisation context's fields and filters as the API lists them, and the
// template's errors underlined at their line and column. Loaded with the campaign routes only.
import type { Completion } from '@codemirror/autocomplete';
import { liquid } from '@codemirror/lang-liquid';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Text } from '@codemirror/state';
import { EditorView, placeholder as placeholderText } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { clsx } from 'clsx';
import { useEffect, useMemo, useRef } from 'react';

/** A field of the personalisation context: `customer.first_name`, `recommendations[].title`. */
export interface ContextFieldOption {
  path: string;
  type: string;
  /** In the user's language. */
  description: string;
}

/** A problem at a 1-based line and column. */
export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

export interface LiquidEditorProps {
  /** The accessible name of the text area (the visible label says the same). */
  label: string;
  id?: string;
  value: string;
  onChange: (value: string) => void;
  fields: readonly ContextFieldOption[];
  filters: readonly { name: string; description: string }[];
  problems: readonly TemplateProblem[];
  /** One line (a subject); Enter does not add a line. */
  singleLine?: boolean;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
}

const segmentsOf = (path: string) => path.replace(/\[\]/g, '').split('.');

/** Completions one level below `path` (["customer"] → first_name, city…). */
export function childCompletions(
  fields: readonly ContextFieldOption[],
  path: readonly string[],
): Completion[] {
  const seen = new Map<string, Completion>();
  for (const field of fields) {
    const parts = segmentsOf(field.path);
    if (parts.length <= path.length) continue;
    if (!path.every((p, i) => parts[i] === p)) continue;
    const name = parts[path.length];
    if (name === undefined || seen.has(name)) continue;
    const leaf = parts.length === path.length + 1;
    seen.set(name, {
      label: name,
      type: leaf ? 'property' : 'namespace',
      detail: leaf ? field.type : undefined,
      info: leaf ? field.description : undefined,
    });
  }
  return [...seen.values()];
}

/** A 1-based line and column as an offset in the document, clamped inside it. */
export function offsetOf(doc: Text, line: number, column: number): number {
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(at.from + Math.max(column - 1, 0), at.to);
}

/** The problems to underline, handed to the editor's state so the lint reads them there. */
const setProblems = StateEffect.define<readonly TemplateProblem[]>();
const problemsField = StateField.define<readonly TemplateProblem[]>({
  create: () => [],
  update: (value, tr) => {
    for (const effect of tr.effects) if (effect.is(setProblems)) return effect.value;
    return value;
  },
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'var(--color-surface)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'var(--font-mono, ui-monospace, monospace)', padding: '6px 0' },
  '.cm-gutters': {
    backgroundColor: 'var(--color-canvas)',
    borderRight: '1px solid var(--color-line)',
    color: 'var(--color-fg-subtle)',
  },
  '.cm-tooltip': {
    border: '1px solid var(--color-line)',
    borderRadius: '6px',
    backgroundColor: 'var(--color-surface)',
    boxShadow: '0 4px 12px rgb(0 0 0 / 0.08)',
  },
  '.cm-tooltip-autocomplete': { fontSize: '13px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--color-accent-50)',
    color: 'var(--color-accent-800)',
  },
  '.cm-completionInfo': { padding: '4px 8px', maxWidth: '20rem' },
});

export function LiquidEditor({
  label,
  id,
  value,
  onChange,
  fields,
  filters,
  problems,
  singleLine = false,
  placeholder,
  describedBy,
  invalid = false,
}: LiquidEditorProps) {
  // The problems go to the editor's state and the lint is forced, so a new render result does not
  // rebuild the editor's extensions (that would close an open completion).
  const viewRef = useRef<EditorView | null>(null);
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({ effects: setProblems.of(problems) });
    forceLinting(view);
  }, [problems]);
  const extensions = useMemo(() => {
    const completion = {
      variables: childCompletions(fields, []),
      properties: (path: readonly string[]) => childCompletions(fields, path),
      filters: filters.map((f) => ({ label: f.name, type: 'function', info: f.description })),
    };
    return [
      liquid(completion),
      problemsField,
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-label': label,
        ...(id === undefined ? {} : { id }),
        ...(singleLine ? { 'aria-multiline': 'false' } : {}),
      }),
      ...(placeholder === undefined ? [] : [placeholderText(placeholder)]),
      linter(
        (view): Diagnostic[] =>
          view.state.field(problemsField).map((p) => {
            const from = offsetOf(view.state.doc, p.line, p.column);
            const to = Math.min(from + 1, view.state.doc.length);
            return { from, to: Math.max(to, from), severity: 'error', message: p.message };
          }),
        { delay: 0 },
      ),
      // One line: a change that would add a line break is refused (a pasted one included).
      ...(singleLine
        ? [EditorState.transactionFilter.of((tr) => (tr.newDoc.lines > 1 ? [] : tr))]
        : [lintGutter()]),
    ];
  }, [fields, filters, label, id, singleLine, placeholder]);

  // Set on the text area directly: as extensions they would rebuild the editor as errors come and go.
  useEffect(() => {
    const content = viewRef.current?.contentDOM;
    if (!content) return;
    if (invalid) content.setAttribute('aria-invalid', 'true');
    else content.removeAttribute('aria-invalid');
    if (describedBy === undefined) content.removeAttribute('aria-describedby');
    else content.setAttribute('aria-describedby', describedBy);
  }, [invalid, describedBy]);

  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      onCreateEditor={(view) => {
        viewRef.current = view;
      }}
      extensions={extensions}
      basicSetup={{
        lineNumbers: !singleLine,
        foldGutter: false,
        highlightActiveLine: !singleLine,
        highlightActiveLineGutter: !singleLine,
        searchKeymap: !singleLine,
      }}
      className={clsx(
        'overflow-hidden rounded-md border focus-within:ring-2 focus-within:ring-focus',
        invalid ? 'border-danger-600' : 'border-line-control',
      )}
      minHeight={singleLine ? undefined : '12rem'}
      maxHeight={singleLine ? undefined : '28rem'}
    />
  );
}
