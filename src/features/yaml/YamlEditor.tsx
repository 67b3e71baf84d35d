/**
 * The YAML editor panel: CodeMirror 6 with YAML support, inline errors at their line and column, and
 * schema-aware completion of field names. It is controlled: it shows `value` and reports each edit through
 * `onChange`; nothing is applied while the person types. Ctrl/Cmd+S and Ctrl/Cmd+Enter call `onApply`
 * (the caller validates and applies, as `kubectl apply` does, or passes back `issues`). Loaded lazily:
 * never import this module statically.
 */
import CodeMirror, { EditorView, keymap, type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Prec, type Extension, type Text } from '@codemirror/state';
import { oneDarkTheme } from '@codemirror/theme-one-dark';
import { tags as t } from '@lezer/highlight';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { cursorContext } from './yamlPath';

/**
 * One Dark's editor chrome with token colours lifted to WCAG AA contrast (4.5:1) on its background and
 * its active line: One Dark's own keys (#e06c75) and comments (#7d8799) fall short of it.
 */
const darkHighlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: '#f0a0a8' },
  { tag: [t.string, t.special(t.string), t.inserted], color: '#a5d08a' },
  { tag: [t.number, t.bool, t.null, t.atom, t.constant(t.name)], color: '#e5b07a' },
  { tag: [t.keyword, t.typeName, t.labelName], color: '#d7a0ec' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: '#a3abb9', fontStyle: 'italic' },
  { tag: [t.meta, t.documentMeta, t.processingInstruction], color: '#b9c0cc' },
  { tag: [t.punctuation, t.separator, t.operator, t.squareBracket, t.brace], color: '#c8ced8' },
  { tag: t.invalid, color: '#ffffff', backgroundColor: '#b3261e' },
]);
const darkTheme: Extension = [oneDarkTheme, syntaxHighlighting(darkHighlight)];

/** One problem to show inline (1-based line and column, as io's issues have them). */
export interface EditorIssue {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Field names allowed at a path of an object of a kind (the store passes io's `fieldsAt` with the schema). */
export type FieldLister = (apiVersion: string, kind: string, path: string[]) => readonly string[];

/** Supported values of the field at a path (io's `valuesAt`: the schema's enums), empty when free-form. */
export type ValueLister = (apiVersion: string, kind: string, path: string[]) => readonly string[];

export interface YamlEditorProps {
  /** The text to show (the caller keeps the person's edits and passes them back). */
  value: string;
  /** Problems of the text, shown at their line. */
  issues?: readonly EditorIssue[];
  /** Called with the text after each edit; nothing is applied. */
  onChange?: (text: string) => void;
  /** Ctrl/Cmd+S or Ctrl/Cmd+Enter in the editor: the person asks to apply the text. */
  onApply?: (text: string) => void;
  /** Schema-aware completion of field names. */
  listFields?: FieldLister;
  /** Schema-aware completion of values (enum fields such as imagePullPolicy). */
  listValues?: ValueLister;
  /** Colours: follow the app's theme (`data-theme` on the root element). */
  theme?: 'light' | 'dark';
  readOnly?: boolean;
  /** Accessible name of the editor. */
  label?: string;
  /**
   * Opened with errors already known (a rejected import): scroll the first one into view and put the
   * cursor there; 'focus' also moves the keyboard focus into the editor.
   */
  revealFirstError?: 'scroll' | 'focus';
}

/** Converts an issue to a CodeMirror diagnostic, clamped to the document. */
export function toDiagnostic(doc: Text, issue: EditorIssue): Diagnostic {
  const line = doc.line(Math.min(Math.max(issue.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(issue.column - 1, 0), line.to);
  return { from, to: Math.max(from, line.to), severity: issue.severity, message: issue.message };
}

/** Scrolls the first error of `issues` into view (centred) and puts the cursor at it; false when none. */
export function revealFirstError(view: EditorView, issues: readonly EditorIssue[]): boolean {
  const first = issues.find((i) => i.severity === 'error');
  if (!first) return false;
  const { from } = toDiagnostic(view.state.doc, first);
  view.dispatch({
    selection: { anchor: from },
    effects: EditorView.scrollIntoView(from, { y: 'center' }),
  });
  return true;
}

/** Completion of keys (from the schema's fields at the cursor's path) and of enum values after `key: `. */
export function completionSource(listFields: FieldLister, listValues?: ValueLister) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const lines = ctx.state.doc.toString().split('\n');
    // A value: the cursor is after `key: ` of a field with supported values.
    const v = /^(\s*)(?:-\s+)?([\w.-]+):\s+([\w-]*)$/.exec(before);
    if (v && listValues) {
      const { apiVersion, kind, path } = cursorContext(lines, line.number - 1);
      const values = listValues(apiVersion, kind, [...path, v[2] ?? '']);
      if (!values.length) return null;
      return {
        from: ctx.pos - (v[3]?.length ?? 0),
        options: values.map((value) => ({ label: value, type: 'enum' })),
        validFor: /^[\w-]*$/,
      };
    }
    // Complete keys only: the cursor is after indentation (and maybe a list dash), in a key being typed.
    const m = /^(\s*)(-\s+)?([\w.-]*)$/.exec(before);
    if (!m || (!ctx.explicit && !m[3])) return null;
    const { apiVersion, kind, path } = cursorContext(lines, line.number - 1);
    const fields =
      path.length === 0 && !m[1]
        ? ['apiVersion', 'kind', 'metadata', 'spec']
        : listFields(apiVersion, kind, path);
    if (!fields.length) return null;
    return {
      from: ctx.pos - (m[3]?.length ?? 0),
      options: fields.map((f) => ({ label: f, type: 'property', apply: `${f}: ` })),
      validFor: /^[\w.-]*$/,
    };
  };
}

/** The editor panel. Every value is shown as text: CodeMirror never interprets content as HTML. */
export function YamlEditor({
  value,
  issues = [],
  onChange,
  onApply,
  listFields,
  listValues,
  readOnly = false,
  label = 'YAML',
  theme = 'dark',
  revealFirstError: reveal,
}: YamlEditorProps) {
  const ref = useRef<ReactCodeMirrorRef>(null);
  // The keymap is made once; it calls the latest onApply.
  const apply = useRef(onApply);
  apply.current = onApply;

  const issuesRef = useRef(issues);
  issuesRef.current = issues;
  const showIssues = (view: EditorView): void => {
    view.dispatch(
      setDiagnostics(
        view.state,
        issuesRef.current.map((i) => toDiagnostic(view.state.doc, i)),
      ),
    );
  };
  // The latest onChange, behind a stable function: a new one would make CodeMirror reconfigure.
  const change = useRef(onChange);
  change.current = onChange;
  const onDocChange = useCallback((text: string) => change.current?.(text), []);

  // Opened with problems already known (a rejected import): show them at once, the first one in view.
  const onCreate = (view: EditorView): void => {
    showIssues(view);
    if (reveal && revealFirstError(view, issuesRef.current) && reveal === 'focus') view.focus();
  };

  const extensions = useMemo(() => {
    const run = (view: EditorView): boolean => {
      apply.current?.(view.state.doc.toString());
      return true;
    };
    return [
      yaml(),
      // The diagnostics' state in the configuration itself (setDiagnostics would append it, and
      // CodeMirror's reconfiguration on a theme switch would then drop the marks); no lint source.
      linter(null),
      lintGutter(),
      // Before the default keymap (Ctrl+Enter inserts a line there) and the browser's Save page.
      Prec.highest(
        keymap.of([
          { key: 'Mod-s', run, preventDefault: true },
          { key: 'Mod-Enter', run, preventDefault: true },
        ]),
      ),
      // The accessible name goes on the editable element itself (a screen reader announces it there); it
      // takes the focus even read-only, so the keyboard can reach and scroll the text (the scroller holds it).
      EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
      ...(listFields ? [autocompletion({ override: [completionSource(listFields, listValues)] })] : []),
    ];
  }, [listFields, listValues, label]);

  // Shown again when the extensions change (completion arriving with the schema).
  useEffect(() => {
    const view = ref.current?.view;
    if (view) showIssues(view);
  }, [issues, value, extensions]);

  return (
    <div className="h-full min-h-0 overflow-hidden" data-testid="yaml-editor" data-editor-theme={theme}>
      <CodeMirror
        ref={ref}
        // The wrapper takes the panel's height, so the editor scrolls inside it (not clipped past it).
        className="h-full"
        value={value}
        height="100%"
        extensions={extensions}
        onCreateEditor={onCreate}
        onChange={onDocChange}
        readOnly={readOnly}
        theme={theme === 'dark' ? darkTheme : 'light'}
        basicSetup={{ lineNumbers: true, foldGutter: true, autocompletion: false }}
      />
    </div>
  );
}
