/**
 * `kubecanvas route FILE URL [--from pod/NAME] [--at 30s] [--output json|text]`: loads FILE into a full
 * cluster, runs it until `--at` (default: until it settles, see settle), then prints where one request to
 * URL goes as JSON: `{"ingress", "rule", "service", "port", "endpoints": ["ip:port", ...]}`, or the
 * failure `{"status": 404}` (no Ingress rule matches) or `{"status": 503, "service"}` (no ready endpoint).
 * `--output text` says the same in words.
 */
import {
  createCluster,
  parseDuration,
  routeRequest,
  type KubeObject,
  type Pod,
  type RouteResult,
  type Simulation,
} from '../../engine';
import { format, importManifests } from '../../io';
import { parseArgs, type CliIo, type Verb } from '../io';

/** The answer in words, one fact per line. */
export function describeRoute(url: string, r: RouteResult): string {
  if ('error' in r) return `${url}: ${r.error}`;
  if ('status' in r && r.status === 404)
    return `${url}: 404 Not Found${r.ingress ? ` (no rule of ingress ${r.ingress} matches)` : ''}`;
  if ('status' in r)
    return `${url}: 503 Service Unavailable (service ${r.namespace ?? 'default'}/${r.service} has no ready endpoints)`;
  return [
    `${url}`,
    ...(r.ingress ? [`  ingress:   ${r.ingress}${r.rule ? ` (rule ${r.rule})` : ''}`] : []),
    `  service:   ${r.namespace}/${r.service} port ${r.port}`,
    `  endpoints: ${r.endpoints.join(', ')}`,
  ].join('\n');
}

/**
 * Runs the cluster until it settles: every pod Ready, finished or unschedulable, checked every 5
 * simulated seconds, for at most 10 minutes (heartbeats and probes never let the clock go idle).
 */
function settle(sim: Simulation): void {
  for (let t = 5000; t <= 600_000; t += 5000) {
    sim.step(t);
    const pods = sim.store.list('Pod') as Array<Pod & KubeObject>;
    const settled = pods.every((p) => {
      const phase = p.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return true;
      if (!p.spec?.nodeName) return (p.status?.conditions ?? []).some((c) => c.reason === 'Unschedulable');
      return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    });
    if (settled && t >= 10_000) return;
  }
}

export const routeVerb: Verb = {
  name: 'route',
  summary: 'say where one request goes: Ingress rule, Service, endpoints (or 404/503, and why)',
  usage: 'kubecanvas route FILE URL [--from pod/NAME] [--at 30s] [--output json|text]',
  async run(args, io: CliIo) {
    const { positionals, flags } = parseArgs(args);
    const [file, url] = positionals;
    if (!file || !url) {
      io.err('usage: kubecanvas route FILE URL [--from pod/NAME] [--at 30s] [--output json|text]');
      return 2;
    }
    const result = await importManifests(await io.readFile(file), file);
    if (!result.ok) {
      for (const issue of result.issues) io.err(format(issue));
      return 1;
    }
    const at = typeof flags['at'] === 'string' ? parseDuration(flags['at']) : undefined;
    if (typeof flags['at'] === 'string' && at === undefined) {
      io.err(`kubecanvas route: --at "${flags['at']}" is not a duration (e.g. 90s, 5m)`);
      return 2;
    }
    const sim = createCluster({ seed: 1 });
    for (const o of result.objects) sim.apply(o as KubeObject);
    if (at !== undefined) sim.step(at);
    else settle(sim);
    // --from pod/web-7d9f-abcde, or pod/web for the first pod whose name starts with web-
    const from = typeof flags['from'] === 'string' ? flags['from'].replace(/^pods?\//, '') : undefined;
    const pods = sim.store.list('Pod');
    const fromPod = from
      ? (pods.find((p) => p.metadata.name === from) ??
        pods.find((p) => p.metadata.name.startsWith(`${from}-`)))
      : undefined;
    if (from && !fromPod) {
      io.err(`Error from server (NotFound): pods "${from}" not found`);
      return 1;
    }
    const route = routeRequest(
      sim.store,
      url,
      fromPod ? `${fromPod.metadata.namespace ?? 'default'}/${fromPod.metadata.name}` : undefined,
    );
    io.out(flags['output'] === 'text' ? describeRoute(url, route) : JSON.stringify(route));
    return 'error' in route || 'status' in route ? 1 : 0;
  },
};
