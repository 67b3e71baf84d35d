/**
 * `kubectl create deployment|namespace`, `kubectl run` and `kubectl expose`: the imperative verbs people
 * type in demos, parsed with kubectl's flags and errors.
 */
import { bool, GLOBAL_FLAGS, parseFlags, str } from './flags';
import { parseTargets } from './parseTargets';
import type { ParseResult } from './parseKubectl';
import type { Scope } from './types';

const fail = (error: string): ParseResult => ({ ok: false, error });

function scope(flags: Map<string, string | boolean>): Scope {
  return { namespace: str(flags, 'namespace') ?? 'default', allNamespaces: false };
}

function intFlag(flags: Map<string, string | boolean>, name: string): number | undefined | string {
  const v = str(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0
    ? n
    : `error: invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`;
}

/** `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P]`, `kubectl create namespace NAME`. */
export function parseCreate(words: string[]): ParseResult {
  const [what, ...rest] = words;
  const parsed = parseFlags(rest, [
    ...GLOBAL_FLAGS,
    { name: 'image' },
    { name: 'replicas', short: 'r' },
    { name: 'port' },
    { name: 'dry-run' },
  ]);
  if (!parsed.ok) return fail(parsed.error);
  const [name, ...extra] = parsed.positionals;
  if (what === 'namespace' || what === 'ns') {
    if (!name || extra.length)
      return fail('error: exactly one NAME is required, got ' + parsed.positionals.length);
    return { ok: true, command: { verb: 'create-namespace', name } };
  }
  if (what !== 'deployment' && what !== 'deploy')
    return fail(`error: unknown command "${what ?? ''}" for "kubectl create"`);
  if (!name || extra.length)
    return fail(`error: exactly one NAME is required, got ${parsed.positionals.length}`);
  const image = str(parsed.flags, 'image');
  if (image === undefined) return fail('error: required flag(s) "image" not set');
  const images = [image];
  const replicas = intFlag(parsed.flags, 'replicas');
  const port = intFlag(parsed.flags, 'port');
  if (typeof replicas === 'string') return fail(replicas);
  if (typeof port === 'string') return fail(port);
  return {
    ok: true,
    command: {
      verb: 'create-deployment',
      scope: scope(parsed.flags),
      name,
      images,
      replicas: replicas ?? 1,
      ...(port !== undefined ? { port } : {}),
    },
  };
}

/** `kubectl run NAME --image=IMAGE [--port=P] [--labels=k=v,...]`. */
export function parseRun(words: string[]): ParseResult {
  const parsed = parseFlags(words, [
    ...GLOBAL_FLAGS,
    { name: 'image' },
    { name: 'port' },
    { name: 'labels', short: 'l' },
    { name: 'restart' },
    { name: 'rm', bool: true },
    { name: 'stdin', short: 'i', bool: true },
    { name: 'tty', short: 't', bool: true },
  ]);
  if (!parsed.ok) return fail(parsed.error);
  const [name] = parsed.positionals;
  if (!name) return fail('error: NAME is required for run');
  const image = str(parsed.flags, 'image');
  if (!image) return fail('error: required flag(s) "image" not set');
  if (bool(parsed.flags, 'stdin') || bool(parsed.flags, 'tty'))
    return fail('error: the simulated cluster has no terminal to attach to');
  const port = intFlag(parsed.flags, 'port');
  if (typeof port === 'string') return fail(port);
  const labelText = str(parsed.flags, 'labels');
  const labels = labelText
    ? Object.fromEntries(
        labelText.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      )
    : undefined;
  return {
    ok: true,
    command: {
      verb: 'run',
      scope: scope(parsed.flags),
      name,
      image,
      ...(port !== undefined ? { port } : {}),
      ...(labels ? { labels } : {}),
    },
  };
}

/** `kubectl expose KIND NAME --port=P [--target-port=T] [--type=TYPE] [--name=NAME]`. */
export function parseExpose(words: string[]): ParseResult {
  const parsed = parseFlags(words, [
    ...GLOBAL_FLAGS,
    { name: 'port' },
    { name: 'target-port' },
    { name: 'type' },
    { name: 'name' },
    { name: 'protocol' },
  ]);
  if (!parsed.ok) return fail(parsed.error);
  const r = parseTargets(parsed.positionals);
  if (!r.ok) return fail(r.error);
  const target = r.targets[0];
  if (!target || target.names.length !== 1)
    return fail('error: You must provide one or more resources by argument or filename.');
  const port = intFlag(parsed.flags, 'port');
  if (typeof port === 'string') return fail(port);
  const targetPort = str(parsed.flags, 'target-port');
  const type = str(parsed.flags, 'type');
  const serviceName = str(parsed.flags, 'name');
  if (type !== undefined && !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
    return fail(`error: invalid service type "${type}"`);
  return {
    ok: true,
    command: {
      verb: 'expose',
      scope: scope(parsed.flags),
      target,
      ...(port !== undefined ? { port } : {}),
      ...(targetPort !== undefined ? { targetPort } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(serviceName !== undefined ? { serviceName } : {}),
    },
  };
}
