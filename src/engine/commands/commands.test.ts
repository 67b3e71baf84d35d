import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { KubeObject } from '../api/types';
import type { Simulation } from '../core/simulation';
import { aNode } from '../testing/builders';
import { runCommand } from './index';

function deployment(name: string, replicas: number, image = 'nginx:1.25'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image, resources: { requests: { cpu: '100m' } } }] },
      },
    },
  } as KubeObject;
}

function cluster(): Simulation {
  const sim = createCluster({ seed: 3 });
  sim.apply(aNode({ name: 'node-1' }));
  sim.apply(aNode({ name: 'node-2' }));
  sim.apply(deployment('web', 2));
  sim.step(5000);
  return sim;
}

// [case, command, ok, expected output (exact) or a RegExp]
const cases: Array<[string, string, boolean, string | RegExp]> = [
  [
    'scales a deployment in kubectl words',
    'kubectl scale deployment/web --replicas=3',
    true,
    'deployment.apps/web scaled',
  ],
  [
    'accepts short names and separate names',
    'kubectl scale deploy web --replicas 1',
    true,
    'deployment.apps/web scaled',
  ],
  ['cordons a node', 'kubectl cordon node-2', true, 'node/node-2 cordoned'],
  [
    'uncordons a node that is not cordoned',
    'kubectl uncordon node-2',
    true,
    'node/node-2 already uncordoned',
  ],
  [
    'reports a missing deployment as the API server does',
    'kubectl scale deploy/x --replicas=1',
    false,
    'Error from server (NotFound): deployments.apps "x" not found',
  ],
  ['rejects an unknown kubectl verb', 'kubectl foo', false, 'error: unknown command "foo" for "kubectl"'],
  ['rejects an unknown program', 'foo bar', false, 'error: unknown command "foo"'],
  [
    'rejects an unknown resource type',
    'kubectl get widgets',
    false,
    `error: the server doesn't have a resource type "widgets"`,
  ],
  ['rejects an unknown flag', 'kubectl get pods --bogus', false, 'error: unknown flag: --bogus'],
  [
    'asks for replicas when scale has none',
    'kubectl scale deploy/web',
    false,
    'error: required flag(s) "replicas" not set',
  ],
  [
    'sets an image',
    'kubectl set image deployment/web web=nginx:1.26',
    true,
    'deployment.apps/web image updated',
  ],
  [
    'refuses an unknown container',
    'kubectl set image deployment/web app=nginx:1.26',
    false,
    'error: unable to find container named "app"',
  ],
  ['labels a deployment', 'kubectl label deploy web tier=frontend', true, 'deployment.apps/web labeled'],
  [
    'refuses to overwrite a label without --overwrite',
    'kubectl label deploy web app=other',
    false,
    "error: 'app' already has a value (web), and --overwrite is false",
  ],
  ['annotates a node', 'kubectl annotate node node-1 team=infra', true, 'node/node-1 annotated'],
  ['taints a node', 'kubectl taint nodes node-1 dedicated=gpu:NoSchedule', true, 'node/node-1 tainted'],
  [
    'rejects an unknown taint effect',
    'kubectl taint nodes node-1 a=b:Sometimes',
    false,
    'error: invalid taint effect: Sometimes, unsupported taint effect',
  ],
  [
    'removes a missing taint with an error',
    'kubectl taint nodes node-1 nothing:NoSchedule-',
    false,
    'error: taint "nothing:NoSchedule" not found',
  ],
  [
    'lists deployments as a table',
    'kubectl get deploy',
    true,
    'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           5s',
  ],
  ['prints names', 'kubectl get deployments -o name', true, 'deployment.apps/web'],
  [
    'lists the kubernetes Service the API server keeps in every cluster',
    'kubectl get svc',
    true,
    /^NAME {9}TYPE {8}CLUSTER-IP {3}EXTERNAL-IP {3}PORT\(S\) {3}AGE\nkubernetes {3}ClusterIP {3}10\.96\.0\.1 {4}<none> {8}443\/TCP {3}5s$/,
  ],
  [
    'says when nothing is found',
    'kubectl get statefulsets',
    true,
    'No resources found in default namespace.',
  ],
  [
    'says when nothing is found in another namespace',
    'kubectl get pods -n kube-system',
    true,
    'No resources found in kube-system namespace.',
  ],
  [
    'prints nodes with their status',
    'kubectl get nodes',
    true,
    /^NAME {5}STATUS {3}ROLES {4}AGE {3}VERSION\nnode-1 {3}Ready {4}<none> {3}5s {4}v1\.\d+\.\d+\nnode-2 /,
  ],
  [
    'reports a missing pod',
    'kubectl get pod nope',
    false,
    'Error from server (NotFound): pods "nope" not found',
  ],
  [
    'prints the rollout status in rollout_status.go words',
    'kubectl rollout status deploy/web',
    true,
    'deployment "web" successfully rolled out',
  ],
  ['deletes a deployment', 'kubectl delete deploy web', true, 'deployment.apps "web" deleted'],
  [
    'asks for a name to delete',
    'kubectl delete deploy',
    false,
    'error: resource(s) were provided, but no name was specified',
  ],
  ['fails a node', 'kubecanvas node fail node-2', true, 'node/node-2 failed'],
  ['adds a node', 'kubecanvas node add node-3', true, 'node/node-3 added'],
  [
    'rejects an unknown simulator verb',
    'kubecanvas frobnicate',
    false,
    'error: unknown command "frobnicate" for "kubecanvas"',
  ],
  [
    'sends traffic to a missing service',
    'kubecanvas traffic svc/web --rps 50',
    false,
    'Error from server (NotFound): services "web" not found',
  ],
  [
    'needs one break mode',
    'kubecanvas pod break web-1',
    false,
    'error: exactly one of --liveness, --readiness or --crash is required',
  ],
];

describe('runCommand', () => {
  it.each(cases)('%s', (_name, line, wantOk, want) => {
    const sim = cluster();
    const r = runCommand(sim, line);
    if (typeof want === 'string') expect(r.output).toBe(want);
    else expect(r.output).toMatch(want);
    expect(r.ok).toBe(wantOk);
  });

  it('applies inline objects: created, then unchanged, then configured', () => {
    const sim = cluster();
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    } as KubeObject;
    expect(runCommand(sim, 'kubectl apply -f -', { objects: [svc] }).output).toBe('service/web created');
    expect(runCommand(sim, 'kubectl apply -f -', { objects: [svc] }).output).toBe('service/web unchanged');
    const changed = { ...svc, spec: { selector: { app: 'web' }, ports: [{ port: 8080 }] } } as KubeObject;
    expect(runCommand(sim, 'kubectl apply -f -', { objects: [changed] }).output).toBe(
      'service/web configured',
    );
  });

  it('scales through the authored copy, so export keeps the new replicas', () => {
    const sim = cluster();
    runCommand(sim, 'kubectl scale deployment/web --replicas=4');
    const authored = sim.authored().find((o) => o.kind === 'Deployment') as KubeObject & {
      spec: { replicas: number };
    };
    expect(authored.spec.replicas).toBe(4);
  });

  it('drains a node: cordons it and evicts its pods', () => {
    const sim = cluster();
    const r = runCommand(sim, 'kubectl drain node-1 --ignore-daemonsets');
    expect(r.output.split('\n')[0]).toBe('node/node-1 cordoned');
    expect(r.output).toMatch(/evicting pod default\/web-/);
    expect(r.output.split('\n').at(-1)).toBe('node/node-1 drained');
    expect(r.ok).toBe(true);
  });

  it('refuses to drain a node with a bare pod unless forced', () => {
    const sim = cluster();
    sim.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare' },
      spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'busybox' }] },
    } as KubeObject);
    const r = runCommand(sim, 'kubectl drain node-2');
    expect(r.ok).toBe(false);
    expect(r.output).toContain(
      'cannot delete Pods that declare no controller (use --force to override): default/bare',
    );
  });

  it('prints JSON and YAML of one object as kubectl -o does', () => {
    const sim = cluster();
    const json = JSON.parse(runCommand(sim, 'kubectl get deploy web -o json').output) as KubeObject;
    expect(json.kind).toBe('Deployment');
    const yaml = runCommand(sim, 'kubectl get deploy web -o yaml').output;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
  });

  it('keeps quoted arguments together', () => {
    const sim = cluster();
    expect(runCommand(sim, `kubectl annotate deploy web "note=hello world"`).output).toBe(
      'deployment.apps/web annotated',
    );
    expect(sim.store.get('Deployment', 'default', 'web')?.metadata.annotations?.['note']).toBe('hello world');
  });
});

describe('simulator verbs through the components', () => {
  it('sends traffic to a service and stops it', () => {
    const sim = cluster();
    sim.apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    } as KubeObject);
    expect(runCommand(sim, 'kubecanvas traffic svc/web --rps 50')).toEqual({
      ok: true,
      output: 'service/web traffic set to 50 rps',
    });
    expect(sim.store.list('TrafficSource')).toHaveLength(1);
    sim.step(sim.now + 30_000);
    const top = runCommand(sim, 'kubectl top pods');
    expect(top.output).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\)\nweb-/);
    expect(runCommand(sim, 'kubecanvas traffic svc/web --rps 0').output).toBe('service/web traffic stopped');
    expect(sim.store.list('TrafficSource')).toHaveLength(0);
  });

  it('breaks a pod so that it crashes', () => {
    const sim = cluster();
    const pod = sim.store.list('Pod')[0]?.metadata.name as string;
    expect(runCommand(sim, `kubecanvas pod break ${pod} --crash`).output).toBe(`pod/${pod} broken (crash)`);
    sim.step(sim.now + 60_000);
    expect(runCommand(sim, `kubectl get pod ${pod}`).output).toMatch(/CrashLoopBackOff|Error/);
  });

  it('says the Metrics API is not available without traffic', () => {
    expect(runCommand(cluster(), 'kubectl top nodes')).toEqual({
      ok: false,
      output: 'error: Metrics API not available',
    });
  });
});

describe('kubectl get selection and order', () => {
  it('filters with --field-selector and sorts with --sort-by', () => {
    const sim = cluster();
    sim.apply(deployment('api', 1));
    sim.step(sim.now + 5000);
    const names = (line: string): string[] =>
      runCommand(sim, line)
        .output.split('\n')
        .map((l) => l.split('/')[1] ?? '');
    expect(names('kubectl get deploy -o name --sort-by=.metadata.name')).toEqual(['api', 'web']);
    expect(names('kubectl get deploy -o name --sort-by={.spec.replicas}')).toEqual(['api', 'web']);
    const onNode1 = names('kubectl get pods -o name --field-selector spec.nodeName=node-1');
    const notOnNode1 = names('kubectl get pods -o name --field-selector spec.nodeName!=node-1');
    expect(onNode1.length + notOnNode1.length).toBe(3);
    expect(runCommand(sim, 'kubectl get pods --field-selector status.phase=Pending').output).toBe(
      'No resources found in default namespace.',
    );
  });
});

describe('imperative creators', () => {
  const cases: Array<[string, string[], string[]]> = [
    [
      'creates a deployment and exposes it',
      [
        'kubectl create deployment api --image=registry.k8s.io/echo:1.0 --replicas=2 --port=8080',
        'kubectl expose deployment api --port=80 --target-port=8080',
      ],
      ['deployment.apps/api created', 'service/api exposed'],
    ],
    [
      'creates a namespace, then refuses it again',
      ['kubectl create namespace team-a', 'kubectl create ns team-a'],
      ['namespace/team-a created', 'Error from server (AlreadyExists): namespaces "team-a" already exists'],
    ],
    ['runs a pod', ['kubectl run debug --image=busybox'], ['pod/debug created']],
    [
      'exposes a deployment through its container port',
      ['kubectl expose deploy web --type=NodePort --name=web-np --port=80'],
      ['service/web-np exposed'],
    ],
    ['asks for an image', ['kubectl create deployment x'], ['error: required flag(s) "image" not set']],
  ];
  it.each(cases)('%s', (_name, lines, outputs) => {
    const sim = cluster();
    expect(lines.map((l) => runCommand(sim, l).output)).toEqual(outputs);
  });

  it('builds what kubectl create deployment builds', () => {
    const sim = cluster();
    runCommand(sim, 'kubectl create deployment api --image=registry.k8s.io/echo:1.0 --replicas=2');
    expect(sim.authored().find((o) => o.metadata.name === 'api')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'default', labels: { app: 'api' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'echo', image: 'registry.k8s.io/echo:1.0' }] },
        },
      },
    });
  });
});

describe('rollout pause and resume in objectpauser.go words', () => {
  it('pauses, refuses to pause again, resumes, refuses to resume again', () => {
    const sim = cluster();
    expect(
      ['pause', 'pause', 'resume', 'resume'].map(
        (a) => runCommand(sim, `kubectl rollout ${a} deploy/web`).output,
      ),
    ).toEqual([
      'deployment.apps/web paused',
      'error: deployments.apps "web" is already paused',
      'deployment.apps/web resumed',
      'error: deployments.apps "web" is not paused',
    ]);
  });
});

describe('rollout history and undo of a StatefulSet, from its ControllerRevisions', () => {
  it('lists two revisions after an image change and rolls back to the first', () => {
    const sim = cluster();
    const sts = (image: string): KubeObject =>
      ({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          replicas: 1,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image }] } },
        },
      }) as KubeObject;
    sim.apply(sts('db:1'));
    sim.advance(10_000);
    expect(runCommand(sim, 'kubectl set image sts/db db=db:2').ok).toBe(true);
    sim.advance(10_000);
    expect(runCommand(sim, 'kubectl rollout history sts/db').output).toBe(
      'statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>',
    );
    expect(runCommand(sim, 'kubectl rollout undo sts/db').output).toBe('statefulset.apps/db rolled back');
    const live = sim.store.get('StatefulSet', 'default', 'db') as KubeObject & {
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    };
    expect(live.spec.template.spec.containers[0]?.image).toBe('db:1');
  });
});

describe('kubectl describe', () => {
  it('describes a pod with its containers, conditions and events', () => {
    const sim = cluster();
    const pod = sim.store.list('Pod')[0]?.metadata.name as string;
    const text = runCommand(sim, `kubectl describe pod ${pod}`).output;
    expect(text).toMatch(new RegExp(`^Name: +${pod}\\nNamespace: +default\\n`));
    expect(text).toContain(
      'Containers:\n  web:\n    Image:          nginx:1.25\n    State:          Running\n',
    );
    expect(text).toContain(
      'Events:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n',
    );
  });

  it("describes a pod's mounts and volumes in describe's words (an NFS share, a ConfigMap)", () => {
    const sim = cluster();
    sim.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'reader' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app',
            volumeMounts: [
              { name: 'share', mountPath: '/srv/share' },
              { name: 'cfg', mountPath: '/etc/cfg', readOnly: true },
            ],
          },
        ],
        volumes: [
          { name: 'share', nfs: { server: 'nfs.example.com', path: '/exports' } },
          { name: 'cfg', configMap: { name: 'app-config' } },
        ],
      },
    } as KubeObject);
    const text = runCommand(sim, 'kubectl describe pod reader').output;
    expect(text).toContain('    Mounts:\n      /srv/share from share (rw)\n      /etc/cfg from cfg (ro)\n');
    expect(text).toContain(
      'Volumes:\n  share:\n    Type:      NFS (an NFS mount that lasts the lifetime of a pod)\n    Server:    nfs.example.com\n    Path:      /exports\n    ReadOnly:  false\n',
    );
  });

  it('describes a deployment with its replica counts and conditions', () => {
    const text = runCommand(cluster(), 'kubectl describe deployment web').output;
    expect(text).toContain(
      'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n',
    );
    expect(text).toMatch(/Conditions:\n {2}Type +Status +Reason\n {2}----/);
  });
});

describe('rollout status waits in simulated time (rollout_status.go)', () => {
  it('is pending while the rollout runs, prints kubectl lines, and ends rolled out', () => {
    const sim = cluster();
    runCommand(sim, 'kubectl scale deploy/web --replicas=3');
    runCommand(sim, 'kubectl set image deploy/web web=nginx:1.27');
    const seen: string[] = [];
    let r = runCommand(sim, 'kubectl rollout status deploy/web');
    for (let i = 0; i < 120 && r.pending; i++) {
      if (seen.at(-1) !== r.output) seen.push(r.output);
      sim.step(sim.now + 1000);
      r = runCommand(sim, 'kubectl rollout status deploy/web');
    }
    expect(r).toEqual({ ok: true, output: 'deployment "web" successfully rolled out' });
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen)
      expect(line).toMatch(
        /^(Waiting for deployment "web" rollout to finish: (\d+ out of 3 new replicas have been updated|\d+ old replicas are pending termination|\d+ of 3 updated replicas are available)\.\.\.|Waiting for deployment spec update to be observed\.\.\.)$/,
      );
  });

  it('prints once with --watch=false', () => {
    const sim = cluster();
    runCommand(sim, 'kubectl set image deploy/web web=nginx:1.27');
    const r = runCommand(sim, 'kubectl rollout status deploy/web --watch=false');
    expect(r.ok).toBe(true);
    expect(r.pending).toBeUndefined();
    expect(r.output).toMatch(/^Waiting for deployment/);
  });
});
