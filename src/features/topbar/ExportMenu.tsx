/**
 * The top bar's Export menu: YAML for `kubectl apply -f` of the whole design, of the selection or of one
 * namespace, with or without the simulated infrastructure (Nodes, node groups, traffic, behaviour), to
 * download or to copy; the project file; the canvas as a picture. Choices stay while the tab is open.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, Icon } from '../../components/ui';
import { keyOf } from '../../engine';
import {
  designNamespaces,
  objectsToExport,
  useDocument,
  useSession,
  type DocumentState,
  type SessionState,
  type YamlExportOptions,
} from '../../store';
import type { ImageFormat } from './exportImage';
import { copyYamlOf, downloadProject, downloadYamlOf } from './files';

type Scope = 'design' | 'selection' | 'namespace';

const selectObjects = (s: DocumentState) => s.objects;
const selectKeys = (s: SessionState) => s.selectedKeys;

/** Exports the canvas as a picture; the exporter and html-to-image load on first use. */
function downloadCanvasImage(format: ImageFormat): void {
  void import('./exportImage').then((m) => m.downloadCanvasImage(format));
}

const plural = (n: number): string => `${n} object${n === 1 ? '' : 's'}`;

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<Scope>('design');
  const [namespace, setNamespace] = useState('default');
  const [simulation, setSimulation] = useState(false);
  const objects = useDocument(selectObjects);
  const selectedKeys = useSession(selectKeys);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  const namespaces = useMemo(() => designNamespaces(objects), [objects]);
  const ns = namespaces.includes(namespace) ? namespace : (namespaces[0] ?? 'default');
  // Counts follow the options: what each choice would write now.
  const count = (options: YamlExportOptions): number =>
    open ? objectsToExport({ includeSimulation: simulation, ...options }).length : 0;
  const designCount = count({});
  const selectionCount = count({ keys: selectedKeys });
  const namespaceCount = count({ namespace: ns });
  const selectedAuthored = useMemo(() => {
    const authored = new Set(objects.map(keyOf));
    return selectedKeys.filter((k) => authored.has(k)).length;
  }, [objects, selectedKeys]);
  const selectionReason =
    selectedKeys.length === 0
      ? 'Select objects on the canvas first'
      : selectedAuthored === 0
        ? 'The selection holds only objects the cluster made'
        : selectionCount === 0
          ? 'The selection is simulated infrastructure: include the simulation'
          : '';
  const current: Scope = scope === 'selection' && selectionReason ? 'design' : scope;
  const options: YamlExportOptions = {
    includeSimulation: simulation,
    ...(current === 'selection' ? { keys: selectedKeys } : {}),
    ...(current === 'namespace' ? { namespace: ns } : {}),
  };
  const chosenCount =
    current === 'selection' ? selectionCount : current === 'namespace' ? namespaceCount : designCount;
  const what =
    current === 'selection'
      ? `the selection (${plural(chosenCount)})`
      : current === 'namespace'
        ? `namespace ${ns} (${plural(chosenCount)})`
        : `the design (${plural(chosenCount)})`;
  const file =
    current === 'selection' ? 'selection.yaml' : current === 'namespace' ? `${ns}.yaml` : 'cluster.yaml';

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const act = (run: () => void) => () => {
    setOpen(false);
    run();
  };

  const radio = (value: Scope, label: string, detail: string, disabledReason = '') => (
    <label
      className={`flex items-start gap-2 rounded px-2 py-1 ${disabledReason ? 'opacity-60' : 'hover:bg-slate-800'}`}
      title={disabledReason || undefined}
    >
      <input
        type="radio"
        name={`${id}-scope`}
        value={value}
        className="mt-1"
        checked={current === value}
        disabled={!!disabledReason}
        aria-describedby={`${id}-${value}`}
        onChange={() => setScope(value)}
      />
      <span className="flex flex-col">
        <span className="text-[13px] text-slate-200">{label}</span>
        <span id={`${id}-${value}`} className="kc-menu-hint">
          {disabledReason || detail}
        </span>
      </span>
    </label>
  );

  return (
    <div className="relative" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <Button aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="download" /> Export <span className="text-slate-400">▾</span>
      </Button>
      {open && (
        <div ref={panel} role="dialog" aria-label="Export" className="kc-menu top-full right-0 mt-1 w-80">
          <fieldset className="m-0 border-0 p-1 pt-0">
            <legend className="kc-menu-title px-2 pt-1.5 pb-1 text-[11px]">YAML for kubectl apply -f</legend>
            {radio('design', 'Whole design', plural(designCount))}
            {radio('selection', 'Selection', plural(selectionCount), selectionReason)}
            <div className="flex items-start gap-2">
              <div className="flex-1">
                {radio(
                  'namespace',
                  'One namespace',
                  namespaces.length ? plural(namespaceCount) : 'The design has no namespaced objects',
                  namespaces.length ? '' : 'The design has no namespaced objects',
                )}
              </div>
              <select
                aria-label="Namespace to export"
                className="mt-1 mr-1 max-w-32 rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-[12px] text-slate-200"
                value={ns}
                disabled={namespaces.length === 0}
                onChange={(e) => {
                  setNamespace(e.target.value);
                  setScope('namespace');
                }}
              >
                {namespaces.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <label className="mx-1 flex items-start gap-2 rounded px-2 py-1 hover:bg-slate-800">
            <input
              type="checkbox"
              className="mt-1"
              checked={simulation}
              aria-describedby={`${id}-sim`}
              onChange={(e) => setSimulation(e.target.checked)}
            />
            <span className="flex flex-col">
              <span className="text-[13px] text-slate-200">Include the simulation</span>
              <span id={`${id}-sim`} className="kc-menu-hint">
                Nodes and their sizes, node groups, traffic, behaviour: to open in kubecanvas again. Leave off
                for a real cluster.
              </span>
            </span>
          </label>
          <div className="mx-1 mt-1 flex gap-1 px-1 pb-1">
            <button
              type="button"
              className="kc-menu-item flex-1 border border-slate-700 text-center"
              disabled={chosenCount === 0}
              title={`Download ${what} as ${file}`}
              onClick={act(() => void downloadYamlOf(options, file, what))}
            >
              Download .yaml
            </button>
            <button
              type="button"
              className="kc-menu-item flex-1 border border-slate-700 text-center"
              disabled={chosenCount === 0}
              title={`Copy ${what} to the clipboard`}
              onClick={act(() => void copyYamlOf(options, what))}
            >
              Copy to clipboard
            </button>
          </div>
          <div role="menu" aria-label="Other exports" className="border-t border-slate-800 pt-1">
            <button
              type="button"
              role="menuitem"
              className="kc-menu-item"
              onClick={act(() => void downloadProject())}
            >
              Project file <span className="kc-menu-hint">everything, to open again</span>
            </button>
            <button
              type="button"
              role="menuitem"
              className="kc-menu-item"
              onClick={act(() => downloadCanvasImage('png'))}
            >
              Canvas as PNG
            </button>
            <button
              type="button"
              role="menuitem"
              className="kc-menu-item"
              onClick={act(() => downloadCanvasImage('svg'))}
            >
              Canvas as SVG
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
