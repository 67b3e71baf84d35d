/**
 * The dock's YAML tab: the selected object's authored YAML (editable; edits apply when they parse, as one
 * undoable updateObject) or its live object as the cluster holds it (read-only, `kubectl get -o yaml`);
 * with nothing selected, the whole design (edits add, change and remove objects). Problems are shown at
 * their line. Loaded lazily with the `yaml` package; the CodeMirror editor is lazier still.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTheme } from '../../components/ui';
import { isClusterScoped, keyOf, stableStringify, toYaml, type KubeObject } from '../../engine';
import {
  exportYamlOf,
  importText,
  loadSchemaListers,
  notify,
  removeObjects,
  useDocument,
  useObject,
  useSelection,
  type DocumentState,
  type SchemaListers,
} from '../../store';
import { issuesFromImport, parseYamlObjects, planDesignEdit, toYamlText, type TextIssue } from './yamlEdit';

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
  onApply: (text: string) => void;
  issues: readonly TextIssue[];
  readOnly?: boolean;
  label: string;
}) {
  const theme = useTheme();
  const schema = useSchemaListers();
  return (
    <div className="h-full">
      <Suspense fallback={<p className="p-2 text-slate-400">Loading the editor…</p>}>
        <YamlEditor
          value={props.value}
          onApply={props.onApply}
          issues={props.issues}
          readOnly={props.readOnly ?? false}
          label={props.label}
          theme={theme}
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

function SelectedYaml({ objectKey: key }: { objectKey: string }) {
  const authored = useDocument(
    useCallback((s: DocumentState) => s.objects.find((o) => keyOf(o) === key), [key]),
  );
  const live = useObject(key);
  const [mode, setMode] = useState<Mode>(authored ? 'authored' : 'live');
  const [issues, setIssues] = useState<TextIssue[]>([]);
  const authoredText = useMemo(() => (authored ? toYamlText([authored]) : ''), [authored]);
  const liveText = useMemo(() => (live ? toYaml(live) : ''), [live]);
  const onApply = (text: string) => {
    const r = parseYamlObjects(text);
    if (!r.ok) return setIssues(r.issues);
    const [obj, ...rest] = r.objects;
    if (!obj || rest.length || keyOf(obj) !== key) {
      return setIssues([
        {
          line: 1,
          column: 1,
          severity: 'error',
          message: `this editor holds ${key} only: kind, namespace and name cannot change here (edit the whole design with nothing selected)`,
        },
      ]);
    }
    setIssues([]);
    if (!authored || stableStringify(obj) === stableStringify(authored)) return;
    // The store's import validates against the Kubernetes schema before anything changes.
    const file = `${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`;
    void importText(text, file).then((r) => setIssues(r.ok ? [] : issuesFromImport(r.errors, file)));
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
      <div className="min-h-0 flex-1">
        {current === 'authored' ? (
          <Editor value={authoredText} onApply={onApply} issues={issues} label="Authored YAML" />
        ) : (
          <Editor value={liveText} onApply={() => undefined} issues={[]} readOnly label="Live object YAML" />
        )}
      </div>
      {current === 'authored' && <Issues issues={issues} />}
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
  const [issues, setIssues] = useState<TextIssue[]>([]);
  const text = useMemo(() => toYamlText(objects), [objects]);
  const onApply = (next: string) => {
    const r = parseYamlObjects(next);
    if (!r.ok) return setIssues(r.issues);
    setIssues([]);
    const plan = planDesignEdit(objects, r.objects);
    const removeTaken = () => {
      if (plan.remove.length) removeObjects(plan.remove);
    };
    if (plan.apply.length === 0) return removeTaken();
    // Validated by the store's import first; documents taken out go only when the rest is accepted.
    void importText(next, 'design.yaml').then((res) => {
      setIssues(res.ok ? [] : issuesFromImport(res.errors, 'design.yaml'));
      if (res.ok) removeTaken();
    });
  };
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-2 py-1 text-slate-400">
        <span>The whole design ({objects.length} objects). Select an object to see only it.</span>
        <ExportBar objects={objects} />
      </div>
      <div className="min-h-0 flex-1">
        <Editor value={text} onApply={onApply} issues={issues} label="Design YAML" />
      </div>
      <Issues issues={issues} />
    </div>
  );
}

export default function YamlPanel() {
  const key = useSelection();
  return (
    <div className="h-full min-h-0 bg-slate-900 text-xs text-slate-200">
      {key ? <SelectedYaml key={key} objectKey={key} /> : <DesignYaml />}
    </div>
  );
}
