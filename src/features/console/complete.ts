/**
 * Tab completion of a kubectl line: the verb after `kubectl`, the resource type after verbs that take
 * one, and object names after a resource type (names come from the caller, who reads the live cluster).
 * Completes the last word to the longest common prefix of the candidates, as shells do.
 */

export const VERBS = [
  'get',
  'describe',
  'apply',
  'delete',
  'scale',
  'set',
  'rollout',
  'cordon',
  'uncordon',
  'drain',
  'label',
  'annotate',
  'taint',
  'top',
  'logs',
  'version',
] as const;

/** Verbs whose next word is a resource type. */
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'scale', 'label', 'annotate']);
/** Verbs whose next word is a node name. */
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);

export const RESOURCE_TYPES = [
  'pods',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'services',
  'endpointslices',
  'ingresses',
  'nodes',
  'namespaces',
  'events',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'persistentvolumes',
  'storageclasses',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
] as const;

/** What completion needs from the cluster: names of objects of a resource type as typed (`po`, `nodes`). */
export type NameLister = (resourceType: string) => readonly string[];

/** The result: the new line and, when ambiguous, the candidates to show. */
export interface Completion {
  line: string;
  candidates: string[];
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0] as string;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Flags whose value is the next word (`-o wide`, `--namespace kube-system`). */
const VALUE_FLAGS = new Set([
  '-o',
  '--output',
  '-n',
  '--namespace',
  '-l',
  '--selector',
  '-f',
  '--filename',
  '-c',
  '--container',
  '--replicas',
]);

/** The positional words (flags and their values left out), the word being completed kept last. */
function positional(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const last = i === words.length - 1;
    if (w.startsWith('-') && !last) {
      if (VALUE_FLAGS.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

const ROLLOUT_ACTIONS = ['status', 'history', 'undo', 'pause', 'resume', 'restart'] as const;
const ROLLOUT_TYPES = ['deployment/', 'daemonset/', 'statefulset/'] as const;
const LOG_TYPES = ['deployment/', 'statefulset/', 'daemonset/', 'replicaset/', 'job/', 'service/'] as const;

/** Verbs that take `type/name` words, and whether the word being completed is one. */
function slashCandidates(verb: string, word: string, names: NameLister): readonly string[] | undefined {
  const slash = word.indexOf('/');
  if (slash < 0) return undefined;
  if (!['logs', 'rollout', 'get', 'describe', 'delete', 'scale', 'label', 'annotate'].includes(verb))
    return undefined;
  const type = word.slice(0, slash);
  return names(type).map((n) => `${type}/${n}`);
}

function candidatesFor(words: readonly string[], names: NameLister): readonly string[] {
  const args = positional(words);
  // args: ['kubectl', verb?, type?, name?] with the last one being completed.
  if (args[0] !== 'kubectl') return args.length === 1 ? ['kubectl'] : [];
  if (args.length === 2) return VERBS;
  const verb = args[1] ?? '';
  const slashed = slashCandidates(verb, args[args.length - 1] ?? '', names);
  if (slashed) return slashed;
  if (verb === 'rollout') {
    if (args.length === 3) return ROLLOUT_ACTIONS;
    if (args.length === 4) return ROLLOUT_TYPES;
    return [];
  }
  if (args.length === 3 && verb === 'logs') return [...names('pods'), ...LOG_TYPES];
  if (args.length === 3 && NODE_VERBS.has(verb)) return names('nodes');
  if (args.length === 3 && TYPED_VERBS.has(verb)) return RESOURCE_TYPES;
  if (args.length === 4 && TYPED_VERBS.has(verb)) return names(args[2] ?? '');
  return [];
}

/** Completes the last word of `line` (a trailing space starts a new, empty word). */
export function completeLine(line: string, names: NameLister): Completion {
  const words = line.split(/\s+/).filter((w, i, all) => w !== '' || i === all.length - 1);
  if (words.length === 0) words.push('');
  const last = words[words.length - 1] ?? '';
  const matches = candidatesFor(words, names).filter((c) => c.startsWith(last));
  if (matches.length === 0) return { line, candidates: [] };
  const only = matches[0] as string;
  const prefix = matches.length === 1 ? (only.endsWith('/') ? only : `${only} `) : commonPrefix(matches);
  const head = line.slice(0, line.length - last.length);
  return {
    line: head + (prefix.length >= last.length ? prefix : last),
    candidates: matches.length > 1 ? [...matches] : [],
  };
}

/** The line as the engine reads it: `k` means kubectl, a bare verb gets `kubectl` in front. */
export function normalizeLine(line: string): string {
  const t = line.trim();
  const first = t.split(/\s+/)[0] ?? '';
  if (first === 'k') return `kubectl${t.slice(1)}`;
  if ((VERBS as readonly string[]).includes(first)) return `kubectl ${t}`;
  return t;
}
