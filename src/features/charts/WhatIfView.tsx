/**
 * What if…: pick one change (a readiness probe removed or added, a rollout strategy, a replica count, a
 * new image, a node failing), what both runs go through (a rollout, a node failure), a duration and a
 * traffic rate; both simulations run headless in a Web Worker (whatIf.worker.ts) from the current
 * authored objects and seed, with progress and a Cancel button; then the two runs side by side (success
 * rate, requests per second offered and failed, ready and Pending pods, on the same scales) under a
 * one-line summary of the difference.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KubeObject } from '../../engine';
import { useDocument, type DocumentState } from '../../store';
import { clockLabel, niceMax } from './format';
import { CHART_COLORS, TimeChart, type ChartSeries, type Marker } from './TimeChart';
import {
  DEFAULT_WHAT_IF_OPTIONS,
  changeChoices,
  checkChange,
  isWorkload,
  percent,
  type WhatIfChange,
  type WhatIfEvent,
  type WhatIfResult,
  type WhatIfRun,
} from './whatIf';
import type { WhatIfMessage, WhatIfRequest } from './whatIf.worker';

const FIELD = 'rounded border border-[var(--kc-line-strong,#2c3a55)] bg-transparent px-1';
const BUTTON =
  'rounded border border-[var(--kc-line-strong,#2c3a55)] px-2 py-0.5 hover:bg-[var(--kc-line,#1f2a40)] disabled:opacity-50';

const selectObjects = (s: DocumentState): KubeObject[] => s.objects;
const selectSeed = (s: DocumentState): number => s.seed;

type Status =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number }
  | {
      state: 'done';
      result: WhatIfResult;
      at: number;
      marker: string;
      /** The design and seed it ran (a later edit makes the result stale). */
      objects: readonly KubeObject[];
      seed: number;
    }
  | { state: 'cancelled' }
  | { state: 'error'; message: string };

function eventChoices(objects: readonly KubeObject[]): Array<{ value: string; label: string }> {
  return [
    { value: 'none', label: 'nothing else' },
    ...objects.filter(isWorkload).map((o) => ({
      value: `rollout:${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}`,
      label: `a rollout of ${o.metadata.name} (new image)`,
    })),
    ...objects
      .filter((o) => o.kind === 'Node')
      .map((o) => ({ value: `failNode:${o.metadata.name}`, label: `${o.metadata.name} failing` })),
  ];
}

function parseEvent(value: string): WhatIfEvent {
  if (value.startsWith('rollout:')) return { type: 'rollout', workload: value.slice('rollout:'.length) };
  if (value.startsWith('failNode:')) return { type: 'failNode', node: value.slice('failNode:'.length) };
  return { type: 'none' };
}

/** What both runs should go through for a change to show: a rollout for probe and strategy changes. */
function defaultEvent(change: WhatIfChange | undefined): string {
  if (!change) return 'none';
  if (
    change.type === 'withoutReadinessProbe' ||
    change.type === 'withReadinessProbe' ||
    change.type === 'strategy'
  )
    return `rollout:${change.workload}`;
  return 'none';
}

/** The first change offered for a workload, or 0. */
function firstFor(choices: ReturnType<typeof changeChoices>, workload: string | undefined): number {
  const i = choices.findIndex((c) => 'workload' in c.change && c.change.workload === workload);
  return Math.max(0, i);
}

export function WhatIfView({ pick }: { pick?: { workload: string; n: number } }) {
  const objects = useDocument(selectObjects);
  const seed = useDocument(selectSeed);
  const choices = useMemo(() => changeChoices(objects), [objects]);
  const [picked, setPicked] = useState(() => firstFor(choices, pick?.workload));
  const [handled, setHandled] = useState(pick?.n);
  const choice = choices[Math.min(picked, choices.length - 1)];
  const [maxSurge, setMaxSurge] = useState('0');
  const [maxUnavailable, setMaxUnavailable] = useState('1');
  const [replicas, setReplicas] = useState('');
  const [image, setImage] = useState('');
  const [during, setDuring] = useState<string | null>(null);
  const [atSeconds, setAtSeconds] = useState(String(DEFAULT_WHAT_IF_OPTIONS.atSeconds));
  const [minutes, setMinutes] = useState('3');
  const [rps, setRps] = useState(String(DEFAULT_WHAT_IF_OPTIONS.rps));
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  if (pick && pick.n !== handled) {
    setHandled(pick.n);
    setPicked(firstFor(choices, pick.workload));
    setDuring(null);
  }
  const worker = useRef<Worker | null>(null);
  const hasTraffic = objects.some((o) => o.kind === 'TrafficSource');

  useEffect(() => () => worker.current?.terminate(), []);

  const change: WhatIfChange | undefined = useMemo(() => {
    const c = choice?.change;
    if (!c) return undefined;
    if (c.type === 'strategy') return { ...c, maxSurge, maxUnavailable };
    if (c.type === 'replicas') return { ...c, replicas: replicas === '' ? c.replicas : Number(replicas) };
    if (c.type === 'image') return { ...c, image: image === '' ? c.image : image };
    return c;
  }, [choice, maxSurge, maxUnavailable, replicas, image]);
  const duringValue = during ?? defaultEvent(change);
  const events = useMemo(() => eventChoices(objects), [objects]);
  const at = Number(atSeconds);
  const duration = Number(minutes) * 60;
  const problem =
    (change ? checkChange(objects, change) : 'the design has no workload or node to change') ??
    (!Number.isFinite(at) || at < 0 || at >= duration
      ? `the change must happen within the ${minutes} minutes (0 to ${duration - 1} s)`
      : undefined) ??
    (!hasTraffic && !(Number(rps) >= 0) ? 'requests/s must be a number, 0 or more' : undefined);

  const run = () => {
    if (!change || problem) return;
    worker.current?.terminate();
    const w = new Worker(new URL('./whatIf.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    const ev = parseEvent(duringValue);
    const marker =
      change.type === 'image'
        ? change.image
        : change.type === 'failNode'
          ? `${change.node.split('/').pop()} fails`
          : ev.type === 'rollout'
            ? 'rollout'
            : ev.type === 'failNode'
              ? `${ev.node} fails`
              : '';
    setStatus({ state: 'running', done: 0, total: 2 * duration });
    w.onmessage = (e: MessageEvent<WhatIfMessage>) => {
      const m = e.data;
      if (m.type === 'progress') setStatus({ state: 'running', done: m.done, total: m.total });
      else {
        w.terminate();
        worker.current = null;
        setStatus(
          m.type === 'done'
            ? { state: 'done', result: m.result, at, marker, objects, seed }
            : { state: 'error', message: m.message },
        );
      }
    };
    w.onerror = (e) => {
      w.terminate();
      worker.current = null;
      setStatus({ state: 'error', message: e.message || 'The what-if worker failed to start.' });
    };
    const request: WhatIfRequest = {
      objects: objects.map((o) => JSON.parse(JSON.stringify(o)) as KubeObject),
      seed,
      change,
      options: { durationSeconds: duration, atSeconds: at, rps: Number(rps), during: ev },
    };
    w.postMessage(request);
  };

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setStatus({ state: 'cancelled' });
  };

  if (choices.length === 0)
    return <p className="opacity-75">Add a workload or a node to the design to ask what if.</p>;
  const running = status.state === 'running';
  return (
    <div className="flex flex-col gap-2">
      <form
        aria-label="What if"
        className="flex flex-wrap items-center gap-x-3 gap-y-1"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label className="flex items-center gap-1">
          Change
          <select
            aria-label="Change"
            className={FIELD}
            value={Math.min(picked, choices.length - 1)}
            disabled={running}
            onChange={(e) => {
              setPicked(Number(e.target.value));
              setDuring(null);
            }}
          >
            {choices.map((c, i) => (
              <option key={c.label} value={i}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {change?.type === 'strategy' && (
          <>
            <label className="flex items-center gap-1">
              maxSurge
              <input
                aria-label="maxSurge"
                className={`w-12 ${FIELD}`}
                value={maxSurge}
                onChange={(e) => setMaxSurge(e.target.value)}
              />
            </label>
            <label className="flex items-center gap-1">
              maxUnavailable
              <input
                aria-label="maxUnavailable"
                className={`w-12 ${FIELD}`}
                value={maxUnavailable}
                onChange={(e) => setMaxUnavailable(e.target.value)}
              />
            </label>
          </>
        )}
        {change?.type === 'replicas' && (
          <label className="flex items-center gap-1">
            Replicas
            <input
              aria-label="Replicas"
              type="number"
              min={0}
              className={`w-16 ${FIELD}`}
              value={replicas === '' ? change.replicas : replicas}
              onChange={(e) => setReplicas(e.target.value)}
            />
          </label>
        )}
        {change?.type === 'image' && (
          <label className="flex items-center gap-1">
            Image
            <input
              aria-label="Image"
              className={`w-28 ${FIELD}`}
              value={image === '' ? change.image : image}
              onChange={(e) => setImage(e.target.value)}
            />
          </label>
        )}
        <label className="flex items-center gap-1">
          In both runs
          <select
            aria-label="In both runs"
            className={FIELD}
            value={duringValue}
            disabled={running}
            onChange={(e) => setDuring(e.target.value)}
          >
            {events.map((ev) => (
              <option key={ev.value} value={ev.value}>
                {ev.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          at (s)
          <input
            aria-label="at (s)"
            type="number"
            min={0}
            className={`w-14 ${FIELD}`}
            value={atSeconds}
            onChange={(e) => setAtSeconds(e.target.value)}
          />
        </label>
        <label className="flex items-center gap-1">
          Duration
          <select
            aria-label="Duration"
            className={FIELD}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          >
            {['2', '3', '4', '5'].map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </select>
        </label>
        <label
          className="flex items-center gap-1"
          title={hasTraffic ? 'The design sends its own traffic' : undefined}
        >
          Traffic (rps)
          <input
            aria-label="Traffic (rps)"
            type="number"
            min={0}
            className={`w-16 ${FIELD}`}
            value={hasTraffic ? '' : rps}
            placeholder={hasTraffic ? 'design' : undefined}
            disabled={hasTraffic}
            onChange={(e) => setRps(e.target.value)}
          />
        </label>
        {/* Keyed apart: a click on Cancel must not land on a reused element that turned into Run. */}
        {running ? (
          <button key="cancel" type="button" className={BUTTON} onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button key="run" type="submit" className={`${BUTTON} font-semibold`} disabled={!!problem}>
            Run both
          </button>
        )}
      </form>
      {problem && !running && (
        <p role="alert" className="text-amber-300">
          Cannot run: {problem}.
        </p>
      )}
      {running && (
        <div className="flex items-center gap-2">
          <progress
            aria-label="What-if progress"
            className="h-2 w-64"
            max={status.total}
            value={status.done}
          />
          <span className="font-mono opacity-75">
            {Math.round((100 * status.done) / Math.max(1, status.total))}% · {status.done} of {status.total}{' '}
            simulated seconds
          </span>
        </div>
      )}
      {status.state === 'cancelled' && <p className="opacity-75">Cancelled.</p>}
      {status.state === 'error' && (
        <p role="alert" className="text-rose-300">
          {status.message}
        </p>
      )}
      {status.state === 'done' && (status.objects !== objects || status.seed !== seed) && (
        <p role="note" className="text-amber-300">
          The design changed after this run; Run both again to see the change.
        </p>
      )}
      {status.state === 'done' && (
        <WhatIfResults result={status.result} at={status.at} marker={status.marker} />
      )}
      {status.state === 'idle' && (
        <p className="opacity-75">
          Runs the design twice from seed {seed}, as designed and with the change, after a{' '}
          {DEFAULT_WHAT_IF_OPTIONS.warmupSeconds} s warm-up; nothing in your design or the running cluster
          changes.
        </p>
      )}
    </div>
  );
}

function WhatIfResults({ result, at, marker }: { result: WhatIfResult; at: number; marker: string }) {
  const { baseline, changed } = result;
  const rpsTop = Math.max(1, ...[baseline, changed].flatMap((r) => r.samples.map((s) => s.rps)));
  const podsTop = Math.max(
    1,
    ...[baseline, changed].flatMap((r) => r.samples.map((s) => Math.max(s.ready, s.pending))),
  );
  const markers: Marker[] = marker ? [{ x: at, label: marker }] : [];
  return (
    <div className="flex flex-col gap-2">
      <p role="status" aria-label="What-if summary" className="text-sm font-semibold">
        {result.summary}
      </p>
      <p className="opacity-75">
        {result.trafficNote} Time is counted from the end of the warm-up; the dashed line marks the change.
      </p>
      <div className="grid grid-cols-1 gap-2 lg:grid-cols-2">
        <RunColumn run={baseline} rpsTop={rpsTop} podsTop={podsTop} markers={markers} />
        <RunColumn run={changed} rpsTop={rpsTop} podsTop={podsTop} markers={markers} />
      </div>
    </div>
  );
}

const plusTime = (s: number): string => `+${clockLabel(s)}`;

function RunColumn({
  run,
  rpsTop,
  podsTop,
  markers,
}: {
  run: WhatIfRun;
  rpsTop: number;
  podsTop: number;
  markers: Marker[];
}) {
  const x = useMemo(() => run.samples.map((s) => s.t), [run]);
  const success = useMemo<ChartSeries[]>(
    () => [
      {
        label: 'success',
        values: run.samples.map((s) => s.successPct),
        color: CHART_COLORS.green,
        fill: true,
      },
    ],
    [run],
  );
  const rps = useMemo<ChartSeries[]>(
    () => [
      { label: 'offered', values: run.samples.map((s) => s.rps), color: CHART_COLORS.blue, fill: true },
      { label: 'failed', values: run.samples.map((s) => s.failedRps), color: CHART_COLORS.red, fill: true },
    ],
    [run],
  );
  const pods = useMemo<ChartSeries[]>(
    () => [
      { label: 'ready', values: run.samples.map((s) => s.ready), color: CHART_COLORS.violet },
      {
        label: 'pending',
        values: run.samples.map((s) => s.pending),
        color: CHART_COLORS.amber,
        dash: [4, 3],
      },
    ],
    [run],
  );
  return (
    <section
      aria-label={`Run: ${run.label}`}
      className="flex min-w-0 flex-col gap-1 rounded border border-[var(--kc-line,#1f2a40)] p-2"
    >
      <h3 className="text-xs font-semibold">{run.label}</h3>
      <p className="font-mono" aria-label={`${run.label}: failed requests`}>
        {run.failed.toLocaleString('en-US')} of {run.requests.toLocaleString('en-US')} requests failed (
        {percent(run.failed, run.requests)}) · at least {run.minReady} ready
        {run.maxPending > 0 ? ` · up to ${run.maxPending} Pending` : ''}
      </p>
      {run.refused.length > 0 && (
        <p role="alert" className="text-amber-300">
          The cluster refused: {run.refused.join('; ')}
        </p>
      )}
      <TimeChart
        title="Success"
        unit="%"
        x={x}
        series={success}
        yMax={100}
        markers={markers}
        formatTime={plusTime}
        height={72}
      />
      <TimeChart
        title="Requests/s"
        unit=""
        x={x}
        series={rps}
        yMax={niceMax(rpsTop)}
        markers={markers}
        formatTime={plusTime}
        height={72}
      />
      <TimeChart
        title="Pods"
        unit=""
        x={x}
        series={pods}
        yMax={niceMax(podsTop)}
        markers={markers}
        formatTime={plusTime}
        height={72}
      />
    </section>
  );
}
