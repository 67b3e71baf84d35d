/**
 * The dock's YAML tab, edited as `kubectl apply -f` edits a file: the selected object's authored YAML
 * (or its live object, read-only, as `kubectl get -o yaml` prints it), or with nothing selected the whole
 * design. Typing changes nothing: the text is checked as the person types (problems at their line), and
 * applied only on Apply (Ctrl/Cmd+S, Ctrl/Cmd+Enter), as one undoable command; Revert drops the edits.
 * Unapplied text is kept when the canvas changes (a banner offers to reload from the canvas; Apply changes
 * only what the text changed) and when the selection moves away and back. An import that failed opens here
 * in its own Import tab with its errors, to fix and retry. Loaded lazily; CodeMirror lazier still.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTheme } from '../../components/ui';
import { isClusterScoped, keyOf, toYaml, type KubeObject } from '../../engine';
import {
  applyEdit,
  checkManifests,
  dropRejectedImport,
  exportYamlOf,
  getEditDraft,
  importText,
  setEditDraft,
  loadSchemaListers,
  notify,
  sessionStore,
  dismissNotice,
  updateRejectedImport,
  useDocument,
  useObject,
  useSelection,
  useSession,
  type DocumentState,
  type EditDraft,
  type EditOutcome,
  type RejectedImport,
  type SchemaListers,
  type SessionState,
} from '../../store';
import { issuesFromImport, parseYamlObjects, toYamlText, type TextIssue } from './yamlEdit';

const YamlEditor = lazy(() => import('../yaml'));

type Mode = 'authored' | 'live';

const selectObjects = (s: DocumentState): readonly KubeObject[] => s.objects;

/** The schema's field names and enum values for completion, loaded once for every editor. */
let listers: Promise<SchemaListers> | undefined;

function useSchemaListers(): SchemaListers | undefined {
  const [value, setValue] = useState<SchemaListers>();
  useEffect(() => {
    let live = true;
    listers ??= loadSchemaListers();
    void listers.then((l) => live && setValue(l));
    return () => {
      live = false;
    };
  }, []);
  return value;
}

/**
 * The lazy editor, in the app's theme (light or dark), with schema-aware completion; the editor puts the
 * accessible name on its editable element.
 */
function Editor(props: {
  value: string;
  onChange?: (text: string) => void;
  onApply?: () => void;
  issues: readonly TextIssue[];
  readOnly?: boolean;
  label: string;
  revealFirstError?: 'scroll' | 'focus';
}) {
  const theme = useTheme();
  const schema = useSchemaListers();
  const { onApply } = props;
  return (
    <div className="h-full">
      <Suspense fallback={<p className="p-2 text-slate-400">Loading the editor…</p>}>
        <YamlEditor
          value={props.value}
          {...(props.onChange ? { onChange: props.onChange } : {})}
          {...(onApply ? { onApply: () => onApply() } : {})}
          issues={props.issues}
          readOnly={props.readOnly ?? false}
          label={props.label}
          theme={theme}
          {...(props.revealFirstError ? { revealFirstError: props.revealFirstError } : {})}
          {...(schema && !props.readOnly
            ? { listFields: schema.listFields, listValues: schema.listValues }
            : {})}
        />
      </Suspense>
    </div>
  );
}

function Issues({ issues }: { issues: readonly TextIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul
      role="alert"
      aria-label="YAML problems"
      className="max-h-20 overflow-auto border-t border-slate-800 px-2 py-1 text-red-400"
    >
      {issues.map((i, n) => (
        <li key={n}>
          line {i.line}:{i.column} {i.message}
        </li>
      ))}
    </ul>
  );
}

/** Text the person typed and has not applied (kept by the store across a reload, until applied or reverted). */
type Draft = EditDraft;

/** The editor's text: the person's unapplied draft, or else the design's text as it is now. */
function useDraft(id: string, source: string, shown: readonly KubeObject[]) {
  const [draft, setDraft] = useState<Draft | undefined>(() => getEditDraft(id));
  const set = useCallback(
    (d: Draft | undefined) => {
      setEditDraft(id, d);
      setDraft(d);
    },
    [id],
  );
  const edit = (text: string) => {
    const d = getEditDraft(id);
    if (!d) {
      if (text !== source) set({ text, base: source, shown });
    } else if (text === d.base && d.base === source) set(undefined);
    else set({ ...d, text });
  };
  // Edits typed and taken back by hand: follow the design again.
  useEffect(() => {
    const d = getEditDraft(id);
    if (d && d.text === d.base && d.base !== source) set(undefined);
  }, [id, source, set]);
  return {
    text: draft?.text ?? source,
    draft,
    dirty: draft !== undefined && draft.text !== draft.base,
    /** The design changed (on the canvas, by undo...) since the person began editing. */
    stale: draft !== undefined && draft.base !== source,
    /** Kept from before a reload: when it was last typed in. */
    restoredFrom: draft?.restoredFrom,
    edit,
    discard: () => set(undefined),
  };
}

/** Texts longer than this are checked against the schema on Apply only (their syntax as they are typed). */
const LIVE_CHECK_CHARS = 300_000;
const CHECK_DELAY_MS = 300;

/**
 * Problems of the text as the person types (after a short pause): YAML syntax and shape, then the
 * Kubernetes schema, as the import and Apply check it. Nothing is applied. `extra` adds the editor's own
 * rule (the selected-object editor holds one object).
 */
function useLiveCheck(
  text: string,
  active: boolean,
  file: string,
  initial: readonly TextIssue[],
  extra?: (objects: readonly KubeObject[]) => TextIssue[],
) {
  const [issues, setIssues] = useState<readonly TextIssue[]>(initial);
  const seq = useRef(0);
  const extraRef = useRef(extra);
  extraRef.current = extra;
  useEffect(() => {
    const n = ++seq.current;
    if (!active) {
      setIssues(initial);
      return;
    }
    const timer = setTimeout(() => {
      const parsed = parseYamlObjects(text);
      if (!parsed.ok) return setIssues(parsed.issues);
      if (text.length > LIVE_CHECK_CHARS) return setIssues(extraRef.current?.(parsed.objects) ?? []);
      void checkManifests(text, file).then((r) => {
        if (n !== seq.current) return;
        if (!r.ok) setIssues(issuesFromImport(r.errors, file));
        else setIssues(extraRef.current?.(r.objects) ?? []);
      });
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
    // `initial` is shown until the person edits; a new array each render must not restart the check.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, active, file]);
  /** Problems found by Apply (the same check), shown at once. */
  const report = (found: readonly TextIssue[]) => {
    seq.current++;
    setIssues(found);
  };
  return { issues, report };
}

/** What an Apply did, in one line. */
export function appliedSummary(o: Extract<EditOutcome, { ok: true }>): string {
  const parts = [
    o.renamed && `${o.renamed} renamed`,
    o.added && `${o.added} added`,
    o.changed && `${o.changed} changed`,
    o.removed && `${o.removed} removed`,
  ].filter(Boolean);
  return parts.length
    ? `Applied: ${parts.join(', ')}. Ctrl+Z undoes it.`
    : 'Nothing to apply: the text matches the design.';
}

/** Dismisses the toasts an import posted since `after` (the panel shows the same thing inline). */
function dismissToasts(after: number, title: RegExp): void {
  for (const n of sessionStore.getState().notices)
    if (n.id > after && title.test(n.title) && n.lines.length === 0) dismissNotice(n.id);
}

function lastNoticeId(): number {
  return sessionStore.getState().notices.at(-1)?.id ?? 0;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform);
const APPLY_KEYS = isMac ? '⌘S' : 'Ctrl+S';

/**
 * The state of the text and its actions: "Unapplied changes" with Apply and Revert, or what the last
 * Apply did; a banner when the design changed since the person began editing.
 */
function EditBar(props: {
  dirty: boolean;
  stale: boolean;
  restoredFrom?: number | undefined;
  busy: boolean;
  message: string | undefined;
  applyLabel?: string;
  onApply: () => void;
  onRevert: () => void;
  revertLabel?: string;
}) {
  const { dirty, stale, busy, message } = props;
  return (
    <>
      <div className="flex items-center gap-2 border-b border-slate-800 px-2 py-0.5">
        <span role="status" aria-label="Editor state" className={dirty ? 'text-amber-300' : 'text-slate-400'}>
          {busy ? 'Applying…' : dirty ? '● Unapplied changes' : (message ?? 'No unapplied changes')}
        </span>
        <span className="ml-auto flex items-center gap-1">
          <button
            type="button"
            title={`${props.applyLabel ?? 'Apply'} (${APPLY_KEYS})`}
            aria-keyshortcuts="Control+S Meta+S Control+Enter Meta+Enter"
            disabled={!dirty || busy}
            className="rounded bg-sky-700 px-2 py-0.5 font-medium text-white hover:bg-sky-600 disabled:bg-slate-700 disabled:text-slate-400"
            onClick={props.onApply}
          >
            {props.applyLabel ?? 'Apply'}
          </button>
          <button
            type="button"
            disabled={!dirty || busy}
            className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800 disabled:opacity-40"
            onClick={props.onRevert}
          >
            {props.revertLabel ?? 'Revert'}
          </button>
        </span>
      </div>
      {props.restoredFrom !== undefined && dirty && <RestoredNote at={props.restoredFrom} what="draft" />}
      {stale && dirty && (
        <div
          role="status"
          aria-label="The design changed"
          className="flex items-center gap-2 border-b border-slate-800 bg-amber-950/40 px-2 py-0.5 text-amber-200"
        >
          The design changed since you began editing. Apply changes only what you edited here.
          <button
            type="button"
            className="ml-auto rounded border border-amber-700 px-2 hover:bg-amber-900/50"
            onClick={props.onRevert}
          >
            Reload from canvas
          </button>
        </div>
      )}
    </>
  );
}

/** Says that the text is unapplied and was kept from before a reload (or a crash). */
function RestoredNote({ at, what }: { at: number; what: 'draft' | 'import' }) {
  const when = at ? ` (last changed ${new Date(at).toLocaleString()})` : '';
  return (
    <div
      role="note"
      aria-label="Kept from before the reload"
      className="border-b border-slate-800 bg-amber-950/40 px-2 py-0.5 text-amber-200"
    >
      {what === 'draft'
        ? `Unapplied draft kept from before the reload${when}. Apply it, or Revert to drop it.`
        : `Kept from before the reload${when}: this text was never imported. Retry import, or Discard it.`}
    </div>
  );
}

function SelectedYaml({ objectKey: key }: { objectKey: string }) {
  const authored = useDocument(
    useCallback((s: DocumentState) => s.objects.find((o) => keyOf(o) === key), [key]),
  );
  const live = useObject(key);
  const [mode, setMode] = useState<Mode>(authored ? 'authored' : 'live');
  const authoredText = useMemo(() => (authored ? toYamlText([authored]) : ''), [authored]);
  const shown = useMemo(() => (authored ? [authored] : []), [authored]);
  const liveText = useMemo(() => (live ? toYaml(live) : ''), [live]);
  const draft = useDraft(key, authoredText, shown);
  const file = authored ? `${authored.kind.toLowerCase()}-${authored.metadata.name}.yaml` : 'object.yaml';
  const oneObject = (objects: readonly KubeObject[]): TextIssue[] =>
    objects.length === 1 && keyOf(objects[0] as KubeObject) === key
      ? []
      : [
          {
            line: 1,
            column: 1,
            severity: 'error',
            message: `this editor holds ${key} only: kind, namespace and name cannot change here (edit the whole design with nothing selected)`,
          },
        ];
  const check = useLiveCheck(draft.text, draft.dirty, file, [], oneObject);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const apply = () => {
    const d = draft.draft;
    if (!d || busy || d.text === d.base) return;
    setBusy(true);
    void applyEdit(d.text, file, d.shown, { only: key }).then((r) => {
      setBusy(false);
      if (!r.ok) return check.report(issuesFromImport(r.errors, file));
      check.report([]);
      setMessage(appliedSummary(r));
      draft.discard();
    });
  };
  const current = mode === 'authored' && authored ? 'authored' : 'live';
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div
        role="radiogroup"
        aria-label="YAML view"
        className="flex items-center gap-1 border-b border-slate-800 px-2 py-1"
      >
        <span className="mr-2 font-mono text-slate-400">{key}</span>
        {(['authored', 'live'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={current === m}
            disabled={m === 'authored' && !authored}
            className={`rounded px-2 py-0.5 ${current === m ? 'bg-slate-700 text-slate-100' : 'text-slate-400 hover:text-slate-200'} disabled:opacity-40`}
            onClick={() => setMode(m)}
          >
            {m === 'authored' ? 'Authored' : 'Live (read-only)'}
          </button>
        ))}
      </div>
      {current === 'authored' && (
        <EditBar
          dirty={draft.dirty}
          stale={draft.stale}
          restoredFrom={draft.restoredFrom}
          busy={busy}
          message={message}
          onApply={apply}
          onRevert={() => {
            setMessage(undefined);
            draft.discard();
          }}
        />
      )}
      <div className="min-h-0 flex-1">
        {current === 'authored' ? (
          <Editor
            value={draft.text}
            onChange={(t) => {
              setMessage(undefined);
              draft.edit(t);
            }}
            onApply={apply}
            issues={check.issues}
            label="Authored YAML"
          />
        ) : (
          <Editor value={liveText} issues={[]} readOnly label="Live object YAML" />
        )}
      </div>
      {current === 'authored' && <Issues issues={check.issues} />}
    </div>
  );
}

/**
 * Export for kubectl apply: the whole design or one namespace, with or without the simulation's
 * annotations and kinds, copied to the clipboard or downloaded (in apply order, as the io layer writes it).
 */
function ExportBar({ objects }: { objects: readonly KubeObject[] }) {
  const [namespace, setNamespace] = useState('');
  const [simulation, setSimulation] = useState(false);
  const namespaces = useMemo(
    () =>
      [
        ...new Set(
          objects.flatMap((o) =>
            o.kind === 'Namespace'
              ? [o.metadata.name]
              : isClusterScoped(o.kind)
                ? []
                : [o.metadata.namespace ?? 'default'],
          ),
        ),
      ].sort(),
    [objects],
  );
  const yaml = () => exportYamlOf({ includeSimulation: simulation, ...(namespace ? { namespace } : {}) });
  const name = namespace ? `${namespace}.yaml` : 'cluster.yaml';
  const copy = async () => {
    await navigator.clipboard.writeText(await yaml());
    notify('info', `Copied the YAML of ${namespace ? `namespace ${namespace}` : 'the design'}`);
  };
  const download = async () => {
    const url = URL.createObjectURL(new Blob([await yaml()], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div role="group" aria-label="Export YAML" className="ml-auto flex items-center gap-2">
      <label className="flex items-center gap-1">
        Export
        <select
          aria-label="Namespace to export"
          className="rounded border border-slate-700 bg-slate-900 px-1"
          value={namespace}
          onChange={(e) => setNamespace(e.target.value)}
        >
          <option value="">whole design</option>
          {namespaces.map((n) => (
            <option key={n} value={n}>
              namespace {n}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={simulation} onChange={(e) => setSimulation(e.target.checked)} />
        with simulation settings
      </label>
      <button
        type="button"
        className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800"
        onClick={() => void copy()}
      >
        Copy YAML
      </button>
      <button
        type="button"
        className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800"
        onClick={() => void download()}
      >
        Download {name}
      </button>
    </div>
  );
}

function DesignYaml() {
  const objects = useDocument(selectObjects);
  const source = useMemo(() => toYamlText(objects), [objects]);
  const draft = useDraft('design', source, objects);
  const check = useLiveCheck(draft.text, draft.dirty, DESIGN_FILE, []);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const apply = () => {
    const d = draft.draft;
    if (!d || busy || d.text === d.base) return;
    setBusy(true);
    void applyEdit(d.text, DESIGN_FILE, d.shown).then((r) => {
      setBusy(false);
      if (!r.ok) return check.report(issuesFromImport(r.errors, DESIGN_FILE));
      check.report([]);
      setMessage(appliedSummary(r));
      draft.discard();
    });
  };
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-2 py-1 text-slate-400">
        <span title="Select an object to see only it.">The whole design ({objects.length} objects)</span>
        <ExportBar objects={objects} />
      </div>
      <EditBar
        dirty={draft.dirty}
        stale={draft.stale}
        restoredFrom={draft.restoredFrom}
        busy={busy}
        message={message}
        onApply={apply}
        onRevert={() => {
          setMessage(undefined);
          draft.discard();
        }}
      />
      <div className="min-h-0 flex-1">
        <Editor
          value={draft.text}
          onChange={(t) => {
            setMessage(undefined);
            draft.edit(t);
          }}
          onApply={apply}
          issues={check.issues}
          label="Design YAML"
        />
      </div>
      <Issues issues={check.issues} />
    </div>
  );
}

const DESIGN_FILE = 'design.yaml';

/**
 * A failed import, kept with the person's text: fix it here (problems at their line, checked as they
 * type), then Retry import (the same import; nothing changes until it succeeds) or Discard.
 */
function ImportYaml({ item }: { item: RejectedImport }) {
  const initial = useMemo(() => issuesFromImport(item.errors, item.file), [item.errors, item.file]);
  const [edited, setEdited] = useState(false);
  const check = useLiveCheck(item.text, edited, item.file, initial);
  const [busy, setBusy] = useState(false);
  const retry = () => {
    if (busy) return;
    setBusy(true);
    const before = lastNoticeId();
    void importText(item.text, item.file).then((r) => {
      setBusy(false);
      if (r.ok) return dropRejectedImport({ id: item.id });
      if (r.cancelled) return;
      dismissToasts(before, /^Import failed/);
      updateRejectedImport(item.id, { errors: r.errors });
      check.report(issuesFromImport(r.errors, item.file));
    });
  };
  const errors = check.issues.filter((i) => i.severity === 'error').length;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-slate-800 px-2 py-0.5">
        <span role="status" aria-label="Import state" className="text-amber-300">
          {busy
            ? `Importing ${item.file}…`
            : `${item.file} was not imported${errors ? ` (${errors} problem${errors === 1 ? '' : 's'})` : ''}; the design is unchanged. Fix the text here and retry.`}
        </span>
        <span className="ml-auto flex items-center gap-1">
          <button
            type="button"
            title={`Retry import (${APPLY_KEYS})`}
            aria-keyshortcuts="Control+S Meta+S Control+Enter Meta+Enter"
            disabled={busy}
            className="rounded bg-sky-700 px-2 py-0.5 font-medium text-white hover:bg-sky-600 disabled:bg-slate-700 disabled:text-slate-400"
            onClick={retry}
          >
            Retry import
          </button>
          <button
            type="button"
            disabled={busy}
            className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800 disabled:opacity-40"
            onClick={() => dropRejectedImport({ id: item.id })}
          >
            Discard
          </button>
        </span>
      </div>
      {item.restoredFrom !== undefined && <RestoredNote at={item.restoredFrom} what="import" />}
      <div className="min-h-0 flex-1">
        <Editor
          value={item.text}
          revealFirstError={item.restoredFrom === undefined ? 'focus' : 'scroll'}
          onChange={(t) => {
            setEdited(true);
            updateRejectedImport(item.id, { text: t });
          }}
          onApply={retry}
          issues={check.issues}
          label={`Import ${item.file}`}
        />
      </div>
      <Issues issues={check.issues} />
    </div>
  );
}

const selectRejected = (s: SessionState) => s.rejectedImports;

export default function YamlPanel() {
  const key = useSelection();
  const rejected = useSession(selectRejected);
  const [view, setView] = useState<number | 'main'>(() => rejected.at(-1)?.id ?? 'main');
  const latest = rejected.at(-1)?.id;
  // A new failed import comes to the front.
  useEffect(() => {
    if (latest !== undefined) setView(latest);
  }, [latest]);
  const current = view === 'main' ? undefined : rejected.find((r) => r.id === view);
  const tab = (selected: boolean) =>
    `px-2 py-0.5 ${selected ? 'border-b-2 border-sky-400 text-slate-100' : 'text-slate-400 hover:text-slate-200'}`;
  return (
    <div className="flex h-full min-h-0 flex-col bg-slate-900 text-xs text-slate-200">
      {rejected.length > 0 && (
        <div role="tablist" aria-label="YAML editors" className="flex gap-1 border-b border-slate-800 px-2">
          <button
            type="button"
            role="tab"
            aria-selected={!current}
            className={tab(!current)}
            onClick={() => setView('main')}
          >
            {key ? 'Selected object' : 'Design'}
          </button>
          {rejected.map((r) => (
            <button
              key={r.id}
              type="button"
              role="tab"
              aria-selected={current?.id === r.id}
              className={tab(current?.id === r.id)}
              onClick={() => setView(r.id)}
            >
              Import: {r.file}
            </button>
          ))}
        </div>
      )}
      <div className="min-h-0 flex-1">
        {current ? (
          <ImportYaml key={current.id} item={current} />
        ) : key ? (
          <SelectedYaml key={key} objectKey={key} />
        ) : (
          <DesignYaml />
        )}
      </div>
    </div>
  );
}
