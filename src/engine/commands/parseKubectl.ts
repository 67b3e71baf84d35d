/**
 * `kubectl <verb> ...` lines to Commands: each verb's flags and arguments as kubectl defines them, and
 * kubectl's error words when they are wrong.
 */
import { bool, GLOBAL_FLAGS, parseFlags, str, type FlagSpec } from './flags';
import { parseGoDuration, parseGoRFC3339 } from './goTime';
import { parseTargets } from './parseTargets';
import { resolveResource } from './resources';
import { parseTaints } from './taints';
import type { Command, KeyChange, OutputFormat, RolloutAction, Scope, Target } from './types';

/** A Command, or the error kubectl would print. */
export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

const fail = (error: string): ParseResult => ({ ok: false, error });
const done = (command: Command): ParseResult => ({ ok: true, command });

type Flags = Map<string, string | boolean>;

function scopeOf(flags: Flags): Scope {
  return { namespace: str(flags, 'namespace') ?? 'default', allNamespaces: bool(flags, 'all-namespaces') };
}

const OUTPUTS: Record<string, OutputFormat> = { wide: 'wide', yaml: 'yaml', json: 'json', name: 'name' };

function outputOf(flags: Flags): OutputFormat | string {
  const o = str(flags, 'output');
  if (o === undefined) return 'table';
  return (
    OUTPUTS[o] ??
    `error: unable to match a printer suitable for the output format "${o}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`
  );
}

const F = {
  allNs: { name: 'all-namespaces', short: 'A', bool: true },
  output: { name: 'output', short: 'o' },
  selector: { name: 'selector', short: 'l' },
  filename: { name: 'filename', short: 'f' },
  all: { name: 'all', bool: true },
  overwrite: { name: 'overwrite', bool: true },
} satisfies Record<string, FlagSpec>;

type VerbParser = (args: string[], flags: Flags) => ParseResult;

interface VerbDef {
  flags: FlagSpec[];
  parse: VerbParser;
}

function targetsOrFail(args: string[], parse: (t: Target[]) => ParseResult): ParseResult {
  const r = parseTargets(args);
  return r.ok ? parse(r.targets) : fail(r.error);
}

const NO_NAME = 'error: resource(s) were provided, but no name was specified';

function splitChanges(args: string[]): { targets: string[]; changes: string[] } {
  const i = args.findIndex((a, idx) => idx > 0 && (a.includes('=') || a.endsWith('-') || a.includes(':')));
  return i < 0 ? { targets: args, changes: [] } : { targets: args.slice(0, i), changes: args.slice(i) };
}

function keyChanges(changes: string[], what: string): KeyChange[] | string {
  const out: KeyChange[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) out.push({ key: c.slice(0, -1) });
    else if (c.includes('=')) {
      const eq = c.indexOf('=');
      out.push({ key: c.slice(0, eq), value: c.slice(eq + 1) });
    } else return `error: invalid ${what} spec: ${c}`;
  }
  return out;
}

function nodeNames(targets: Target[]): string[] | string {
  const names: string[] = [];
  for (const t of targets) {
    if (t.kind !== 'Node')
      return `error: resource type "${t.kind}" is not supported; only nodes can be tainted`;
    names.push(...t.names);
  }
  return names;
}

export const KUBECTL_VERBS: Record<string, VerbDef> = {
  apply: {
    flags: [F.filename],
    parse(args, flags) {
      const f = str(flags, 'filename');
      if (f === undefined) return fail('error: must specify one of -f and -k');
      if (args.length) return fail(`error: Unexpected args: [${args.join(' ')}]`);
      return done({ verb: 'apply', scope: scopeOf(flags), filename: f });
    },
  },
  get: {
    flags: [
      F.allNs,
      F.output,
      F.selector,
      { name: 'field-selector' },
      { name: 'sort-by' },
      { name: 'show-labels', bool: true },
      { name: 'no-headers', bool: true },
      { name: 'watch', short: 'w', bool: true },
    ],
    parse(args, flags) {
      if (args.length === 0)
        return fail(
          'error: You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
        );
      const output = outputOf(flags);
      if (output.startsWith('error:')) return fail(output);
      const selector = str(flags, 'selector');
      const fieldSelector = str(flags, 'field-selector');
      const sortBy = str(flags, 'sort-by');
      return targetsOrFail(args, (targets) =>
        done({
          verb: 'get',
          scope: scopeOf(flags),
          targets,
          output: output as OutputFormat,
          ...(selector !== undefined ? { selector } : {}),
          ...(fieldSelector !== undefined ? { fieldSelector } : {}),
          ...(sortBy !== undefined ? { sortBy } : {}),
          showLabels: bool(flags, 'show-labels'),
          noHeaders: bool(flags, 'no-headers'),
        }),
      );
    },
  },
  describe: {
    flags: [F.allNs, F.selector],
    parse(args, flags) {
      if (args.length === 0)
        return fail(
          'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
        );
      const selector = str(flags, 'selector');
      return targetsOrFail(args, (targets) =>
        done({
          verb: 'describe',
          scope: scopeOf(flags),
          targets,
          ...(selector !== undefined ? { selector } : {}),
        }),
      );
    },
  },
  scale: {
    flags: [{ name: 'replicas' }],
    parse(args, flags) {
      const r = str(flags, 'replicas');
      if (r === undefined) return fail('error: required flag(s) "replicas" not set');
      const replicas = Number(r);
      if (!Number.isInteger(replicas) || replicas < 0)
        return fail(
          `error: invalid argument "${r}" for "--replicas" flag: strconv.ParseInt: parsing "${r}": invalid syntax`,
        );
      return targetsOrFail(args, (targets) => {
        if (targets.length === 0)
          return fail('error: You must provide one or more resources by argument or filename.');
        if (targets.some((t) => t.names.length === 0)) return fail(NO_NAME);
        return done({ verb: 'scale', scope: scopeOf(flags), targets, replicas });
      });
    },
  },
  delete: {
    flags: [
      F.selector,
      F.all,
      F.allNs,
      { name: 'grace-period' },
      { name: 'force', bool: true },
      { name: 'now', bool: true },
      { name: 'wait', bool: true },
    ],
    parse(args, flags) {
      if (args.length === 0)
        return fail(
          "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        );
      const selector = str(flags, 'selector');
      const all = bool(flags, 'all');
      const grace = str(flags, 'grace-period');
      const gracePeriod = bool(flags, 'now')
        ? 1
        : grace !== undefined
          ? Number(grace)
          : bool(flags, 'force')
            ? 0
            : undefined;
      return targetsOrFail(args, (targets) => {
        if (!all && selector === undefined && targets.some((t) => t.names.length === 0)) return fail(NO_NAME);
        return done({
          verb: 'delete',
          scope: scopeOf(flags),
          targets,
          all,
          ...(selector !== undefined ? { selector } : {}),
          ...(gracePeriod !== undefined && Number.isFinite(gracePeriod) ? { gracePeriod } : {}),
        });
      });
    },
  },
  cordon: { flags: [], parse: (args) => nodesVerb('cordon', args) },
  uncordon: { flags: [], parse: (args) => nodesVerb('uncordon', args) },
  drain: {
    flags: [
      { name: 'ignore-daemonsets', bool: true },
      { name: 'delete-emptydir-data', bool: true },
      { name: 'delete-local-data', bool: true },
      { name: 'force', bool: true },
      { name: 'grace-period' },
      { name: 'timeout' },
    ],
    parse(args, flags) {
      const r = nodeArgs(args, 'drain');
      if (typeof r === 'string') return fail(r);
      return done({
        verb: 'drain',
        nodes: r,
        ignoreDaemonsets: bool(flags, 'ignore-daemonsets'),
        deleteEmptydirData: bool(flags, 'delete-emptydir-data') || bool(flags, 'delete-local-data'),
        force: bool(flags, 'force'),
      });
    },
  },
  label: { flags: [F.overwrite, F.allNs], parse: (args, flags) => metaVerb('label', args, flags) },
  annotate: { flags: [F.overwrite, F.allNs], parse: (args, flags) => metaVerb('annotate', args, flags) },
  taint: {
    flags: [F.overwrite],
    parse(args, flags) {
      const { targets, changes } = splitChanges(args);
      if (changes.length === 0) return fail('error: at least one taint update is required');
      const t = parseTaints(changes);
      if (typeof t === 'string') return fail(`error: ${t}`);
      return targetsOrFail(targets, (ts) => {
        const nodes = nodeNames(ts);
        if (typeof nodes === 'string') return fail(nodes);
        if (nodes.length === 0) return fail(NO_NAME);
        return done({
          verb: 'taint',
          nodes,
          add: t.add,
          remove: t.remove,
          overwrite: bool(flags, 'overwrite'),
        });
      });
    },
  },
  logs: {
    flags: [
      { name: 'container', short: 'c' },
      { name: 'previous', short: 'p', bool: true },
      { name: 'follow', short: 'f', bool: true },
      { name: 'timestamps', bool: true },
      { name: 'tail' },
      { name: 'all-containers', bool: true },
      { name: 'all-pods', bool: true },
      F.selector,
      { name: 'max-log-requests' },
      { name: 'prefix', bool: true },
      { name: 'ignore-errors', bool: true },
      { name: 'since' },
      { name: 'since-time' },
      { name: 'limit-bytes' },
      { name: 'pod-running-timeout' },
    ],
    parse: parseLogs,
  },
  version: {
    flags: [{ name: 'client', bool: true }],
    parse(args, flags) {
      if (args.length) return fail(`error: unknown command "${args[0]}" for "kubectl version"`);
      return done({ verb: 'version', client: bool(flags, 'client') });
    },
  },
  top: {
    flags: [F.allNs],
    parse(args, flags) {
      const what = args[0];
      if (what === 'pod' || what === 'pods' || what === 'po')
        return done({ verb: 'top', scope: scopeOf(flags), what: 'Pod' });
      if (what === 'node' || what === 'nodes' || what === 'no')
        return done({ verb: 'top', scope: scopeOf(flags), what: 'Node' });
      return fail(`error: unknown command "${what ?? ''}" for "kubectl top"`);
    },
  },
};

/** defaultPodLogsTimeout (logs.go): how long `kubectl logs TYPE/NAME` waits for a pod. */
const DEFAULT_POD_LOGS_TIMEOUT_MS = 20_000;

const LOGS_USAGE =
  "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/** pflag's Int64Var/IntVar: an integer, or its error in strconv's words. */
function intFlag(flags: Flags, name: string, fallback: number): number | string {
  const text = str(flags, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(n))
    return `error: invalid argument "${text}" for "--${name}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`;
  return n;
}

/**
 * `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]` or `-l SELECTOR`, as logs.go reads it:
 * pflag's values, Complete (the arguments, --since-time, a selector's default tail of 10) and Validate,
 * in that order and in its words.
 */
function parseLogs(args: string[], flags: Flags): ParseResult {
  const tail = intFlag(flags, 'tail', -1);
  if (typeof tail === 'string') return fail(tail);
  const maxLogRequests = intFlag(flags, 'max-log-requests', 5);
  if (typeof maxLogRequests === 'string') return fail(maxLogRequests);
  const sinceText = str(flags, 'since');
  const since = sinceText === undefined ? undefined : parseGoDuration(sinceText);
  if (since && !since.ok)
    return fail(`error: invalid argument "${sinceText}" for "--since" flag: ${since.error}`);
  const limitBytes = intFlag(flags, 'limit-bytes', 0);
  if (typeof limitBytes === 'string') return fail(limitBytes);
  const timeoutText = str(flags, 'pod-running-timeout');
  const timeout = timeoutText === undefined ? undefined : parseGoDuration(timeoutText);
  if (timeout && !timeout.ok)
    return fail(
      `error: invalid argument "${timeoutText}" for "--pod-running-timeout" flag: ${timeout.error}`,
    );
  // Complete
  const selector = str(flags, 'selector');
  const hasSelector = selector !== undefined && selector !== '';
  if (args.length > 2 || (args.length === 0 && !hasSelector)) return fail(LOGS_USAGE);
  if (args.length === 1 && hasSelector)
    return fail(
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples",
    );
  // GetPodRunningTimeoutFlag (cmdutil): the wait for a workload's first pod, 20s unless given.
  const podRunningTimeoutMs = timeout?.ok ? timeout.value : DEFAULT_POD_LOGS_TIMEOUT_MS;
  if (podRunningTimeoutMs <= 0) return fail('error: --pod-running-timeout must be higher than zero');
  const optionContainer = str(flags, 'container');
  const container = args.length === 2 ? args[1] : optionContainer;
  const sinceTimeText = str(flags, 'since-time');
  let sinceTimeMs: number | undefined;
  if (sinceTimeText !== undefined && sinceTimeText !== '') {
    const t = parseGoRFC3339(sinceTimeText);
    if (!t.ok) return fail(`error: ${t.error}`);
    sinceTimeMs = Math.floor(t.value / 1000) * 1000; // metav1.Time travels at second precision
  }
  // The builder refuses a name beside a selector.
  if (args.length === 2 && hasSelector)
    return fail('error: name cannot be provided when a selector is specified');
  // ToLogOptions: --since rounded to the nearest second; a selector reads 10 lines unless --tail is set.
  const sinceMs = since?.ok ? since.value : 0;
  const sinceSeconds = sinceMs !== 0 ? Math.sign(sinceMs) * Math.round(Math.abs(sinceMs) / 1000) : undefined;
  const tailLines = hasSelector && !flags.has('tail') ? 10 : tail;
  // Validate
  if (sinceTimeText && sinceMs !== 0)
    return fail('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  const allContainers = bool(flags, 'all-containers');
  if (allContainers && container)
    return fail(`error: --all-containers=true should not be specified with container name ${container}`);
  if (optionContainer !== undefined && args.length === 2)
    return fail('error: only one of -c or an inline [CONTAINER] arg is allowed');
  if (limitBytes < 0) return fail('error: --limit-bytes must be greater than 0');
  if (sinceSeconds !== undefined && sinceSeconds < 0) return fail('error: --since must be greater than 0');
  if (tailLines < -1) return fail('error: --tail must be greater than or equal to -1');
  let target: { kind: string; name: string } | undefined;
  const arg = args[0];
  if (arg !== undefined) {
    target = { kind: 'Pod', name: arg };
    if (arg.includes('/')) {
      const slash = arg.indexOf('/');
      const type = resolveResource(arg.slice(0, slash));
      if (!type) return fail(`error: the server doesn't have a resource type "${arg.slice(0, slash)}"`);
      target = { kind: type.kind, name: arg.slice(slash + 1) };
    }
  }
  const allPods = bool(flags, 'all-pods');
  return done({
    verb: 'logs',
    scope: scopeOf(flags),
    ...(target ? { target } : {}),
    ...(hasSelector ? { selector } : {}),
    ...(container ? { container } : {}),
    allContainers,
    allPods,
    prefix: bool(flags, 'prefix') || allPods,
    ignoreErrors: bool(flags, 'ignore-errors'),
    maxLogRequests,
    previous: bool(flags, 'previous'),
    tail: tailLines,
    follow: bool(flags, 'follow'),
    timestamps: bool(flags, 'timestamps'),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(sinceTimeMs !== undefined ? { sinceTimeMs } : {}),
    // ToLogOptions sends limitBytes only when it is not 0.
    ...(limitBytes !== 0 ? { limitBytes } : {}),
    podRunningTimeoutMs,
  });
}

function nodeArgs(args: string[], verb: string): string[] | string {
  if (args.length === 0) return `error: USAGE: ${verb} NODE [flags]`;
  return args.map((a) => (a.startsWith('node/') ? a.slice(5) : a.startsWith('nodes/') ? a.slice(6) : a));
}

function nodesVerb(verb: 'cordon' | 'uncordon', args: string[]): ParseResult {
  const r = nodeArgs(args, verb);
  return typeof r === 'string' ? fail(r) : done({ verb, nodes: r });
}

function metaVerb(verb: 'label' | 'annotate', args: string[], flags: Flags): ParseResult {
  const what = verb === 'label' ? 'label' : 'annotation';
  const { targets, changes } = splitChanges(args);
  if (changes.length === 0) return fail(`error: at least one ${what} update is required`);
  const c = keyChanges(changes, what);
  if (typeof c === 'string') return fail(c);
  return targetsOrFail(targets, (ts) => {
    const [target] = ts;
    if (!target || target.names.length === 0) return fail(NO_NAME);
    return done({ verb, scope: scopeOf(flags), target, changes: c, overwrite: bool(flags, 'overwrite') });
  });
}

/** `kubectl set image` and `kubectl rollout <action>`: verbs with subcommands. */
export function parseSubcommand(verb: 'set' | 'rollout', words: string[]): ParseResult {
  const [sub, ...rest] = words;
  if (verb === 'set') {
    if (sub !== 'image') return fail(`error: unknown command "${sub ?? ''}" for "kubectl set"`);
    const parsed = parseFlags(rest, [...GLOBAL_FLAGS, F.allNs, F.selector]);
    if (!parsed.ok) return fail(parsed.error);
    const { targets, changes } = splitChanges(parsed.positionals);
    if (changes.length === 0) return fail('error: at least one image update is required');
    const images: Array<[string, string]> = changes.map((c) => [
      c.slice(0, c.indexOf('=')),
      c.slice(c.indexOf('=') + 1),
    ]);
    return targetsOrFail(targets, (ts) => {
      const [target] = ts;
      if (!target || target.names.length === 0) return fail(NO_NAME);
      return done({ verb: 'set-image', scope: scopeOf(parsed.flags), target, images });
    });
  }
  const actions: RolloutAction[] = ['status', 'history', 'undo', 'pause', 'resume', 'restart'];
  if (!actions.includes(sub as RolloutAction))
    return fail(`error: unknown command "${sub ?? ''}" for "kubectl rollout"`);
  const parsed = parseFlags(rest, [
    ...GLOBAL_FLAGS,
    { name: 'to-revision' },
    { name: 'revision' },
    { name: 'watch', short: 'w', bool: true },
    { name: 'timeout' },
  ]);
  if (!parsed.ok) return fail(parsed.error);
  const rev = str(parsed.flags, 'to-revision') ?? str(parsed.flags, 'revision');
  return targetsOrFail(parsed.positionals, (ts) => {
    const [target] = ts;
    if (!target || target.names.length === 0) return fail('error: required resource not specified');
    return done({
      verb: 'rollout',
      scope: scopeOf(parsed.flags),
      action: sub as RolloutAction,
      target,
      ...(rev !== undefined ? { toRevision: Number(rev) } : {}),
      watch: parsed.flags.get('watch') !== false,
    });
  });
}
