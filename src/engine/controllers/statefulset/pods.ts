/**
 * StatefulSet pods and claims (pkg/controller/statefulset/stateful_set_utils.go): newStatefulSetPod at a
 * revision, one PVC per claim template and ordinal, and the PVC retention policy's owner references
 * (updateClaimOwnerRefForSetAndPod).
 */
import type {
  KubeObject,
  OwnerReference,
  PersistentVolumeClaim,
  Pod,
  PodTemplateSpec,
  StatefulSet,
} from '../../api/types';
import { controllerRef } from '../../api/meta';
import type { ControllerContext } from '../../core/controller';
import { REVISION_HASH } from '../util/history';

type SS = StatefulSet & KubeObject;
type P = Pod & KubeObject;
type PVC = PersistentVolumeClaim & KubeObject;

/** The claim name of a template for a pod: `<template>-<pod>`. */
export function claimName(template: PersistentVolumeClaim, podName: string): string {
  return `${template.metadata?.name ?? ''}-${podName}`;
}

/** newVersionedStatefulSetPod: the pod of an ordinal from a template, labelled with its revision. */
export function newStatefulSetPod(set: SS, template: PodTemplateSpec, ordinal: number, revision: string): P {
  const name = `${set.metadata.name}-${ordinal}`;
  const volumes = [...(template.spec?.volumes ?? [])];
  for (const claim of set.spec?.volumeClaimTemplates ?? [])
    if (!volumes.some((v) => v.name === claim.metadata?.name))
      volumes.push({
        name: claim.metadata?.name ?? '',
        persistentVolumeClaim: { claimName: claimName(claim, name) },
      });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(set.metadata.namespace ? { namespace: set.metadata.namespace } : {}),
      labels: {
        ...template.metadata?.labels,
        [REVISION_HASH]: revision,
        'statefulset.kubernetes.io/pod-name': name,
        'apps.kubernetes.io/pod-index': String(ordinal),
      },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(set)],
    },
    spec: {
      ...structuredClone(template.spec ?? { containers: [] }),
      hostname: name,
      ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}),
      ...(volumes.length ? { volumes } : {}),
    },
    status: { phase: 'Pending' },
  };
}

/** createPersistentVolumeClaims: the missing claims of a pod, with upstream's event. */
export function ensureClaims(
  set: SS,
  podName: string,
  ordinalInRange: boolean,
  ctx: ControllerContext,
): void {
  for (const claim of set.spec?.volumeClaimTemplates ?? []) {
    const name = claimName(claim, podName);
    if (ctx.store.get('PersistentVolumeClaim', set.metadata.namespace, name)) continue;
    const owners = claimOwnersFor(set, undefined, ordinalInRange, []);
    const pvc: PVC = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        ...(set.metadata.namespace ? { namespace: set.metadata.namespace } : {}),
        labels: { ...set.spec?.selector?.matchLabels, ...claim.metadata?.labels },
        ...(owners.length ? { ownerReferences: owners } : {}),
      },
      spec: structuredClone(claim.spec ?? {}),
      status: { phase: 'Pending' },
    };
    ctx.create(pvc);
    ctx.event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`,
    );
  }
}

function ref(o: KubeObject): OwnerReference {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid ?? '' };
}

/**
 * updateClaimOwnerRefForSetAndPod: the claim's owner references under the retention policy. whenDeleted:
 * Delete makes the set an owner; whenScaled: Delete makes a pod scaled away (ordinal out of range) the
 * owner instead, so the garbage collector removes the claim with it. Retain removes those references.
 */
export function claimOwnersFor(
  set: SS,
  pod: P | undefined,
  ordinalInRange: boolean,
  existing: readonly OwnerReference[],
): OwnerReference[] {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
  const whenDeleted = policy?.whenDeleted ?? 'Retain';
  const whenScaled = policy?.whenScaled ?? 'Retain';
  const setUid = set.metadata.uid;
  const podUid = pod?.metadata.uid;
  const out = existing.filter((r) => r.uid !== setUid && (podUid === undefined || r.uid !== podUid));
  const keepSet = existing.find((r) => r.uid === setUid);
  const keepPod = podUid ? existing.find((r) => r.uid === podUid) : undefined;
  const withSet = (): void => void out.push(keepSet ?? ref(set));
  const withPod = (): void => {
    if (pod) out.push(keepPod ?? ref(pod));
  };
  if (whenScaled === 'Delete' && !ordinalInRange) withPod();
  else if (whenDeleted === 'Delete') withSet();
  return out;
}

/** UpdatePodClaimForRetentionPolicy: writes the owner references a pod's claims should have. */
export function updateClaimsForRetention(
  set: SS,
  pod: P,
  ordinalInRange: boolean,
  ctx: ControllerContext,
): void {
  for (const claim of set.spec?.volumeClaimTemplates ?? []) {
    const pvc = ctx.store.get<PVC>(
      'PersistentVolumeClaim',
      set.metadata.namespace,
      claimName(claim, pod.metadata.name),
    );
    if (!pvc) continue;
    const existing = pvc.metadata.ownerReferences ?? [];
    const want = claimOwnersFor(set, pod, ordinalInRange, existing);
    if (JSON.stringify(want) === JSON.stringify(existing)) continue;
    const { ownerReferences: _o, ...meta } = pvc.metadata;
    ctx.update({ ...pvc, metadata: want.length ? { ...meta, ownerReferences: want } : meta });
  }
}
