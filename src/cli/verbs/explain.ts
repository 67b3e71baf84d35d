/**
 * `kubecanvas explain FILE [--output json]`: loads Nodes, bound Pods, optionally a
 * KubeSchedulerConfiguration, and unbound Pods; explains each unbound pod's scheduling cycle in document
 * order (each chosen placement is bound before the next pod is explained).
 */
import { loadAll } from 'js-yaml';
import {
  Simulation,
  SchedulerSnapshot,
  defaultProfile,
  explainPod,
  parseSchedulerConfiguration,
  type KubeObject,
  type Pod,
  type PodExplanation,
  type PriorityClass,
  type SchedulerProfile,
} from '../../engine';
import { parseArgs, type CliIo, type Verb } from '../io';

function docs(text: string): KubeObject[] {
  return (loadAll(text) as unknown[]).filter(
    (d): d is KubeObject => typeof d === 'object' && d !== null && 'kind' in d,
  );
}

function withPriority(pod: Pod & KubeObject, classes: Array<PriorityClass & KubeObject>): Pod & KubeObject {
  if (pod.spec?.priority !== undefined) return pod;
  const name = pod.spec?.priorityClassName;
  const pc = name ? classes.find((c) => c.metadata.name === name) : classes.find((c) => c.globalDefault);
  return pc
    ? { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], priority: pc.value } }
    : pod;
}

/** Explains every unbound pod of the documents, binding each chosen placement before the next. */
export function explainDocuments(text: string): PodExplanation[] {
  const objects = docs(text);
  const sim = new Simulation();
  let profile: SchedulerProfile = defaultProfile();
  const classes = objects.filter((o): o is PriorityClass & KubeObject => o.kind === 'PriorityClass');
  const unbound: Array<Pod & KubeObject> = [];
  for (const o of objects) {
    if (o.kind === 'KubeSchedulerConfiguration') {
      const profiles = parseSchedulerConfiguration(o);
      profile = profiles.get('default-scheduler') ?? profiles.values().next().value ?? profile;
      continue;
    }
    if (!o.metadata?.name) continue;
    const obj = o.kind === 'Pod' ? withPriority(o as Pod & KubeObject, classes) : o;
    if (obj.kind === 'Pod' && !(obj as Pod).spec?.nodeName) {
      unbound.push(obj as Pod & KubeObject);
      continue;
    }
    if (!sim.store.getByKey(`${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`))
      sim.store.apply({ type: 'create', object: obj });
  }
  const snapshot = SchedulerSnapshot.fromStore(sim.store);
  const out: PodExplanation[] = [];
  for (const p of unbound) {
    const stored = sim.store.apply({ type: 'create', object: p }) as Pod & KubeObject;
    const e = explainPod(snapshot, stored, profile, sim.rng);
    out.push(e);
    if (e.selected) {
      const bound = sim.store.apply({
        type: 'update',
        object: {
          ...stored,
          spec: { ...stored.spec, containers: stored.spec?.containers ?? [], nodeName: e.selected },
        },
      }) as Pod & KubeObject;
      snapshot.upsertPod(bound);
    }
  }
  return out;
}

function text(e: PodExplanation): string {
  const lines = [`${e.pod}: ${e.selected ? `scheduled to ${e.selected}` : 'not scheduled'}`];
  if (e.message) lines.push(`  FailedScheduling: ${e.message}`);
  if (e.nominatedNodeName)
    lines.push(
      `  preemption would nominate ${e.nominatedNodeName}, evicting ${(e.victims ?? []).join(', ')}`,
    );
  if (e.note) lines.push(`  note: ${e.note}`);
  const width = Math.max(4, ...e.nodes.map((n) => n.node.length));
  for (const n of e.nodes) {
    const f = n.filter;
    if (f.status !== 'Success') {
      lines.push(`  ${n.node.padEnd(width)}  ${f.status} (${f.plugin ?? ''}: ${f.reason ?? ''})`);
      continue;
    }
    const scores = Object.entries(n.scores ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    lines.push(`  ${n.node.padEnd(width)}  Success  total ${n.total ?? 0}  ${scores}`);
  }
  return lines.join('\n');
}

export const explainVerb: Verb = {
  name: 'explain',
  summary: 'explain kube-scheduler decisions for the unbound pods of a file (filters, scores, choice)',
  usage: 'kubecanvas explain FILE [--output json]',
  async run(args, io: CliIo) {
    const { positionals, flags } = parseArgs(args);
    const file = positionals[0];
    if (!file) {
      io.err('kubecanvas explain: a FILE is required (use - for standard input)');
      return 2;
    }
    const result = explainDocuments(await io.readFile(file));
    if (flags.output === 'json') io.out(JSON.stringify({ pods: result }, null, 2));
    else io.out(result.map(text).join('\n\n'));
    return 0;
  },
};
