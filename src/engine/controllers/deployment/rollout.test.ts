import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Pod, PodDisruptionBudget } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { aDeployment, aNode } from '../../testing/builders';
import { DisruptionController } from '../disruption/disruptionController';
import { EVICTION_REFUSED, evictPod } from '../disruption/eviction';
import { ReplicaSetController } from '../replicaset/replicaSetController';
import { TestKubelet } from '../testing/testKubelet';
import { DeploymentController } from './deploymentController';
import { rollbackDeployment, setDeploymentPaused } from './rollout';

type D = Deployment & KubeObject;

function sim(): Simulation {
  const s = new Simulation({
    controllers: [
      new DeploymentController(),
      new ReplicaSetController(),
      new DisruptionController(),
      new TestKubelet({ readyAfterMs: 1000, terminateAfterMs: 500 }),
    ],
  });
  s.apply(aNode({ name: 'n0' }));
  return s;
}

const image = (s: Simulation): string | undefined =>
  s.store.get<D>('Deployment', 'default', 'web')?.spec?.template?.spec?.containers[0]?.image;
const live = (s: Simulation): Array<Pod & KubeObject> =>
  s.store.list<Pod & KubeObject>('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);

describe('kubectl rollout helpers', () => {
  it('rollout undo goes back to the previous revision and gives its ReplicaSet the next revision number', () => {
    const s = sim();
    s.apply(aDeployment({ replicas: 2, image: 'web:1' }));
    s.advance(10_000);
    s.apply(aDeployment({ replicas: 2, image: 'web:2' }));
    s.advance(20_000);
    rollbackDeployment(s, 'default', 'web');
    s.advance(20_000);
    expect(image(s)).toBe('web:1');
    const revs = s.store
      .list('ReplicaSet', 'default')
      .map((r) => [
        r.spec &&
          (r.spec as { template?: { spec?: { containers: Array<{ image?: string }> } } }).template?.spec
            ?.containers[0]?.image,
        r.metadata.annotations?.['deployment.kubernetes.io/revision'],
      ]);
    expect(new Map(revs as Array<[string, string]>)).toEqual(
      new Map([
        ['web:1', '3'],
        ['web:2', '2'],
      ]),
    );
    expect(new Set(live(s).map((p) => p.spec?.containers[0]?.image))).toEqual(new Set(['web:1']));
  });

  it('rollout undo to a revision that does not exist is refused with kubectl message', () => {
    const s = sim();
    s.apply(aDeployment({ replicas: 1 }));
    s.advance(5000);
    expect(() => rollbackDeployment(s, 'default', 'web', 7)).toThrow(
      'unable to find specified revision 7 in history',
    );
  });

  it('a paused Deployment does not roll out a new template until it is resumed', () => {
    const s = sim();
    s.apply(aDeployment({ replicas: 2, image: 'web:1' }));
    s.advance(10_000);
    setDeploymentPaused(s, 'default', 'web', true);
    s.patchAuthored('Deployment/default/web', (o) => {
      const d = o as D;
      return {
        ...d,
        spec: {
          ...d.spec!,
          template: { ...d.spec!.template, spec: { containers: [{ name: 'web', image: 'web:2' }] } },
        },
      };
    });
    s.advance(10_000);
    expect(new Set(live(s).map((p) => p.spec?.containers[0]?.image))).toEqual(new Set(['web:1']));
    setDeploymentPaused(s, 'default', 'web', false);
    s.advance(20_000);
    expect(new Set(live(s).map((p) => p.spec?.containers[0]?.image))).toEqual(new Set(['web:2']));
  });
});

describe('PodDisruptionBudget and eviction', () => {
  it('a budget of minAvailable 2 over 3 ready pods allows one eviction and refuses the next', () => {
    const s = sim();
    s.apply(aDeployment({ replicas: 3 }));
    const pdb: PodDisruptionBudget & KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    };
    s.apply(pdb);
    s.advance(10_000);
    expect(s.store.get<typeof pdb>('PodDisruptionBudget', 'default', 'web')?.status).toMatchObject({
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 1,
    });
    const [a, b] = live(s);
    evictPod(s, a!);
    expect(() => evictPod(s, b!)).toThrow(EVICTION_REFUSED);
  });
});
