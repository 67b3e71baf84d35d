/**
 * The simulated behaviour of a pod's containers (the `kubecanvas.dev/behavior` annotation on the pod or
 * its template), edited field by field through the engine's own parseBehavior/formatBehavior, so the
 * annotation keeps only what differs from the defaults and disappears when nothing does.
 */
import {
  BEHAVIOR_ANNOTATION,
  formatBehavior,
  parseBehavior,
  type ContainerBehavior,
  type KubeObject,
  type ObjectMeta,
} from '../../engine';
import type { Field, ScalarField } from './fields';
import { podMeta, pruned, updatePodMeta } from './podTemplate';

type NumberKey = 'startupSeconds' | 'failAfterSeconds' | 'crashAfterSeconds' | 'capacityRps' | 'latencyMs';

function behaviorOf(o: KubeObject) {
  return parseBehavior(podMeta(o).annotations?.[BEHAVIOR_ANNOTATION]);
}

/** Writes the pod-level behaviour back, dropping the annotation when it equals the defaults. */
export function setBehavior(o: KubeObject, fn: (b: ContainerBehavior) => ContainerBehavior): KubeObject {
  const parsed = behaviorOf(o);
  const text = formatBehavior({ defaults: fn(parsed.defaults), containers: parsed.containers });
  return updatePodMeta(o, (m): ObjectMeta => {
    const annotations = { ...m.annotations };
    if (text === '{}') delete annotations[BEHAVIOR_ANNOTATION];
    else annotations[BEHAVIOR_ANNOTATION] = text;
    return pruned({ ...m, annotations });
  });
}

function numberField(key: NumberKey, label: string, optional: boolean, help?: string): ScalarField {
  return {
    kind: 'scalar',
    id: `behavior.${key}`,
    label,
    control: 'number',
    ...(optional ? { placeholder: 'never' } : {}),
    ...(help ? { help } : {}),
    get: (o) => String(behaviorOf(o).defaults[key] ?? ''),
    set: (o, v) =>
      setBehavior(o, (b) => {
        const next = { ...b };
        if (v === '' && optional) delete next[key];
        else if (v !== '') next[key] = Number(v);
        return next;
      }),
    validate: (v) => {
      if (v === '') return optional ? undefined : 'Required value';
      const n = Number(v);
      return Number.isFinite(n) && n >= 0 ? undefined : 'must be a number greater than or equal to 0';
    },
  };
}

/** startupSeconds, healthy, failAfterSeconds, crashAfterSeconds, capacityRps, latencyMs. */
export function behaviorFields(): Field[] {
  return [
    numberField('startupSeconds', 'Startup time (s)', false, 'Seconds until the process listens.'),
    {
      kind: 'scalar',
      id: 'behavior.healthy',
      label: 'Health endpoint answers',
      control: 'checkbox',
      get: (o) => String(behaviorOf(o).defaults.healthy),
      set: (o, v) => setBehavior(o, (b) => ({ ...b, healthy: v === 'true' })),
    },
    numberField('failAfterSeconds', 'Becomes unhealthy after (s)', true),
    numberField('crashAfterSeconds', 'Crashes after (s)', true),
    numberField('capacityRps', 'Capacity (requests/s per replica)', false),
    numberField('latencyMs', 'Latency (ms)', false),
  ];
}

/** Problems of the annotation as written (unknown keys, wrong types), to show above the fields. */
export function behaviorProblems(o: KubeObject): string[] {
  return behaviorOf(o).problems;
}
