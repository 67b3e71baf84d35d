/**
 * The inspector: the selected object's form (authored objects only: edits are undoable updateObject
 * commands and the simulation reconciles them live), its live status, its events and, for a pod, the
 * scheduler's explanation. Objects the cluster made (a ReplicaSet's pods) are shown read-only with a link
 * to the object that owns them.
 */
import { useCallback, useMemo, useState } from 'react';
import { keyOf, slicesOf, type KubeObject, type Pod } from '../../engine';
import {
  getSimulation,
  updateObject,
  useDocument,
  useEventsFor,
  useObject,
  useSelection,
  validateEdit,
  type DocumentState,
} from '../../store';
import { EventsTable } from './EventsTable';
import { InspectorHeader } from './InspectorHeader';
import { ExplainTable } from './ExplainTable';
import { FieldForm } from './FieldForm';
import { eventRow } from './kubectlFormat';
import { LiveStatus } from './LiveStatus';
import { explainLive } from './explainLive';
import { hasPodTemplate, podSpec } from './podTemplate';
import { sectionsFor } from './sections';
import { useSimSecond } from './useSimSecond';
import { endpointRows } from './serviceEndpoints';
import { behaviorProblems } from './behaviorFields';
import { SendTraffic } from './SendTraffic';

type Tab = 'Edit' | 'Status' | 'Events' | 'Scheduling';

const PANEL = 'flex h-full min-h-0 flex-col bg-slate-900 text-xs text-slate-200';

export function Inspector() {
  const key = useSelection();
  const live = useObject(key);
  if (!key) {
    return (
      <div className={PANEL}>
        <p className="p-3 text-slate-400">Select an object on the canvas to inspect and edit it.</p>
      </div>
    );
  }
  if (!live) {
    return (
      <div className={PANEL}>
        <p className="p-3 text-slate-400">{key} no longer exists.</p>
      </div>
    );
  }
  return <InspectorBody key={key} objectKey={key} live={live} />;
}

function InspectorBody({ objectKey: key, live }: { objectKey: string; live: KubeObject }) {
  const authored = useDocument(
    useCallback((s: DocumentState) => s.objects.find((o) => keyOf(o) === key), [key]),
  );
  const [tab, setTab] = useState<Tab>(authored ? 'Edit' : 'Status');
  const events = useEventsFor(key);
  const tabs: Tab[] = ['Edit', 'Status', 'Events', ...(live.kind === 'Pod' ? (['Scheduling'] as const) : [])];
  return (
    <div className={PANEL}>
      <InspectorHeader live={live} authored={authored} />
      <SendTraffic live={live} />
      <div
        role="tablist"
        aria-label="Inspector sections"
        className="flex gap-1 border-b border-slate-700 px-2"
      >
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`inspector-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`inspector-panel-${t}`}
            className={`px-2 py-1 ${tab === t ? 'border-b-2 border-sky-400 text-slate-100' : 'text-slate-400 hover:text-slate-200'}`}
            onClick={() => setTab(t)}
          >
            {t}
            {t === 'Events' && events.length > 0 ? ` (${events.length})` : ''}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`inspector-panel-${tab}`}
        aria-labelledby={`inspector-tab-${tab}`}
        className="min-h-0 flex-1 overflow-auto p-2"
      >
        {tab === 'Edit' && <EditTab objectKey={key} live={live} authored={authored} />}
        {tab === 'Status' && <StatusTab live={live} />}
        {tab === 'Events' && <EventsTab objectKey={key} />}
        {tab === 'Scheduling' && <SchedulingTab pod={live as Pod & KubeObject} />}
      </div>
    </div>
  );
}

function EditTab({
  objectKey: key,
  live,
  authored,
}: {
  objectKey: string;
  live: KubeObject;
  authored: KubeObject | undefined;
}) {
  const [container, setContainer] = useState(0);
  const shown = authored ?? live;
  const sections = useMemo(() => sectionsFor(shown.kind, container), [shown.kind, container]);
  const onEdit = useCallback((fn: (o: KubeObject) => KubeObject) => updateObject(key, fn), [key]);
  const containers = hasPodTemplate(shown.kind) ? podSpec(shown).containers : [];
  const problems = hasPodTemplate(shown.kind) ? behaviorProblems(shown) : [];
  return (
    <div className="flex flex-col gap-2">
      {containers.length > 1 && (
        <label className="flex items-center gap-2">
          Container
          <select
            className="rounded border border-slate-600 bg-slate-900 px-1"
            value={container}
            onChange={(e) => setContainer(Number(e.target.value))}
          >
            {containers.map((c, i) => (
              <option key={c.name} value={i}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {problems.length > 0 && (
        <ul className="rounded bg-amber-950 p-1.5 text-amber-200" aria-label="Behaviour annotation problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <FieldForm
        object={shown}
        sections={sections}
        onEdit={onEdit}
        readOnly={!authored}
        live={live}
        check={validateEdit}
      />
    </div>
  );
}

function StatusTab({ live }: { live: KubeObject }) {
  // Endpoints (below) change without the Service changing: this re-renders once per simulated second.
  const now = useSimSecond() * 1000;
  const endpoints =
    live.kind === 'Service'
      ? endpointRows(
          slicesOf(getSimulation().store, live.metadata.namespace ?? 'default', live.metadata.name),
        )
      : undefined;
  return <LiveStatus object={live} now={now} {...(endpoints ? { endpoints } : {})} />;
}

function EventsTab({ objectKey: key }: { objectKey: string }) {
  const now = useSimSecond() * 1000;
  const events = useEventsFor(key);
  const rows = useMemo(() => events.map((e) => eventRow(e, now)), [events, now]);
  return <EventsTable rows={rows} showObject={false} label="Object events" />;
}

function SchedulingTab({ pod }: { pod: Pod & KubeObject }) {
  const [refresh, setRefresh] = useState(0);
  // Recomputed when the pod changes or on request: a snapshot of the whole cluster is not free.
  const explanation = useMemo(() => {
    void refresh;
    return explainLive(getSimulation().store, pod);
  }, [pod, refresh]);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold text-slate-300">Scheduler explanation</h3>
        <button
          type="button"
          className="rounded bg-slate-700 px-2 py-0.5 hover:bg-slate-600"
          onClick={() => setRefresh((n) => n + 1)}
        >
          Refresh
        </button>
      </div>
      <ExplainTable explanation={explanation} boundNode={pod.spec?.nodeName} />
    </div>
  );
}
