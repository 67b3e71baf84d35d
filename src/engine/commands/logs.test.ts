import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/time';
import type { KubeObject, Pod } from '../api/types';
import { createCluster } from '../cluster';
import type { Simulation } from '../core/simulation';
import { aNode } from '../testing/builders';
import { runCommand } from './index';

function shop(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'shop' } },
      template: {
        metadata: { labels: { app: 'shop' } },
        spec: {
          initContainers: [{ name: 'migrate', image: 'example/migrate:1' }],
          containers: [
            {
              name: 'app',
              image: 'example/shop:2',
              ports: [{ containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
            },
            { name: 'sidecar', image: 'busybox' },
          ],
        },
      },
    },
  } as KubeObject;
}

function cluster(replicas: number, seconds = 60): Simulation {
  const sim = createCluster({ seed: 11 });
  sim.apply(aNode({ name: 'node-1' }));
  sim.apply(aNode({ name: 'node-2' }));
  sim.apply(shop(replicas));
  sim.step(seconds * 1000);
  return sim;
}

function pods(sim: Simulation): string[] {
  return sim.store
    .list<Pod & KubeObject>('Pod', 'default')
    .map((p) => p.metadata.name)
    .sort();
}

const run = (sim: Simulation, line: string) => runCommand(sim, line);
const lines = (text: string) => (text === '' ? [] : text.split('\n'));

// staging/src/k8s.io/kubectl/pkg/cmd/logs/logs_test.go TestValidateLogOptions and TestLogComplete.
describe('kubectl logs validation (logs.go Complete and Validate)', () => {
  const sim = cluster(1, 5);
  it.each([
    [
      'logs foo --since=1h --since-time=2006-01-02T15:04:05Z',
      'error: at most one of `sinceTime` or `sinceSeconds` may be specified',
    ],
    ['logs foo --since=-1s', 'error: --since must be greater than 0'],
    ['logs foo --tail=-100', 'error: --tail must be greater than or equal to -1'],
    [
      'logs my-pod my-container --all-containers',
      'error: --all-containers=true should not be specified with container name my-container',
    ],
    [
      'logs my-pod -c x --all-containers',
      'error: --all-containers=true should not be specified with container name x',
    ],
    [
      'logs my-pod my-container -c my-container',
      'error: only one of -c or an inline [CONTAINER] arg is allowed',
    ],
    [
      'logs foo -l foo',
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples",
    ],
    ['logs foo bar -l app=x', 'error: name cannot be provided when a selector is specified'],
    [
      'logs foo --since=1d',
      'error: invalid argument "1d" for "--since" flag: time: unknown unit "d" in duration "1d"',
    ],
    [
      'logs foo --since=5',
      'error: invalid argument "5" for "--since" flag: time: missing unit in duration "5"',
    ],
    [
      'logs foo --since-time=yesterday',
      'error: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ],
    [
      'logs foo -f --max-log-requests=many',
      'error: invalid argument "many" for "--max-log-requests" flag: strconv.ParseInt: parsing "many": invalid syntax',
    ],
    [
      'logs foo --tail=ten',
      'error: invalid argument "ten" for "--tail" flag: strconv.ParseInt: parsing "ten": invalid syntax',
    ],
    // TestValidateLogOptions "negative limit-bytes"
    ['logs foo --limit-bytes=-100', 'error: --limit-bytes must be greater than 0'],
    [
      'logs foo --limit-bytes=1k',
      'error: invalid argument "1k" for "--limit-bytes" flag: strconv.ParseInt: parsing "1k": invalid syntax',
    ],
    // cmdutil.GetPodRunningTimeoutFlag, in Complete (before --since-time is read)
    ['logs foo --pod-running-timeout=0s', 'error: --pod-running-timeout must be higher than zero'],
    [
      'logs foo --pod-running-timeout=-5s --since-time=yesterday',
      'error: --pod-running-timeout must be higher than zero',
    ],
    [
      'logs foo --pod-running-timeout=30',
      'error: invalid argument "30" for "--pod-running-timeout" flag: time: missing unit in duration "30"',
    ],
  ])('kubectl %s', (line, error) => {
    const r = run(sim, `kubectl ${line}`);
    expect(r).toEqual({ ok: false, output: error });
  });
});

// logs_test.go TestLog and polymorphichelpers/logsforobject.go, against simulated containers.
describe('kubectl logs of several pods and containers', () => {
  it('reads every container of a pod with --all-containers, init containers first', () => {
    const sim = cluster(1);
    const [pod] = pods(sim) as [string];
    const r = run(sim, `kubectl logs ${pod} --all-containers --prefix`);
    expect(r.ok).toBe(true);
    const sources = [...new Set(lines(r.output).map((l) => /^\[pod\/[^/]+\/([^\]]+)\] /.exec(l)?.[1]))];
    expect(sources).toEqual(['migrate', 'app', 'sidecar']);
    expect(r.output).toContain(`[pod/${pod}/app] `);
    expect(r.output).toContain(`[pod/${pod}/sidecar] ${timestamp(0).slice(0, 4)}`);
    // --all-containers names each container: no "Defaulted container" note.
    expect(r.output).not.toContain('Defaulted container');
  });

  it('prefixes each line with [pod/NAME/CONTAINER] only with --prefix (pod logs with prefix)', () => {
    const sim = cluster(1);
    const [pod] = pods(sim) as [string];
    const plain = lines(run(sim, `kubectl logs ${pod} -c app`).output);
    const prefixed = lines(run(sim, `kubectl logs ${pod} -c app --prefix --timestamps`).output);
    expect(plain.length).toBeGreaterThan(0);
    expect(prefixed).toHaveLength(plain.length);
    prefixed.forEach((l, i) => {
      expect(l).toMatch(new RegExp(`^\\[pod/${pod}/app\\] \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z `));
      expect(l.endsWith(plain[i] as string)).toBe(true);
    });
    // pod logs with prefix: init container
    expect(run(sim, `kubectl logs ${pod} -c migrate --prefix`).output).toMatch(
      new RegExp(`^\\[pod/${pod}/migrate\\] `),
    );
  });

  it('reads the pods a selector matches, 10 lines each by default, one pod after the other', () => {
    const sim = cluster(3);
    const names = pods(sim);
    const r = run(sim, 'kubectl logs -l app=shop -c app --prefix');
    expect(r.ok).toBe(true);
    const out = lines(r.output);
    for (const name of names) {
      const own = out.filter((l) => l.startsWith(`[pod/${name}/app] `));
      const all = lines(run(sim, `kubectl logs ${name} -c app`).output);
      expect(own).toEqual(all.slice(-10).map((l) => `[pod/${name}/app] ${l}`));
    }
    // Sequential: the pods' lines do not interleave (get logs from multiple requests sequentially).
    const order = out.map((l) => /^\[pod\/([^/]+)\//.exec(l)?.[1]);
    expect(order).toEqual([...order].sort());
    // --tail overrides the selector's 10.
    expect(lines(run(sim, 'kubectl logs -l app=shop -c app --tail=1').output)).toHaveLength(3);
    const everything = names.flatMap((n) => lines(run(sim, `kubectl logs ${n} -c app`).output));
    expect(everything.length).toBeGreaterThan(10);
    expect(lines(run(sim, 'kubectl logs -l app=shop -c app --tail=-1').output)).toEqual(everything);
  });

  it('says Defaulted container for each pod a selector matches', () => {
    const sim = cluster(2);
    const r = run(sim, 'kubectl logs -l app=shop');
    const notes = lines(r.output).filter((l) => l.startsWith('Defaulted container'));
    expect(notes).toEqual([
      'Defaulted container "app" out of: app, sidecar, migrate (init)',
      'Defaulted container "app" out of: app, sidecar, migrate (init)',
    ]);
  });

  it('says No resources found when the selector matches no pod, and succeeds (TestNoResourceFoundMessage)', () => {
    const sim = cluster(1, 5);
    expect(run(sim, 'kubectl logs -l app=none')).toEqual({
      ok: true,
      output: 'No resources found in default namespace.',
    });
    expect(run(sim, 'kubectl logs -l app=shop -n kube-system').output).toBe(
      'No resources found in kube-system namespace.',
    );
  });

  it('refuses to follow more streams than --max-log-requests (default 5)', () => {
    const sim = cluster(3);
    // 3 pods x 3 containers = 9 streams.
    expect(run(sim, 'kubectl logs -l app=shop --all-containers -f')).toEqual({
      ok: false,
      output:
        'error: you are attempting to follow 9 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit',
    });
    expect(run(sim, 'kubectl logs -l app=shop -c app -f --max-log-requests=2').output).toBe(
      'error: you are attempting to follow 3 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit',
    );
    // Without -f the streams are read one after the other: no limit.
    expect(run(sim, 'kubectl logs -l app=shop --all-containers').ok).toBe(true);
  });

  it('follows several streams at once, their lines interleaved by time, while one runs', () => {
    const sim = cluster(3);
    const r = run(sim, 'kubectl logs -l app=shop -c app -f --prefix --timestamps');
    expect(r.ok).toBe(true);
    expect(r.pending).toBe(true);
    const stamps = lines(r.output).map((l) => /\] (\S+) /.exec(l)?.[1] ?? '');
    expect(stamps).toEqual([...stamps].sort());
    expect(new Set(lines(r.output).map((l) => /^\[pod\/([^/]+)\//.exec(l)?.[1])).size).toBe(3);
  });

  it('reads every pod of a workload with --all-pods, prefixed (stateful set logs with all pods)', () => {
    const sim = cluster(2);
    const r = run(sim, 'kubectl logs deploy/shop --all-pods -c app');
    expect(r.ok).toBe(true);
    for (const name of pods(sim)) expect(r.output).toContain(`[pod/${name}/app] `);
    expect(r.output).not.toContain('Found 2 pods');
    expect(run(sim, 'kubectl logs deploy/shop -c app').output.split('\n')[0]).toMatch(
      /^Found 2 pods, using pod\/shop-/,
    );
  });

  it('stops at the first failing stream, or prints its error and goes on with --ignore-errors', () => {
    const sim = cluster(2);
    const [first, second] = pods(sim) as [string, string];
    const r = run(sim, 'kubectl logs -l app=shop -c app -p');
    expect(r).toEqual({
      ok: false,
      output: `Error from server (BadRequest): previous terminated container "app" in pod "${first}" not found`,
    });
    const ignored = run(sim, 'kubectl logs -l app=shop -c app -p --ignore-errors');
    expect(ignored).toEqual({
      ok: true,
      output: [first, second]
        .map((p) => `error: previous terminated container "app" in pod "${p}" not found`)
        .join('\n'),
    });
  });

  it('refuses a container a matched pod does not have, before reading any', () => {
    const sim = cluster(2);
    const [first] = pods(sim) as [string];
    expect(run(sim, 'kubectl logs -l app=shop -c nope').output).toBe(
      `error: container nope is not valid for pod ${first} out of: app, sidecar, migrate (init)`,
    );
  });
});

describe('kubectl logs --since and --since-time', () => {
  it('keeps the lines written in the last duration, rounded to seconds', () => {
    const sim = cluster(1, 120);
    const [pod] = pods(sim) as [string];
    const all = lines(run(sim, `kubectl logs ${pod} -c app --timestamps`).output);
    const recent = lines(run(sim, `kubectl logs ${pod} -c app --timestamps --since=30s`).output);
    const cut = timestamp(sim.now - 30_000).slice(0, 19);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent).toEqual(all.filter((l) => l.slice(0, 19) >= cut));
    // 29.6s rounds to 30s, as kubectl rounds --since to the nearest second.
    expect(run(sim, `kubectl logs ${pod} -c app --timestamps --since=29.6s`).output).toBe(recent.join('\n'));
  });

  it('keeps the lines at or after --since-time, at second precision', () => {
    const sim = cluster(1, 120);
    const [pod] = pods(sim) as [string];
    const all = lines(run(sim, `kubectl logs ${pod} -c app --timestamps`).output);
    const t = timestamp(60_000);
    const after = lines(run(sim, `kubectl logs ${pod} -c app --timestamps --since-time=${t}`).output);
    expect(after).toEqual(all.filter((l) => l.slice(0, 19) >= t.slice(0, 19)));
    const withFraction = `${t.slice(0, 19)}.900Z`;
    expect(run(sim, `kubectl logs ${pod} -c app --timestamps --since-time=${withFraction}`).output).toBe(
      after.join('\n'),
    );
    expect(run(sim, `kubectl logs ${pod} -c app --since-time=2030-01-01T00:00:00Z`).output).toBe('');
  });

  it('takes the tail before --since, as the kubelet reads the file', () => {
    const sim = cluster(1, 120);
    const [pod] = pods(sim) as [string];
    const recent = lines(run(sim, `kubectl logs ${pod} -c app --since=30s`).output);
    const tail = lines(run(sim, `kubectl logs ${pod} -c app --tail=${recent.length + 5} --since=30s`).output);
    expect(tail).toEqual(recent);
    expect(lines(run(sim, `kubectl logs ${pod} -c app --tail=1 --since=30s`).output)).toEqual(
      recent.slice(-1),
    );
  });
});

// logs.go --limit-bytes (PodLogOptions.limitBytes) and the kubelet's logWriter (kuberuntime/logs/logs.go):
// the limit counts the bytes the kubelet writes (a timestamp too), not kubectl's prefix; the line that
// crosses it is cut, with no newline.
describe('kubectl logs --limit-bytes', () => {
  const sim = cluster(1);
  const [pod] = pods(sim) as [string];
  const full = run(sim, `kubectl logs ${pod} -c app`).output;
  const bytes = (t: string) => Buffer.byteLength(t, 'utf8');

  it('returns the first N bytes of the log, cutting the last line', () => {
    const [first, second] = lines(full) as [string, string];
    const n = bytes(first) + 1 + 5;
    const r = run(sim, `kubectl logs ${pod} -c app --limit-bytes=${n}`);
    expect(r).toEqual({ ok: true, output: `${first}\n${second.slice(0, 5)}` });
    // Exactly one line and its newline: that line, whole.
    expect(run(sim, `kubectl logs ${pod} -c app --limit-bytes=${bytes(first) + 1}`).output).toBe(first);
    // The line without its newline: the same text (the newline is what was cut).
    expect(run(sim, `kubectl logs ${pod} -c app --limit-bytes=${bytes(first)}`).output).toBe(first);
  });

  it('0 means no limit, as kubectl sends none; more than the log is the whole log', () => {
    expect(run(sim, `kubectl logs ${pod} -c app --limit-bytes=0`).output).toBe(full);
    expect(run(sim, `kubectl logs ${pod} -c app --limit-bytes=100000000`).output).toBe(full);
  });

  it('counts --timestamps (the kubelet writes them) but not --prefix (kubectl adds it)', () => {
    const stamped = lines(run(sim, `kubectl logs ${pod} -c app --timestamps`).output)[0] as string;
    const r = run(sim, `kubectl logs ${pod} -c app --timestamps --prefix --limit-bytes=10`);
    expect(r.output).toBe(`[pod/${pod}/app] ${stamped.slice(0, 10)}`);
  });

  it('applies to each container: a cut line runs into the next stream, as kubectl copies the bytes', () => {
    const r = run(sim, `kubectl logs ${pod} --all-containers --limit-bytes=4`);
    const each = ['migrate', 'app', 'sidecar'].map((c) =>
      run(sim, `kubectl logs ${pod} -c ${c}`).output.slice(0, 4),
    );
    expect(r.output).toBe(each.join(''));
  });
});

// polymorphichelpers/logsforobject.go and helpers.go GetFirstPod: for a workload or Service, kubectl lists
// its pods and, when there is none, watches up to --pod-running-timeout (GetPodRunningTimeoutFlag, 20s by
// default) for the first ADDED or MODIFIED pod, then reads that pod whatever its phase; when none comes,
// watchtools.UntilWithoutRetry ends with wait.ErrWaitTimeout, "timed out waiting for the condition".
describe('kubectl logs waits for a workload to have a pod (--pod-running-timeout)', () => {
  function web(replicas: number): KubeObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
      },
    } as KubeObject;
  }
  function empty(): Simulation {
    const sim = createCluster({ seed: 3 });
    sim.apply(aNode({ name: 'node-1' }));
    sim.apply(web(0));
    sim.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    } as KubeObject);
    sim.step(5000);
    return sim;
  }

  it('with no pod yet it waits, 20s unless told, and what it prints if none comes is the watch timeout', () => {
    const sim = empty();
    const waiting = {
      ok: false,
      output: 'error: timed out waiting for the condition',
      pending: true,
      waitMs: 20_000,
    };
    expect(run(sim, 'kubectl logs deploy/web')).toEqual(waiting);
    expect(run(sim, 'kubectl logs svc/web -f')).toEqual(waiting);
    expect(run(sim, 'kubectl logs deploy/web --pod-running-timeout=5s')).toEqual({
      ...waiting,
      waitMs: 5000,
    });
    expect(run(sim, 'kubectl logs deploy/web --pod-running-timeout=1m30s').waitMs).toBe(90_000);
  });

  it('a pod or a selector is not waited for: a missing pod is NotFound, a selector with none found succeeds', () => {
    const sim = empty();
    const r = run(sim, 'kubectl logs web-1');
    expect(r.pending).toBeUndefined();
    expect(r.output).toBe('Error from server (NotFound): pods "web-1" not found');
    expect(run(sim, 'kubectl logs -l app=web')).toEqual({
      ok: true,
      output: 'No resources found in default namespace.',
    });
  });

  it('the first pod ends the wait and is read in whatever phase it is: ContainerCreating, then its log', () => {
    const sim = empty();
    expect(run(sim, 'kubectl logs deploy/web').pending).toBe(true);
    sim.apply(web(1));
    sim.step(sim.now + 100);
    const [pod] = pods(sim);
    expect(run(sim, 'kubectl logs deploy/web')).toEqual({
      ok: false,
      output: `Error from server (BadRequest): container "web" in pod "${pod}" is waiting to start: ContainerCreating`,
    });
    sim.step(sim.now + 30_000);
    const r = run(sim, 'kubectl logs deploy/web');
    expect(r.ok).toBe(true);
    expect(r.waitMs).toBeUndefined();
    expect(r.output).toContain('Configuration complete; ready for start up');
  });
});
