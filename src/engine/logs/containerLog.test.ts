import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject, Pod } from '../api/types';
import type { Simulation } from '../core/simulation';
import { runCommand } from '../commands';
import { aNode } from '../testing/builders';
import { byLogging } from './pickPod';

function web(extra: Record<string, unknown> = {}, containers?: unknown[]): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: extra },
        spec: {
          containers: containers ?? [
            {
              name: 'web',
              image: 'nginx:1.27.0',
              ports: [{ containerPort: 80 }],
              readinessProbe: { httpGet: { path: '/_health', port: 80 }, periodSeconds: 10 },
            },
          ],
        },
      },
    },
  } as KubeObject;
}

function cluster(dep: KubeObject, seconds: number): Simulation {
  const sim = createCluster({ seed: 5 });
  sim.apply(aNode({ name: 'node-1' }));
  sim.apply(aNode({ name: 'node-2' }));
  sim.apply(dep);
  sim.step(seconds * 1000);
  return sim;
}

function podNames(sim: Simulation): string[] {
  return sim.store
    .list<Pod & KubeObject>('Pod', 'default')
    .map((p) => p.metadata.name)
    .sort();
}

describe('kubectl logs of simulated containers', () => {
  it('prints start-up lines, then the kubelet probes as access-log lines, deterministically', () => {
    const sim = cluster(web(), 60);
    const pod = podNames(sim)[0] as string;
    const r = runCommand(sim, `kubectl logs ${pod}`);
    expect(r.ok).toBe(true);
    const lines = r.output.split('\n');
    expect(lines[0]).toBe(
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    );
    expect(lines.some((l) => l.endsWith('[notice] 1#1: nginx/1.27.0'))).toBe(true);
    const probes = lines.filter((l) => l.includes('"GET /_health HTTP/1.1" 200 2 "-" "kube-probe/1.33"'));
    // one probe every 10 s over about a minute of running
    expect(probes.length).toBeGreaterThanOrEqual(5);
    expect(probes[0]).toMatch(/^\d+\.\d+\.\d+\.1 - - \[01\/Jan\/2025:00:00:\d\d \+0000\] "GET/);
    // Same simulation, same lines.
    expect(runCommand(cluster(web(), 60), `kubectl logs ${pod}`).output).toBe(r.output);
  });

  it('tails, and prefixes the runtime timestamps', () => {
    const sim = cluster(web(), 60);
    const pod = podNames(sim)[0] as string;
    const all = runCommand(sim, `kubectl logs ${pod}`).output.split('\n');
    expect(runCommand(sim, `kubectl logs ${pod} --tail 2`).output.split('\n')).toEqual(all.slice(-2));
    expect(runCommand(sim, `kubectl logs ${pod} --tail=0`).output).toBe('');
    expect(runCommand(sim, `kubectl logs ${pod} --tail=1 --timestamps`).output).toMatch(
      /^2025-01-01T00:0\d:\d\d\.\d{3}000000Z \d+\.\d+\.\d+\.1 - - /,
    );
  });

  it('picks a pod of a deployment as kubectl does and says so', () => {
    const sim = cluster(web(), 30);
    const r = runCommand(sim, 'kubectl logs deploy/web');
    expect(r.ok).toBe(true);
    const [first] = r.output.split('\n');
    expect(first).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]+$/);
  });

  it('shows the crash before a restart, and --previous shows that terminated instance', () => {
    const sim = cluster(web({ 'kubecanvas.dev/behavior': '{"crashAfterSeconds": 20}' }), 40);
    const pod = podNames(sim)[0] as string;
    const prev = runCommand(sim, `kubectl logs ${pod} --previous`);
    expect(prev.ok).toBe(true);
    expect(prev.output.split('\n').at(-1)).toMatch(/\[emerg\] 1#1: worker process exited unexpectedly/);
    // the current instance started after the crash: it has its own start-up lines and no crash yet
    const now = runCommand(sim, `kubectl logs ${pod}`);
    expect(now.output).not.toContain('[emerg]');
    expect(now.output).toContain('Configuration complete; ready for start up');
  });

  it('refuses --previous when the container never restarted, in the kubelet words', () => {
    const sim = cluster(web(), 30);
    const pod = podNames(sim)[0] as string;
    expect(runCommand(sim, `kubectl logs ${pod} -p`)).toEqual({
      ok: false,
      output: `Error from server (BadRequest): previous terminated container "web" in pod "${pod}" not found`,
    });
  });

  it('says a container is waiting to start while its image is pulled', () => {
    const sim = createCluster({ seed: 5 });
    sim.apply(aNode({ name: 'node-1' }));
    sim.apply(web());
    sim.step(300);
    const pod = podNames(sim)[0] as string;
    const r = runCommand(sim, `kubectl logs ${pod}`);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(
      new RegExp(
        `^Error from server \\(BadRequest\\): container "web" in pod "${pod}" is (waiting to start: ContainerCreating|not available)$`,
      ),
    );
  });

  it('defaults to the first container and names the others, as logsforobject.go does', () => {
    const sim = cluster(
      web({}, [
        { name: 'app', image: 'example/shop:2', ports: [{ containerPort: 8080 }] },
        { name: 'sidecar', image: 'busybox' },
      ]),
      20,
    );
    const pod = podNames(sim)[0] as string;
    const r = runCommand(sim, `kubectl logs ${pod}`);
    expect(r.output.split('\n')[0]).toBe('Defaulted container "app" out of: app, sidecar');
    expect(r.output).toContain('INFO listening on 0.0.0.0:8080, ready to serve');
    expect(runCommand(sim, `kubectl logs ${pod} -c nope`).output).toBe(
      `error: container nope is not valid for pod ${pod} out of: app, sidecar`,
    );
    expect(runCommand(sim, `kubectl logs ${pod} sidecar`).output).toContain('INFO starting sidecar');
  });

  it('reads the requests a pod served from the traffic model', () => {
    const sim = cluster(web(), 20);
    sim.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    } as KubeObject);
    sim.step(25_000);
    expect(runCommand(sim, 'kubecanvas traffic service/web --rps 4').ok).toBe(true);
    sim.step(40_000);
    const pod = podNames(sim)[0] as string;
    const out = runCommand(sim, `kubectl logs ${pod}`).output;
    expect(out).toMatch(/"GET \/ HTTP\/1.1" 200 \d+ "-" "Mozilla\/5.0"/);
  });

  it('leaves out the probes the kubelet failed itself (kubecanvas pod break --readiness)', () => {
    const sim = cluster(web(), 40);
    const pod = podNames(sim)[0] as string;
    const probes = () =>
      runCommand(sim, `kubectl logs ${pod}`)
        .output.split('\n')
        .filter((l) => l.includes('GET /_health'));
    const before = probes().length;
    expect(runCommand(sim, `kubecanvas pod break ${pod} --readiness`).ok).toBe(true);
    sim.step(sim.now + 60_000);
    // The kubelet answers the probes with a 503 itself: the application sees none of them.
    expect(probes().length).toBeLessThanOrEqual(before + 1);
    expect(runCommand(sim, `kubectl describe pod ${pod}`).output).toContain(
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
    );
  });

  it('answers a health check that starts failing with 500s, as the application does', () => {
    const sim = cluster(web({ 'kubecanvas.dev/behavior': '{"failAfterSeconds": 20}' }), 45);
    const pod = podNames(sim)[0] as string;
    const codes = runCommand(sim, `kubectl logs ${pod}`)
      .output.split('\n')
      .filter((l) => l.includes('GET /_health'))
      .map((l) => / (\d{3}) \d+ "-" "kube-probe/.exec(l)?.[1]);
    expect(codes).toContain('200');
    expect(codes.at(-1)).toBe('500');
  });

  it('cannot reach the kubelet of a node that is down', () => {
    const sim = cluster(web(), 30);
    const pod = sim.store.list<Pod & KubeObject>('Pod', 'default').find((p) => p.spec?.nodeName === 'node-1');
    expect(pod).toBeDefined();
    expect(runCommand(sim, 'kubecanvas node fail node-1').ok).toBe(true);
    sim.step(sim.now + 1000);
    const name = pod?.metadata.name ?? '';
    expect(runCommand(sim, `kubectl logs ${name}`).output).toMatch(
      new RegExp(
        `^Error from server: Get "https://([\\d.]+):10250/containerLogs/default/${name}/web": dial tcp \\1:10250: connect: no route to host$`,
      ),
    );
  });

  it('gives kubectl usage errors', () => {
    const sim = cluster(web(), 5);
    expect(runCommand(sim, 'kubectl logs').output).toContain(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.",
    );
    expect(runCommand(sim, 'kubectl logs x --tail=-2').output).toBe(
      'error: --tail must be greater than or equal to -1',
    );
    expect(runCommand(sim, 'kubectl logs nope').output).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
    expect(runCommand(sim, 'kubectl logs node/node-1').output).toBe(
      'error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented',
    );
  });
});

describe('byLogging (podutils.ByLogging)', () => {
  const pod = (name: string, node: string, phase: string, ready: boolean, restarts = 0): Pod & KubeObject =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: { nodeName: node, containers: [] },
      status: {
        phase,
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: [{ name: 'c', restartCount: restarts }],
      },
    }) as unknown as Pod & KubeObject;

  it('prefers assigned, running, ready, then more restarts', () => {
    const pods = [
      pod('unassigned', '', 'Pending', false),
      pod('pending', 'n', 'Pending', false),
      pod('running', 'n', 'Running', false),
      pod('ready', 'n', 'Running', true),
      pod('ready-restarted', 'n', 'Running', true, 2),
    ];
    expect([...pods].sort(byLogging).map((p) => p.metadata.name)).toEqual([
      'ready-restarted',
      'ready',
      'running',
      'pending',
      'unassigned',
    ]);
  });
});
