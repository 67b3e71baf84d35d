/**
 * "Send traffic: N requests/s" for a Service or an Ingress (and for the Clients of one): clients on the
 * internet send that many requests per second to it; 0 stops them. Through the store's sendTraffic (one
 * undo entry; the cluster gets it as a recorded input), the same TrafficSource the console's
 * `kubecanvas traffic service/NAME --rps N` makes.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { KubeObject, TrafficSource } from '../../engine';
import { sendTraffic, trafficSourceKey, useObject, type TrafficTargetRef } from '../../store';

/** The target of the control: the object itself, or the target of a TrafficSource. */
function targetOf(live: KubeObject): TrafficTargetRef | undefined {
  const namespace = live.metadata.namespace ?? 'default';
  if (live.kind === 'Service' || live.kind === 'Ingress')
    return { kind: live.kind, namespace, name: live.metadata.name };
  if (live.kind === 'TrafficSource') {
    const t = (live as TrafficSource).spec?.target;
    if (t && !(live as TrafficSource).spec.from)
      return { kind: t.kind, namespace: t.namespace ?? namespace, name: t.name };
  }
  return undefined;
}

export function SendTraffic({ live }: { live: KubeObject }) {
  const target = targetOf(live);
  const source = useObject<TrafficSource>(target ? trafficSourceKey(target) : null);
  const current = source?.spec?.rps ?? 0;
  const [value, setValue] = useState(String(current));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setValue(String(current)), [current]);
  if (!target) return null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem =
      value.trim() === '' ? 'Type a number of requests per second.' : sendTraffic(target, Number(value));
    setError(problem);
  };
  return (
    <form
      className="flex flex-col gap-1 border-b border-slate-700 p-2"
      onSubmit={onSubmit}
      aria-label="Send traffic"
      noValidate
    >
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="font-medium text-slate-200">
          Send traffic
        </label>
        <input
          id={id}
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          className="w-20 rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-right tabular-nums"
          value={value}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <span className="text-slate-400">requests/s</span>
        <button type="submit" className="ml-auto rounded bg-slate-700 px-2 py-0.5 hover:bg-slate-600">
          {Number(value) === 0 && current > 0 ? 'Stop' : 'Send'}
        </button>
      </div>
      <p id={`${id}-hint`} className="text-[11px] text-slate-400">
        {current > 0
          ? `Clients on the internet send ${current} requests/s to ${target.name}. 0 stops them.`
          : `Clients on the internet send requests to ${target.name}. 0 stops them.`}
      </p>
      {error && (
        <p role="alert" className="text-[11px] text-rose-300">
          {error}
        </p>
      )}
    </form>
  );
}
