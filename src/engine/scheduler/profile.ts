/**
 * Scheduling profiles: the default plugins and weights (pkg/scheduler/apis/config/v1/default_plugins.go),
 * and a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) that enables, disables, reweighs and
 * configures them.
 */
import type { KubeObject } from '../api/types';
import type { Plugin, WeightedPlugin } from './framework/types';
import { nodeUnschedulable } from './plugins/nodeunschedulable/nodeUnschedulable';
import { nodeName } from './plugins/nodename/nodeName';
import { taintToleration } from './plugins/tainttoleration/taintToleration';
import { nodeAffinity, type NodeAffinityArgs } from './plugins/nodeaffinity/nodeAffinity';
import { nodePorts } from './plugins/nodeports/nodePorts';
import { nodeResourcesFit, type NodeResourcesFitArgs } from './plugins/noderesources/fit';
import {
  nodeResourcesBalancedAllocation,
  type BalancedAllocationArgs,
} from './plugins/noderesources/balancedAllocation';
import { volumeRestrictions } from './plugins/volumerestrictions/volumeRestrictions';
import { volumeBinding, type VolumeBindingArgs } from './plugins/volumebinding/volumeBinding';
import { volumeZone } from './plugins/volumezone/volumeZone';
import { podTopologySpread } from './plugins/podtopologyspread/podTopologySpread';
import type { PodTopologySpreadArgs } from './plugins/podtopologyspread/constraints';
import { interPodAffinity, type InterPodAffinityArgs } from './plugins/interpodaffinity/interPodAffinity';
import { imageLocality } from './plugins/imagelocality/imageLocality';

/** A profile ready to run: plugins per extension point, in order. */
export interface Profile {
  schedulerName: string;
  preFilter: Plugin[];
  filter: Plugin[];
  preScore: Plugin[];
  score: WeightedPlugin[];
  /** DefaultPreemption enabled. */
  preemption: boolean;
  /** 0 = adaptive (numFeasibleNodesToFind). */
  percentageOfNodesToScore: number;
}

type Args = Record<string, unknown>;

/** The default MultiPoint plugins in order, with score weights (0 = not a score plugin). */
const DEFAULTS: Array<[string, number, (args: Args) => Plugin]> = [
  ['NodeUnschedulable', 0, () => nodeUnschedulable()],
  ['NodeName', 0, () => nodeName()],
  ['TaintToleration', 3, () => taintToleration()],
  ['NodeAffinity', 2, (a) => nodeAffinity(a as NodeAffinityArgs)],
  ['NodePorts', 0, () => nodePorts()],
  ['NodeResourcesFit', 1, (a) => nodeResourcesFit(a as NodeResourcesFitArgs)],
  ['VolumeRestrictions', 0, () => volumeRestrictions()],
  ['VolumeBinding', 0, (a) => volumeBinding(a as VolumeBindingArgs)],
  ['VolumeZone', 0, () => volumeZone()],
  ['PodTopologySpread', 2, (a) => podTopologySpread(a as PodTopologySpreadArgs)],
  ['InterPodAffinity', 2, (a) => interPodAffinity(a as InterPodAffinityArgs)],
  ['NodeResourcesBalancedAllocation', 1, (a) => nodeResourcesBalancedAllocation(a as BalancedAllocationArgs)],
  ['ImageLocality', 1, () => imageLocality()],
];

interface PluginRef {
  name: string;
  weight?: number;
}
interface PluginSet {
  enabled?: PluginRef[];
  disabled?: PluginRef[];
}
interface ProfileConfig {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Record<string, PluginSet | undefined>;
  pluginConfig?: Array<{ name: string; args?: Args }>;
}

function disabledAt(plugins: ProfileConfig['plugins'], point: string, name: string): boolean {
  const d = [...(plugins?.[point]?.disabled ?? []), ...(plugins?.multiPoint?.disabled ?? [])];
  if (d.some((r) => r.name === name)) return true;
  const e = [...(plugins?.[point]?.enabled ?? []), ...(plugins?.multiPoint?.enabled ?? [])];
  return d.some((r) => r.name === '*') && !e.some((r) => r.name === name);
}

/** Builds a profile from one KubeSchedulerProfile (undefined: the default profile). */
export function buildProfile(config: ProfileConfig = {}, globalPercentage = 0): Profile {
  const args = new Map((config.pluginConfig ?? []).map((c) => [c.name, c.args ?? {}]));
  const plugins = config.plugins;
  const weightOf = (name: string, dflt: number): number => {
    const ref = [...(plugins?.score?.enabled ?? []), ...(plugins?.multiPoint?.enabled ?? [])].find(
      (r) => r.name === name,
    );
    return ref?.weight ?? dflt;
  };
  const p: Profile = {
    schedulerName: config.schedulerName ?? 'default-scheduler',
    preFilter: [],
    filter: [],
    preScore: [],
    score: [],
    preemption: !disabledAt(plugins, 'postFilter', 'DefaultPreemption'),
    percentageOfNodesToScore: config.percentageOfNodesToScore ?? globalPercentage,
  };
  const extra = [
    ...(plugins?.multiPoint?.enabled ?? []),
    ...(plugins?.filter?.enabled ?? []),
    ...(plugins?.score?.enabled ?? []),
  ]
    .map((r) => r.name)
    .filter((n) => !DEFAULTS.some(([d]) => d === n));
  if (extra.length) throw new Error(`unknown plugins: ${[...new Set(extra)].join(', ')}`);
  for (const [name, dfltWeight, make] of DEFAULTS) {
    const plugin = make(args.get(name) ?? {});
    if (plugin.preFilter && !disabledAt(plugins, 'preFilter', name)) p.preFilter.push(plugin);
    if (plugin.filter && !disabledAt(plugins, 'filter', name)) p.filter.push(plugin);
    const scoreOn = plugin.score && !disabledAt(plugins, 'score', name);
    if (plugin.preScore && scoreOn && !disabledAt(plugins, 'preScore', name)) p.preScore.push(plugin);
    if (scoreOn) p.score.push({ plugin, weight: weightOf(name, dfltWeight || 1) });
  }
  return p;
}

/** The default profile, as kube-scheduler runs without a configuration file. */
export function defaultProfile(): Profile {
  return buildProfile();
}

/**
 * Reads a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) into profiles keyed by
 * schedulerName. Throws on a document of another kind or an unknown plugin name.
 */
export function parseSchedulerConfiguration(obj: KubeObject | Record<string, unknown>): Map<string, Profile> {
  const o = obj as Record<string, unknown>;
  if (o.kind !== 'KubeSchedulerConfiguration')
    throw new Error(`not a KubeSchedulerConfiguration: ${String(o.kind)}`);
  const global = (o.percentageOfNodesToScore as number | undefined) ?? 0;
  const profiles = (o.profiles as ProfileConfig[] | undefined) ?? [{}];
  const out = new Map<string, Profile>();
  for (const pc of profiles) {
    const p = buildProfile(pc, global);
    out.set(p.schedulerName, p);
  }
  return out;
}
