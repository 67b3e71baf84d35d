/**
 * `kubectl get` rows of the non-workload kinds (nodes, services, ingresses, storage, config, policy,
 * events): a port of pkg/printers/internalversion/printers.go (printNode, printService, printIngress,
 * printPersistentVolume(Claim), printEvent, ...).
 */
import { formatLabels, age, type KindTable } from './rows';

/* eslint-disable @typescript-eslint/no-explicit-any -- rows read many optional fields of many kinds */
type Any = any;

const name = (o: Any): string => o.metadata.name;

function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(o: Any, type: string): string {
  return (o.status?.addresses ?? []).find((a: Any) => a.type === type)?.address ?? '<none>';
}

const node: KindTable = {
  columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideColumns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(o: Any, ctx) {
    const ready = (o.status?.conditions ?? []).find((c: Any) => c.type === 'Ready');
    const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (o.spec?.unschedulable) status.push('SchedulingDisabled');
    const info = o.status?.nodeInfo ?? {};
    const base = [
      name(o),
      status.join(','),
      nodeRoles(o.metadata.labels),
      age(o.metadata.creationTimestamp, ctx.nowMs),
      info.kubeletVersion ?? '',
    ];
    if (!ctx.wide) return base;
    return [
      ...base,
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

function lbAddresses(ingress: Any[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? [])
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  const r = [...set].sort().join(',');
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

function externalIp(o: Any, wide: boolean): string {
  const ext: string[] = o.spec?.externalIPs ?? [];
  switch (o.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbAddresses(o.status?.loadBalancer?.ingress, wide);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return o.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(ports: Any[] | undefined): string {
  const s = (ports ?? [])
    .map((p) =>
      p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
  return s || '<none>';
}

const service: KindTable = {
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideColumns: ['SELECTOR'],
  row(o: Any, ctx) {
    const ip = o.spec?.clusterIPs?.[0] ?? o.spec?.clusterIP ?? '<none>';
    const base = [
      name(o),
      o.spec?.type ?? 'ClusterIP',
      ip,
      externalIp(o, ctx.wide),
      portString(o.spec?.ports),
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    return ctx.wide ? [...base, formatLabels(o.spec?.selector)] : base;
  },
};

function ingressHosts(rules: Any[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${(rules ?? []).length - 3} more...` : list.join(',');
}

const ingress: KindTable = {
  columns: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  wideColumns: [],
  row: (o: Any, ctx) => [
    name(o),
    o.spec?.ingressClassName ?? '<none>',
    ingressHosts(o.spec?.rules),
    lbAddresses(o.status?.loadBalancer?.ingress, ctx.wide),
    (o.spec?.tls ?? []).length ? '80, 443' : '80',
    age(o.metadata.creationTimestamp, ctx.nowMs),
  ],
};

const ingressClass: KindTable = {
  columns: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
  wideColumns: [],
  row(o: Any, ctx) {
    const p = o.spec?.parameters;
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return [name(o), o.spec?.controller ?? '', params, age(o.metadata.creationTimestamp, ctx.nowMs)];
  },
};

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

function accessModes(modes: string[] | undefined): string {
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']
    .filter((m) => (modes ?? []).includes(m))
    .map((m) => ACCESS_MODES[m])
    .join(',');
}

const persistentVolume: KindTable = {
  columns: [
    'NAME',
    'CAPACITY',
    'ACCESS MODES',
    'RECLAIM POLICY',
    'STATUS',
    'CLAIM',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'REASON',
    'AGE',
  ],
  wideColumns: ['VOLUMEMODE'],
  row(o: Any, ctx) {
    const claim = o.spec?.claimRef ? `${o.spec.claimRef.namespace ?? ''}/${o.spec.claimRef.name}` : '';
    const base = [
      name(o),
      String(o.spec?.capacity?.storage ?? ''),
      accessModes(o.spec?.accessModes),
      o.spec?.persistentVolumeReclaimPolicy ?? '',
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      claim,
      o.spec?.storageClassName ?? '',
      o.spec?.volumeAttributesClassName ?? '<unset>',
      o.status?.reason ?? '',
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    return ctx.wide ? [...base, o.spec?.volumeMode ?? '<unset>'] : base;
  },
};

const persistentVolumeClaim: KindTable = {
  columns: [
    'NAME',
    'STATUS',
    'VOLUME',
    'CAPACITY',
    'ACCESS MODES',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'AGE',
  ],
  wideColumns: ['VOLUMEMODE'],
  row(o: Any, ctx) {
    const bound = !!o.spec?.volumeName;
    const base = [
      name(o),
      o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
      o.spec?.volumeName ?? '',
      bound ? String(o.status?.capacity?.storage ?? '') : '',
      bound ? accessModes(o.status?.accessModes) : '',
      o.spec?.storageClassName ?? '',
      o.spec?.volumeAttributesClassName ?? '<unset>',
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
    return ctx.wide ? [...base, o.spec?.volumeMode ?? '<unset>'] : base;
  },
};

const storageClass: KindTable = {
  columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  wideColumns: [],
  row(o: Any, ctx) {
    const isDefault = o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${name(o)} (default)` : name(o),
      o.provisioner ?? '',
      o.reclaimPolicy ?? 'Delete',
      o.volumeBindingMode ?? 'Immediate',
      String(o.allowVolumeExpansion ?? false),
      age(o.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

const simple = (columns: string[], cells: (o: Any) => string[]): KindTable => ({
  columns: ['NAME', ...columns, 'AGE'],
  wideColumns: [],
  row: (o: Any, ctx) => [name(o), ...cells(o), age(o.metadata.creationTimestamp, ctx.nowMs)],
});

const count = (m: object | undefined): string => String(Object.keys(m ?? {}).length);
const intOrString = (v: unknown): string => (v === undefined || v === null ? 'N/A' : String(v));

export const CLUSTER_TABLES: Record<string, KindTable> = {
  Node: node,
  Service: service,
  Ingress: ingress,
  IngressClass: ingressClass,
  PersistentVolume: persistentVolume,
  PersistentVolumeClaim: persistentVolumeClaim,
  StorageClass: storageClass,
  Namespace: simple(['STATUS'], (o) => [
    o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? 'Active'),
  ]),
  ConfigMap: simple(['DATA'], (o) => [String(Object.keys({ ...o.data, ...o.binaryData }).length)]),
  Secret: simple(['TYPE', 'DATA'], (o) => [o.type ?? 'Opaque', count({ ...o.data, ...o.stringData })]),
  PriorityClass: simple(['VALUE', 'GLOBAL-DEFAULT', 'PREEMPTIONPOLICY'], (o) => [
    String(o.value ?? 0),
    String(o.globalDefault ?? false),
    o.preemptionPolicy ?? 'PreemptLowerPriority',
  ]),
  PodDisruptionBudget: simple(['MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS'], (o) => [
    intOrString(o.spec?.minAvailable),
    intOrString(o.spec?.maxUnavailable),
    String(o.status?.disruptionsAllowed ?? 0),
  ]),
  Endpoints: simple(['ENDPOINTS'], (o) => [formatEndpoints(o.subsets)]),
  EndpointSlice: simple(['ADDRESSTYPE', 'PORTS', 'ENDPOINTS'], (o) => [
    o.addressType ?? '',
    (o.ports ?? []).map((p: Any) => String(p.port ?? '')).join(',') || '<unset>',
    endpointsCell(o.endpoints),
  ]),
};

/**
 * formatEndpoints (printers.go): ip:port for each ready address and port (just the ip when a subset has no
 * ports), up to 3, then "+ N more..."; "<none>" without subsets.
 */
function formatEndpoints(subsets: Any[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses: Any[] = ss.addresses ?? [];
    const ports: Any[] = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) if (list.length < max) list.push(a.ip);
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length < max)
          list.push(String(a.ip).includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`);
      }
    }
  }
  const joined = list.join(',');
  return count > max ? `${joined} + ${count - max} more...` : joined;
}

/** formatDiscoveryEndpoints: up to 3 addresses, then "+ N more...". */
function endpointsCell(endpoints: Any[] | undefined): string {
  const all: string[] = (endpoints ?? []).flatMap((e) => e.addresses ?? []);
  if (all.length === 0) return '<unset>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}
