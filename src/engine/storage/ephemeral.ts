/**
 * The ephemeral volume controller (pkg/controller/volume/ephemeral): for each generic ephemeral volume of a
 * pod, a claim `<pod>-<volume>` made from its volumeClaimTemplate, owned by the pod (so it goes with it).
 * A claim of that name not owned by the pod is left alone, and the pod waits, as upstream.
 */
import { controllerRef, keyOf } from '../api/meta';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import type { P, PVC } from './claims';

/** The ephemeral volume controller (`ephemeral-volume-controller`). */
export class EphemeralVolumeController implements Controller {
  readonly name = 'ephemeral-volume-controller';

  setup(s: ControllerSetup): void {
    const consider = (p: P) => {
      if ((p.spec?.volumes ?? []).some((v) => v.ephemeral)) s.enqueue(keyOf(p));
    };
    for (const p of s.store.each<P>('Pod')) consider(p);
    s.watch('Pod', (e) => {
      if (e.type === 'ADDED') consider(e.object as P);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const pod = ctx.store.getByKey<P>(key);
    if (!pod || pod.metadata.deletionTimestamp) return;
    for (const v of pod.spec?.volumes ?? []) {
      const template = v.ephemeral?.volumeClaimTemplate;
      if (!template) continue;
      const name = `${pod.metadata.name}-${v.name}`;
      if (ctx.store.get('PersistentVolumeClaim', pod.metadata.namespace, name)) continue;
      const claim: PVC = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: pod.metadata.namespace ?? 'default',
          ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
          ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
          ownerReferences: [controllerRef(pod)],
        },
        spec: { volumeMode: 'Filesystem', ...structuredClone(template.spec) },
      };
      ctx.create(claim);
    }
  }
}
