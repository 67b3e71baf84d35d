import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse';
import { resolveResource } from './resources';
import { tokenize } from './tokenize';

describe('tokenize', () => {
  const cases: Array<[string, string, string[] | string]> = [
    ['splits on any whitespace', 'kubectl  get\tpods', ['kubectl', 'get', 'pods']],
    [
      'keeps single-quoted text literally',
      `kubectl annotate po/x 'a=b c\\d'`,
      ['kubectl', 'annotate', 'po/x', 'a=b c\\d'],
    ],
    ['honours escapes inside double quotes', `echo "say \\"hi\\""`, ['echo', 'say "hi"']],
    ['joins quoted and plain parts of one word', `a="b c"d`, ['a=b cd']],
    ['keeps an empty quoted word', `x ''`, ['x', '']],
    ['escapes a space outside quotes', 'a\\ b', ['a b']],
    ['reports an unterminated quote', `kubectl get 'pods`, 'error: unterminated single quote'],
  ];
  it.each(cases)('%s', (_name, line, want) => {
    const t = tokenize(line);
    expect(t.ok ? t.words : t.error).toEqual(want);
  });
});

describe('resolveResource', () => {
  const cases: Array<[string, string | undefined]> = [
    ['po', 'Pod'],
    ['pods', 'Pod'],
    ['Pod', 'Pod'],
    ['deploy', 'Deployment'],
    ['deployments.apps', 'Deployment'],
    ['deployment.v1.apps', 'Deployment'],
    ['rs', 'ReplicaSet'],
    ['sts', 'StatefulSet'],
    ['ds', 'DaemonSet'],
    ['svc', 'Service'],
    ['no', 'Node'],
    ['ns', 'Namespace'],
    ['pvc', 'PersistentVolumeClaim'],
    ['pv', 'PersistentVolume'],
    ['ing', 'Ingress'],
    ['cm', 'ConfigMap'],
    ['hpa', 'HorizontalPodAutoscaler'],
    ['pdb', 'PodDisruptionBudget'],
    ['ev', 'Event'],
    ['cj', 'CronJob'],
    ['sc', 'StorageClass'],
    ['deployments.batch', undefined],
    ['widgets', undefined],
  ];
  it.each(cases)('resolves %s to %s', (text, kind) => {
    expect(resolveResource(text)?.kind).toBe(kind);
  });
});

describe('parseCommand', () => {
  it('reads every flag form pflag accepts', () => {
    for (const line of [
      'kubectl get pods -n kube-system -o wide',
      'kubectl get pods --namespace=kube-system --output=wide',
      'kubectl get pods -nkube-system -owide',
      'kubectl get pods -n=kube-system -o=wide',
      'kubectl get pods -n kube-system -owide',
    ]) {
      const r = parseCommand(line);
      expect(r.ok && r.command.verb === 'get' && [r.command.scope.namespace, r.command.output]).toEqual([
        'kube-system',
        'wide',
      ]);
    }
  });

  it('reads combined boolean shorthands as pflag does', () => {
    const r = parseCommand('kubectl get pods -Ao wide');
    expect(r.ok && r.command.verb === 'get' && [r.command.scope.allNamespaces, r.command.output]).toEqual([
      true,
      'wide',
    ]);
  });

  it('reads kind/name, kind name and kind,kind forms', () => {
    const forms: Array<[string, Array<{ kind: string; names: string[] }>]> = [
      [
        'kubectl get deploy/web svc/web',
        [
          { kind: 'Deployment', names: ['web'] },
          { kind: 'Service', names: ['web'] },
        ],
      ],
      ['kubectl get deploy web api', [{ kind: 'Deployment', names: ['web', 'api'] }]],
      [
        'kubectl get deploy,svc',
        [
          { kind: 'Deployment', names: [] },
          { kind: 'Service', names: [] },
        ],
      ],
    ];
    for (const [line, targets] of forms) {
      const r = parseCommand(line);
      expect(r.ok && r.command.verb === 'get' && r.command.targets).toEqual(targets);
    }
  });

  it('reads traffic targets as kind/name or kind name', () => {
    for (const line of [
      'kubecanvas traffic ingress/site --rps 200',
      'kubecanvas traffic ing site --rps=200',
    ]) {
      const r = parseCommand(line);
      expect(r.ok && r.command).toEqual({
        verb: 'traffic',
        scope: { namespace: 'default', allNamespaces: false },
        kind: 'Ingress',
        name: 'site',
        rps: 200,
      });
    }
  });

  const errors: Array<[string, string]> = [
    ['kubectl', 'error: missing command for "kubectl"'],
    [
      'kubectl get',
      'error: You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
    ],
    [
      'kubectl get pods -o table',
      'error: unable to match a printer suitable for the output format "table", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    ],
    ['kubectl get pods -x', "error: unknown shorthand flag: 'x' in -x"],
    ['kubectl get pods -n', "error: flag needs an argument: 'n' in -n"],
    ['kubectl apply', 'error: must specify one of -f and -k'],
    ['kubectl rollout foo deploy/web', 'error: unknown command "foo" for "kubectl rollout"'],
    ['kubectl set env deploy/web', 'error: unknown command "env" for "kubectl set"'],
    ['kubectl set image deploy/web', 'error: at least one image update is required'],
    ['kubectl label deploy web', 'error: at least one label update is required'],
    [
      'kubectl get deploy web/x',
      `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
    ],
    ['kubectl taint nodes node-1 foo', 'error: at least one taint update is required'],
    ['kubecanvas traffic deploy/web --rps 5', 'error: traffic goes to an ingress or a service, not "deploy"'],
    ['kubecanvas node explode node-1', 'error: unknown command "explode" for "kubecanvas node"'],
  ];
  it.each(errors)('refuses "%s" in kubectl words', (line, error) => {
    expect(parseCommand(line)).toEqual({ ok: false, error });
  });
});
