/**
 * A console or scenario line to a Command: `kubectl <verb> ...` as kubectl reads it, and the simulator's
 * own `kubecanvas node|pod|traffic ...` verbs. Errors come back in kubectl's words
 * (`error: unknown command "foo" for "kubectl"`).
 */
import { bool, GLOBAL_FLAGS, parseFlags, str } from './flags';
import { parseCreate, parseExpose, parseRun } from './parseCreate';
import { KUBECTL_VERBS, parseSubcommand, type ParseResult } from './parseKubectl';
import { resolveResource } from './resources';
import { tokenize } from './tokenize';
import type { BreakMode } from './types';

export type { ParseResult };

const fail = (error: string): ParseResult => ({ ok: false, error });

/** Parses one command line. */
export function parseCommand(line: string): ParseResult {
  const t = tokenize(line.trim());
  if (!t.ok) return fail(t.error);
  const [program, verb, ...rest] = t.words;
  if (program === undefined) return fail('error: empty command');
  if (program === 'kubecanvas') return parseSimulatorVerb(verb, rest);
  if (program !== 'kubectl') return fail(`error: unknown command "${program}"`);
  if (verb === undefined) return fail('error: missing command for "kubectl"');
  if (verb === 'set' || verb === 'rollout') return parseSubcommand(verb, rest);
  if (verb === 'create') return parseCreate(rest);
  if (verb === 'run') return parseRun(rest);
  if (verb === 'expose') return parseExpose(rest);
  const def = KUBECTL_VERBS[verb];
  if (!def) return fail(`error: unknown command "${verb}" for "kubectl"`);
  const parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...def.flags]);
  if (!parsed.ok) return fail(parsed.error);
  return def.parse(parsed.positionals, parsed.flags);
}

function parseSimulatorVerb(verb: string | undefined, rest: string[]): ParseResult {
  switch (verb) {
    case 'node':
      return parseNodeVerb(rest);
    case 'pod':
      return parsePodVerb(rest);
    case 'traffic':
      return parseTraffic(rest);
    default:
      return fail(`error: unknown command "${verb ?? ''}" for "kubecanvas"`);
  }
}

function parseNodeVerb(words: string[]): ParseResult {
  const [action, ...rest] = words;
  if (action !== 'fail' && action !== 'recover' && action !== 'add')
    return fail(`error: unknown command "${action ?? ''}" for "kubecanvas node"`);
  const parsed = parseFlags(rest, [{ name: 'cpu' }, { name: 'memory' }]);
  if (!parsed.ok) return fail(parsed.error);
  const [name, ...extra] = parsed.positionals;
  if (!name || extra.length) return fail(`error: USAGE: kubecanvas node ${action} NODE`);
  const cpu = str(parsed.flags, 'cpu');
  const memory = str(parsed.flags, 'memory');
  return {
    ok: true,
    command: {
      verb: 'node-fault',
      action,
      name: name.replace(/^nodes?\//, ''),
      ...(cpu !== undefined ? { cpu } : {}),
      ...(memory !== undefined ? { memory } : {}),
    },
  };
}

function parsePodVerb(words: string[]): ParseResult {
  const [action, ...rest] = words;
  if (action !== 'break') return fail(`error: unknown command "${action ?? ''}" for "kubecanvas pod"`);
  const parsed = parseFlags(rest, [
    ...GLOBAL_FLAGS,
    { name: 'liveness', bool: true },
    { name: 'readiness', bool: true },
    { name: 'crash', bool: true },
  ]);
  if (!parsed.ok) return fail(parsed.error);
  const modes = (['liveness', 'readiness', 'crash'] as BreakMode[]).filter((m) => bool(parsed.flags, m));
  const [pod, ...extra] = parsed.positionals;
  if (!pod || extra.length)
    return fail('error: USAGE: kubecanvas pod break POD --liveness|--readiness|--crash');
  if (modes.length !== 1) return fail('error: exactly one of --liveness, --readiness or --crash is required');
  return {
    ok: true,
    command: {
      verb: 'pod-break',
      scope: { namespace: str(parsed.flags, 'namespace') ?? 'default', allNamespaces: false },
      pod: pod.replace(/^(pods?|po)\//, ''),
      mode: modes[0] as BreakMode,
    },
  };
}

function parseTraffic(words: string[]): ParseResult {
  const parsed = parseFlags(words, [...GLOBAL_FLAGS, { name: 'rps' }]);
  if (!parsed.ok) return fail(parsed.error);
  const usage = 'error: USAGE: kubecanvas traffic <ingress|service>/NAME --rps N';
  const pos = parsed.positionals;
  // Both `service/web` and `service web`, as kubectl accepts resource arguments.
  const [typeText, name] =
    pos.length === 1 && pos[0]?.includes('/')
      ? [pos[0].slice(0, pos[0].indexOf('/')), pos[0].slice(pos[0].indexOf('/') + 1)]
      : pos.length === 2
        ? [pos[0] as string, pos[1] as string]
        : [undefined, undefined];
  if (typeText === undefined || !name) return fail(usage);
  const type = resolveResource(typeText);
  if (!type || (type.kind !== 'Ingress' && type.kind !== 'Service'))
    return fail(`error: traffic goes to an ingress or a service, not "${typeText}"`);
  const rpsText = str(parsed.flags, 'rps');
  if (rpsText === undefined) return fail('error: required flag(s) "rps" not set');
  const rps = Number(rpsText);
  if (!Number.isFinite(rps) || rps < 0)
    return fail(
      `error: invalid argument "${rpsText}" for "--rps" flag: must be a number of requests per second`,
    );
  return {
    ok: true,
    command: {
      verb: 'traffic',
      scope: { namespace: str(parsed.flags, 'namespace') ?? 'default', allNamespaces: false },
      kind: type.kind,
      name,
      rps,
    },
  };
}
