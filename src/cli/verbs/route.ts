/**
 * `kubecanvas route FILE URL [--from pod/NAME] [--at 60s]`: loads FILE into a full cluster, runs it for
 * `--at` of simulated time (default 60 s, so pods are Ready and Services have endpoints), then says where
 * one request to URL goes: the Ingress rule, the Service and port, and the endpoints kube-proxy picks
 * from; or why it fails (404: no Ingress rule matches; 503: no ready endpoint).
 */
import { createCluster, parseDuration, routeRequest, type KubeObject, type RouteResult } from '../../engine';
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

export const routeVerb: Verb = {
  name: 'route',
  summary: 'say where one request goes: Ingress rule, Service, endpoints (or 404/503, and why)',
  usage: 'kubecanvas route FILE URL [--from pod/NAME] [--at 60s] [--output json]',
  async run(args, io: CliIo) {
    const { positionals, flags } = parseArgs(args);
    const [file, url] = positionals;
    if (!file || !url) {
      io.err('usage: kubecanvas route FILE URL [--from pod/NAME] [--at 60s] [--output json]');
      return 2;
    }
    const result = await importManifests(await io.readFile(file), file);
    if (!result.ok) {
      for (const issue of result.issues) io.err(format(issue));
      return 1;
    }
    const at = typeof flags['at'] === 'string' ? parseDuration(flags['at']) : 60_000;
    if (at === undefined) {
      io.err(`kubecanvas route: --at "${String(flags['at'])}" is not a duration (e.g. 90s, 5m)`);
      return 2;
    }
    const sim = createCluster({ seed: 1 });
    for (const o of result.objects) sim.apply(o as KubeObject);
    sim.step(at);
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
    io.out(flags['output'] === 'json' ? JSON.stringify(route) : describeRoute(url, route));
    return 'error' in route || 'status' in route ? 1 : 0;
  },
};
