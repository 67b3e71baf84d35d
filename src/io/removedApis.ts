/**
 * API versions that upstream removed, with the version to use instead. Source: kubernetes.io
 * "Deprecated API Migration Guide" (docs/reference/using-api/deprecation-guide). Keyed by
 * `apiVersion/kind`; `*` stands for every kind of that apiVersion.
 */
export interface Removal {
  removedIn: string;
  replacement: string;
}

const R = (removedIn: string, replacement: string): Removal => ({ removedIn, replacement });

const REMOVED: Record<string, Removal> = {
  'extensions/v1beta1/Deployment': R('1.16', 'apps/v1'),
  'extensions/v1beta1/DaemonSet': R('1.16', 'apps/v1'),
  'extensions/v1beta1/ReplicaSet': R('1.16', 'apps/v1'),
  'extensions/v1beta1/NetworkPolicy': R('1.16', 'networking.k8s.io/v1'),
  'extensions/v1beta1/PodSecurityPolicy': R('1.16', 'policy/v1beta1'),
  'extensions/v1beta1/Ingress': R('1.22', 'networking.k8s.io/v1'),
  'apps/v1beta1/*': R('1.16', 'apps/v1'),
  'apps/v1beta2/*': R('1.16', 'apps/v1'),
  'networking.k8s.io/v1beta1/Ingress': R('1.22', 'networking.k8s.io/v1'),
  'networking.k8s.io/v1beta1/IngressClass': R('1.22', 'networking.k8s.io/v1'),
  'rbac.authorization.k8s.io/v1beta1/*': R('1.22', 'rbac.authorization.k8s.io/v1'),
  'scheduling.k8s.io/v1beta1/PriorityClass': R('1.22', 'scheduling.k8s.io/v1'),
  'storage.k8s.io/v1beta1/StorageClass': R('1.22', 'storage.k8s.io/v1'),
  'storage.k8s.io/v1beta1/CSIDriver': R('1.22', 'storage.k8s.io/v1'),
  'storage.k8s.io/v1beta1/CSINode': R('1.22', 'storage.k8s.io/v1'),
  'storage.k8s.io/v1beta1/VolumeAttachment': R('1.22', 'storage.k8s.io/v1'),
  'storage.k8s.io/v1beta1/CSIStorageCapacity': R('1.27', 'storage.k8s.io/v1'),
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': R('1.22', 'apiextensions.k8s.io/v1'),
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': R(
    '1.22',
    'admissionregistration.k8s.io/v1',
  ),
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': R(
    '1.22',
    'admissionregistration.k8s.io/v1',
  ),
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': R('1.22', 'certificates.k8s.io/v1'),
  'coordination.k8s.io/v1beta1/Lease': R('1.22', 'coordination.k8s.io/v1'),
  'batch/v1beta1/CronJob': R('1.25', 'batch/v1'),
  'discovery.k8s.io/v1beta1/EndpointSlice': R('1.25', 'discovery.k8s.io/v1'),
  'events.k8s.io/v1beta1/Event': R('1.25', 'events.k8s.io/v1'),
  'autoscaling/v2beta1/HorizontalPodAutoscaler': R('1.25', 'autoscaling/v2'),
  'autoscaling/v2beta2/HorizontalPodAutoscaler': R('1.26', 'autoscaling/v2'),
  'policy/v1beta1/PodDisruptionBudget': R('1.25', 'policy/v1'),
  'policy/v1beta1/PodSecurityPolicy': R('1.25', 'Pod Security Admission (no replacement kind)'),
  'node.k8s.io/v1beta1/RuntimeClass': R('1.25', 'node.k8s.io/v1'),
  'flowcontrol.apiserver.k8s.io/v1beta1/*': R('1.26', 'flowcontrol.apiserver.k8s.io/v1'),
  'flowcontrol.apiserver.k8s.io/v1beta2/*': R('1.29', 'flowcontrol.apiserver.k8s.io/v1'),
  'flowcontrol.apiserver.k8s.io/v1beta3/*': R('1.32', 'flowcontrol.apiserver.k8s.io/v1'),
  'authentication.k8s.io/v1beta1/TokenReview': R('1.22', 'authentication.k8s.io/v1'),
  'authorization.k8s.io/v1beta1/*': R('1.22', 'authorization.k8s.io/v1'),
  'apiregistration.k8s.io/v1beta1/APIService': R('1.22', 'apiregistration.k8s.io/v1'),
  'resource.k8s.io/v1alpha2/*': R('1.31', 'resource.k8s.io/v1'),
};

/** The removal of this apiVersion for this kind, if upstream removed it. */
export function removedApi(apiVersion: string, kind: string): Removal | undefined {
  return REMOVED[`${apiVersion}/${kind}`] ?? REMOVED[`${apiVersion}/*`];
}
