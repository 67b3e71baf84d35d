/**
 * Per-Service charts: request rate, success rate and latency over the last simulated minutes, from the
 * engine's traffic metrics. Recomputed once per traffic bucket, not per frame. Small SVG sparklines (no
 * chart library). A little form starts traffic to a Service through the console's own command.
 */
import { useMemo, useState } from 'react';
import { trafficMetrics, type Simulation } from '../../engine';
import { getSimulation, runCommand, useObjectKeys } from '../../store';
import { useSimSecond } from '../inspector';
import { SampleHistory, sampleCluster, type ClusterSample } from './clusterSeries';
import { serviceSeries, type ServiceSeries } from './serviceSeries';
import { areaPath, linePath, niceMax, shortNumber } from './sparkline';

const W = 220;
const H = 44;

interface SparklineProps {
  label: string;
  values: readonly number[];
  unit: string;
  /** Fixed axis maximum (success rate: 100); otherwise a nice bound above the data. */
  max?: number;
  tone: 'sky' | 'emerald' | 'amber';
}

const STROKE = { sky: '#38bdf8', emerald: '#34d399', amber: '#fbbf24' } as const;

function Sparkline({ label, values, unit, max, tone }: SparklineProps) {
  const top = max ?? niceMax(Math.max(0, ...values));
  const line = linePath(values, W, H, { min: 0, max: top });
  const last = values[values.length - 1];
  return (
    <figure className="flex flex-col gap-0.5">
      <figcaption className="flex justify-between text-[11px] text-slate-400">
        <span>{label}</span>
        <span className="font-mono text-slate-200">
          {last === undefined ? '–' : shortNumber(last)}
          {unit}
        </span>
      </figcaption>
      <svg
        role="img"
        aria-label={`${label}: ${last === undefined ? 'no data' : `${shortNumber(last)}${unit} now`}, axis up to ${shortNumber(top)}${unit}`}
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        className="rounded bg-slate-900"
      >
        <path d={areaPath(line, W, H)} fill={STROKE[tone]} fillOpacity={0.15} />
        <path d={line} fill="none" stroke={STROKE[tone]} strokeWidth={1.5} />
      </svg>
    </figure>
  );
}

function ServiceCard({ s }: { s: ServiceSeries }) {
  return (
    <section
      aria-label={`Service ${s.name} traffic`}
      className="flex items-start gap-3 rounded border border-slate-700 p-2"
    >
      <h3
        className="w-28 shrink-0 truncate text-xs font-semibold text-slate-100"
        title={`${s.namespace}/${s.name}`}
      >
        {s.name}
        <span className="block font-normal text-slate-400">{s.namespace}</span>
      </h3>
      <Sparkline label="Requests/s" values={s.rps} unit="" tone="sky" />
      <Sparkline label="Success" values={s.successPct} unit="%" max={100} tone="emerald" />
      <Sparkline label="Latency p99" values={s.p99Ms} unit=" ms" tone="amber" />
    </section>
  );
}

/** Five simulated minutes of cluster samples, kept while the app runs (reset with the simulation). */
let history = new SampleHistory<ClusterSample>(300);
let historyOf: Simulation | undefined;

function sampleSecond(second: number): ClusterSample[] {
  const sim = getSimulation();
  if (sim !== historyOf) {
    history = new SampleHistory<ClusterSample>(300);
    historyOf = sim;
  }
  history.push(sampleCluster(sim.store, second * 1000));
  return history.list();
}

function mean(values: Record<string, number>): number {
  const v = Object.values(values);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
}

function ClusterCard() {
  const second = useSimSecond();
  const samples = useMemo(() => sampleSecond(second), [second]);
  return (
    <section
      aria-label="Cluster over time"
      className="flex items-start gap-3 rounded border border-slate-700 p-2"
    >
      <h3 className="w-28 shrink-0 text-xs font-semibold text-slate-100">
        Cluster
        <span className="block font-normal text-slate-400">requests / allocatable</span>
      </h3>
      <Sparkline label="Pending pods" values={samples.map((x) => x.pending)} unit="" tone="amber" />
      <Sparkline
        label="CPU requested"
        values={samples.map((x) => mean(x.cpuPct))}
        unit="%"
        max={100}
        tone="sky"
      />
      <Sparkline
        label="Memory requested"
        values={samples.map((x) => mean(x.memPct))}
        unit="%"
        max={100}
        tone="emerald"
      />
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
    const r = runCommand(`kubecanvas traffic service/${name} --rps ${rps} -n ${ns}`);
    setMessage(r.output);
  };
  if (names.length === 0) return <p className="text-slate-400">Add a Service to send traffic to it.</p>;
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
        <select
          className="rounded border border-slate-600 bg-slate-900 px-1"
          value={chosen}
          onChange={(e) => setTarget(e.target.value)}
        >
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
          className="w-20 rounded border border-slate-600 bg-slate-900 px-1"
          value={rps}
          onChange={(e) => setRps(e.target.value)}
        />
      </label>
      <button type="submit" className="rounded bg-slate-700 px-2 py-0.5 hover:bg-slate-600">
        Send traffic
      </button>
      {message && <span className="font-mono text-slate-400">{message}</span>}
    </form>
  );
}

export function Charts() {
  // Re-renders when a simulated second passes, at most four times a wall second, not on every frame.
  const second = useSimSecond();
  const series = useMemo(() => {
    void second;
    return serviceSeries(trafficMetrics(getSimulation()));
  }, [second]);
  return (
    <div className="flex h-full min-h-0 flex-col gap-2 overflow-auto bg-slate-950 p-2 text-xs text-slate-200">
      <SendTraffic />
      <ClusterCard />
      {series.length === 0 ? (
        <p className="text-slate-400">
          No traffic yet. Send some above, or in the console: kubecanvas traffic service/NAME --rps 50
        </p>
      ) : (
        <div className="flex flex-col gap-2">
          {series.map((s) => (
            <ServiceCard key={s.key} s={s} />
          ))}
        </div>
      )}
    </div>
  );
}
