/**
 * The disruption controller (pkg/controller/disruption/disruption.go): PodDisruptionBudget status
 * (currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed) from the pods its selector matches.
 * Approximate: expectedPods is the number of matching pods, not the scale of their controllers, so a
 * percentage is taken of the pods that exist (upstream uses the controllers' spec.replicas).
 */
import type { KubeObject, Pod, PodDisruptionBudget } from '../../api/types';
import { keyOf } from '../../api/meta';
import { labelSelectorAsSelector } from '../../api/labels';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { isPodReady, scaledValue } from '../util/rollout';
import { sameJson } from '../util/owned';

type PDB = PodDisruptionBudget & KubeObject;
type P = Pod & KubeObject;

/** The disruption-controller. */
export class DisruptionController implements Controller {
  readonly name = 'disruption-controller';

  setup(s: ControllerSetup): void {
    s.watch('PodDisruptionBudget', (e) => s.enqueue(keyOf(e.object)));
    s.watch('Pod', (e) => {
      const labels = e.object.metadata.labels;
      for (const pdb of s.store.list<PDB>('PodDisruptionBudget', e.object.metadata.namespace)) {
        if (labelSelectorAsSelector(pdb.spec?.selector).matches(labels)) s.enqueue(keyOf(pdb));
      }
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const pdb = ctx.store.getByKey<PDB>(key);
    if (!pdb) return;
    const sel = labelSelectorAsSelector(pdb.spec?.selector);
    const pods = ctx.store
      .list<P>('Pod', pdb.metadata.namespace)
      .filter((p) => !p.metadata.deletionTimestamp && sel.matches(p.metadata.labels));
    const expected = pods.length;
    const healthy = pods.filter(isPodReady).length;
    let desired = 0;
    if (pdb.spec?.minAvailable !== undefined) desired = scaledValue(pdb.spec.minAvailable, expected, true);
    else if (pdb.spec?.maxUnavailable !== undefined)
      desired = Math.max(0, expected - scaledValue(pdb.spec.maxUnavailable, expected, true));
    const status = {
      ...pdb.status,
      observedGeneration: pdb.metadata.generation ?? 1,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      disruptionsAllowed: Math.max(0, healthy - desired),
    };
    if (!sameJson(status, pdb.status)) ctx.update({ ...pdb, status });
  }
}
