/**
 * Kinds that `kubernetes-types` (1.30) does not name but the OpenAPI spec the field types come from
 * (release-1.36) has: resource.k8s.io (Dynamic Resource Allocation, v1 in 1.34), networking.k8s.io
 * IPAddress and ServiceCIDR (v1 in 1.33), storage.k8s.io VolumeAttributesClass (v1 in 1.34),
 * coordination.k8s.io LeaseCandidate, admissionregistration.k8s.io MutatingAdmissionPolicy, ... Their group
 * is what upstream's `x-kubernetes-group-version-kind` states (api/openapi-spec/v3/apis__<group>__<version>
 * _openapi.json); the version is read from the type id (`V1beta2DeviceClass` -> v1beta2). Used by
 * ./generate.ts; Node only.
 */

/** The API group of each kind newer than kubernetes-types, by kind. */
export const GROUP_OF_KIND: Readonly<Record<string, string>> = {
  APIService: 'apiregistration.k8s.io',
  DeviceClass: 'resource.k8s.io',
  DeviceTaintRule: 'resource.k8s.io',
  ResourceClaim: 'resource.k8s.io',
  ResourceClaimTemplate: 'resource.k8s.io',
  ResourceSlice: 'resource.k8s.io',
  ResourcePoolStatusRequest: 'resource.k8s.io',
  IPAddress: 'networking.k8s.io',
  ServiceCIDR: 'networking.k8s.io',
  VolumeAttributesClass: 'storage.k8s.io',
  LeaseCandidate: 'coordination.k8s.io',
  MutatingAdmissionPolicy: 'admissionregistration.k8s.io',
  MutatingAdmissionPolicyBinding: 'admissionregistration.k8s.io',
  ClusterTrustBundle: 'certificates.k8s.io',
  PodCertificateRequest: 'certificates.k8s.io',
  StorageVersionMigration: 'storagemigration.k8s.io',
  Workload: 'scheduling.k8s.io',
  PodGroup: 'scheduling.k8s.io',
};

interface SchemaShape {
  kinds: Record<string, string>;
  types: Record<string, { p: Record<string, string> }>;
}

/**
 * Adds `apiVersion/kind` entries (and their `...List`) for object types that have apiVersion, kind and
 * ObjectMeta but no entry yet, when GROUP_OF_KIND names their group. Returns the keys it added.
 */
export function addNewerKinds(schema: SchemaShape): string[] {
  const mapped = new Set(Object.values(schema.kinds));
  const added: string[] = [];
  for (const [id, t] of Object.entries(schema.types)) {
    if (mapped.has(id) || !t.p['apiVersion'] || !t.p['kind']) continue;
    const m = /^(?:[A-Z][a-z]+)*?V(\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(id);
    if (!m) continue;
    const version = `v${m[1]}`;
    const isList = m[2]!.endsWith('List') && t.p['metadata'] === 'T:V1ListMeta';
    const kind = isList ? m[2]!.slice(0, -'List'.length) : m[2]!;
    if (!isList && t.p['metadata'] !== 'T:V1ObjectMeta') continue;
    const group = GROUP_OF_KIND[kind];
    if (!group) continue;
    const key = `${group}/${version}/${m[2]}`;
    if (schema.kinds[key]) continue;
    schema.kinds[key] = id;
    added.push(key);
  }
  return added.sort();
}
