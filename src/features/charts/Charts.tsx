/**
 * The Charts tab. "Live": the running cluster over time (Pending pods, CPU and memory requested against
 * allocatable, per node or for all nodes) and, per Service with traffic, requests per second (offered and
 * failed), success rate and latency, read from the engine's traffic metrics once per simulated second
 * (at most four times a wall second), drawn by uPlot with simulated-time axes and hover values. A little
 * form starts traffic to a Service through the console's own command. "What if…": the same design run
 * twice with one change, side by side (WhatIfView).
 *
 * Why uPlot and not the earlier SVG sparklines: people asked for real axes, times on them and values
 * under the pointer; uPlot gives those on a canvas for thousands of points at a few ms a frame, and it
 * loads with this lazy panel only.
 */
import { useMemo, useState } from 'react';
import { runCommand, useObjectKeys } from '../../store';
import { useSimSecond } from '../inspector';
import type { ClusterSample } from './clusterSeries';
import { liveServiceSeries, sampleSecond } from './liveSeries';
import type { ServiceSeries } from './serviceSeries';
import { CHART_COLORS, NODE_COLORS, TimeChart, type ChartSeries } from './TimeChart';
import { WhatIfView } from './WhatIfView';

const CARD = 'flex flex-col gap-1 rounded border border-[var(--kc-line,#1f2a40)] p-2';
const FIELD = 'rounded border border-[var(--kc-line-strong,#2c3a55)] bg-transparent px-1';
const BUTTON =
  'rounded border border-[var(--kc-line-strong,#2c3a55)] px-2 py-0.5 hover:bg-[var(--kc-line,#1f2a40)]';

function ServiceCard({ s }: { s: ServiceSeries }) {
  const rps = useMemo<ChartSeries[]>(
    () => [
      { label: 'offered', values: s.rps, color: CHART_COLORS.blue, fill: true },
      { label: 'failed', values: s.failedRps, color: CHART_COLORS.red },
    ],
    [s],
  );
  const success = useMemo<ChartSeries[]>(
    () => [{ label: 'success', values: s.successPct, color: CHART_COLORS.green, fill: true }],
    [s],
  );
  const latency = useMemo<ChartSeries[]>(
    () => [
      { label: 'p99', values: s.p99Ms, color: CHART_COLORS.amber },
      { label: 'p50', values: s.p50Ms, color: CHART_COLORS.violet, dash: [4, 3] },
    ],
    [s],
  );
  return (
    <section aria-label={`Service ${s.name} traffic`} className={CARD}>
      <h3 className="text-xs font-semibold">
        Service {s.name} <span className="font-normal opacity-70">{s.namespace}</span>
      </h3>
      <div className="flex flex-wrap gap-3">
        <TimeChart title="Requests/s" unit="" x={s.t} series={rps} />
        <TimeChart title="Success" unit="%" x={s.t} series={success} yMax={100} />
        <TimeChart title="Latency" unit=" ms" x={s.t} series={latency} />
      </div>
    </section>
  );
}

/** Up to this many nodes get a line each; more are drawn as all nodes together and the busiest one. */
const NODE_LINES = 8;

function utilisation(samples: ClusterSample[], pick: 'cpu' | 'mem'): ChartSeries[] {
  const last = samples[samples.length - 1];
  const per = (s: ClusterSample) => (pick === 'cpu' ? s.cpuPct : s.memPct);
  const names = last ? Object.keys(per(last)) : [];
  const all = samples.map((s) => (pick === 'cpu' ? s.cpuAllPct : s.memAllPct));
  if (names.length > NODE_LINES || names.length === 0)
    return [
      { label: 'all nodes', values: all, color: CHART_COLORS.blue, fill: true },
      {
        label: 'busiest node',
        values: samples.map((s) => Math.max(0, ...Object.values(per(s)))),
        color: CHART_COLORS.amber,
        dash: [4, 3],
      },
    ];
  return [
    ...names.map((n, i) => ({
      label: n,
      values: samples.map((s) => per(s)[n] ?? null),
      color: NODE_COLORS[i % NODE_COLORS.length] as ChartSeries['color'],
    })),
    { label: 'all', values: all, color: CHART_COLORS.slate, dash: [4, 3] },
  ];
}

function ClusterCard() {
  const second = useSimSecond();
  const samples = useMemo(() => sampleSecond(second), [second]);
  const x = useMemo(() => samples.map((s) => s.t / 1000), [samples]);
  const pending = useMemo<ChartSeries[]>(
    () => [
      { label: 'pending', values: samples.map((s) => s.pending), color: CHART_COLORS.amber, fill: true },
    ],
    [samples],
  );
  const cpu = useMemo(() => utilisation(samples, 'cpu'), [samples]);
  const mem = useMemo(() => utilisation(samples, 'mem'), [samples]);
  return (
    <section aria-label="Cluster over time" className={CARD}>
      <h3 className="text-xs font-semibold">
        Cluster <span className="font-normal opacity-70">requests against allocatable, per node</span>
      </h3>
      <div className="flex flex-wrap gap-3">
        <TimeChart title="Pending pods" unit="" x={x} series={pending} yMinTop={5} />
        <TimeChart title="CPU requested" unit="%" x={x} series={cpu} yMax={100} />
        <TimeChart title="Memory requested" unit="%" x={x} series={mem} yMax={100} />
      </div>
    </section>
  );
}

function SendTraffic() {
  const services = useObjectKeys('Service');
  const names = services
    .map((k) => k.split('/'))
    .filter((p) => p[1] !== 'kube-system' && p[2] !== 'kubernetes');
  const [target, setTarget] = useState('');
  const [rps, setRps] = useState('50');
  const [message, setMessage] = useState('');
  const chosen = target || (names[0] ? `${names[0][1]}/${names[0][2]}` : '');
  const send = () => {
    const [ns, name] = chosen.split('/');
    if (!ns || !name) return;
    void runCommand(`kubecanvas traffic service/${name} --rps ${rps} -n ${ns}`).then((r) =>
      setMessage(r.output),
    );
  };
  if (names.length === 0) return <p className="opacity-75">Add a Service to send traffic to it.</p>;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label className="flex items-center gap-1">
        Service
        <select className={FIELD} value={chosen} onChange={(e) => setTarget(e.target.value)}>
          {names.map(([, ns, name]) => (
            <option key={`${ns}/${name}`} value={`${ns}/${name}`}>
              {ns}/{name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        Requests/s
        <input
          type="number"
          min={0}
          className={`w-20 ${FIELD}`}
          value={rps}
          onChange={(e) => setRps(e.target.value)}
        />
      </label>
      <button type="submit" className={BUTTON}>
        Send traffic
      </button>
      {message && <span className="font-mono opacity-75">{message}</span>}
    </form>
  );
}

function LiveCharts() {
  // Re-renders when a simulated second passes, at most four times a wall second, not on every frame.
  const second = useSimSecond();
  const series = useMemo(() => {
    void second;
    return liveServiceSeries();
  }, [second]);
  return (
    <>
      <SendTraffic />
      <ClusterCard />
      {series.length === 0 ? (
        <p className="opacity-75">
          No traffic yet. Send some above, or in the console: kubecanvas traffic service/NAME --rps 50
        </p>
      ) : (
        series.map((s) => <ServiceCard key={s.key} s={s} />)
      )}
    </>
  );
}

type View = 'Live' | 'What if…';

/** A request to open the what-if view for a workload (`n` grows with each request). */
export interface WhatIfPick {
  workload: string;
  n: number;
}

export function Charts({ whatIf }: { whatIf?: WhatIfPick }) {
  const [view, setView] = useState<View>(whatIf ? 'What if…' : 'Live');
  const [handled, setHandled] = useState(whatIf?.n);
  if (whatIf && whatIf.n !== handled) {
    setHandled(whatIf.n);
    setView('What if…');
  }
  return (
    <div className="flex h-full min-h-0 flex-col gap-2 overflow-auto p-2 text-xs">
      <div role="group" aria-label="Charts view" className="flex gap-1">
        {(['Live', 'What if…'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            className={`${BUTTON} ${view === v ? 'border-sky-500 font-semibold' : 'opacity-80'}`}
            onClick={() => setView(v)}
          >
            {v}
          </button>
        ))}
      </div>
      {view === 'Live' ? <LiveCharts /> : <WhatIfView {...(whatIf ? { pick: whatIf } : {})} />}
    </div>
  );
}
