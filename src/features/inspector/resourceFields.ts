/**
 * The forms of Ingresses (class, rules, TLS), PersistentVolumeClaims (size, class, access modes, volume
 * mode), ConfigMaps (data) and NodeGroups (bounds and the node shape), and the read-only volume claim
 * templates of a StatefulSet. Messages are the API server's (pkg/apis/networking/validation
 * ValidateIngressSpec, pkg/apis/core/validation ValidatePersistentVolumeClaim(Update), ValidateConfigMap,
 * k8s.io/apimachinery/pkg/util/validation); what it will not let change is read-only with its reason.
 */
import {
  dns1035Label,
  dns1123Subdomain,
  goQuote,
  invalidValue,
  isValidQuantity,
  value,
  type KubeObject,
} from '../../engine';
import {
  choices,
  minIntError,
  portOrNameError,
  quantityError,
  type Field,
  type ListField,
  type Row,
  type ScalarField,
} from './fields';
import { pruned, setIn } from './podTemplate';
import { labelsToText, textToLabels } from './selectorText';
import { labelsField, STATEFULSET_FORBIDDEN } from './workloadFields';

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function specOf(o: KubeObject): Json {
  return obj(o.spec);
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function metadataLabels(): ScalarField {
  return labelsField(
    'labels',
    'Labels',
    (o) => o.metadata.labels,
    (o, l) => setIn(o, ['metadata', 'labels'], l),
  );
}

// ---- Ingress ----

const PATH_TYPES = choices('Prefix', 'Exact', 'ImplementationSpecific');
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** A host of a rule or of TLS: a DNS-1123 subdomain, a wildcard allowed in front (ValidateIngressSpec). */
function hostError(host: string, path: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':'))
    return invalidValue(path, goQuote(host), 'must be a DNS name, not an IP address');
  const name = host.startsWith('*.') ? host.slice(2) : host;
  const errs = dns1123Subdomain(name);
  if (host.startsWith('*.') && errs.length)
    return invalidValue(
      path,
      goQuote(host),
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  return errs.length ? invalidValue(path, goQuote(host), errs.join(', ')) : undefined;
}

/** validateHTTPIngressPath's path checks. */
function pathError(p: string, pathType: string, at: string): string | undefined {
  if (pathType === 'ImplementationSpecific') {
    return p !== '' && !p.startsWith('/')
      ? invalidValue(at, goQuote(p), 'must be an absolute path')
      : undefined;
  }
  if (!p.startsWith('/')) return invalidValue(at, goQuote(p), 'must be an absolute path');
  for (const seq of INVALID_PATH_SEQUENCES)
    if (p.includes(seq)) return invalidValue(at, goQuote(p), `must not contain '${seq}'`);
  for (const suffix of INVALID_PATH_SUFFIXES)
    if (p.endsWith(suffix)) return invalidValue(at, goQuote(p), `cannot end with '${suffix}'`);
  return undefined;
}

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: { service?: { name?: string; port?: { number?: number; name?: string } } };
}
interface IngressRule {
  host?: string;
  http?: { paths?: IngressPath[] };
}

function rulesOf(o: KubeObject): IngressRule[] {
  const r = specOf(o)['rules'];
  return Array.isArray(r) ? (r as IngressRule[]) : [];
}

/** Rows grouped back into rules by host, in the order hosts first appear. */
function groupRules(rows: readonly Row[]): Array<{ host: string; rows: Row[] }> {
  const out: Array<{ host: string; rows: Row[] }> = [];
  for (const r of rows) {
    const host = (r['host'] ?? '').trim();
    const g = out.find((x) => x.host === host);
    if (g) g.rows.push(r);
    else out.push({ host, rows: [r] });
  }
  return out;
}

const ingressRulesField: ListField = {
  kind: 'list',
  id: 'ingressRules',
  label: 'Rules',
  help: 'One row per path; rows with the same host make one rule.',
  columns: [
    { id: 'host', label: 'Host', control: 'text', placeholder: 'shop.example.com' },
    { id: 'path', label: 'Path', control: 'text', placeholder: '/' },
    { id: 'pathType', label: 'Path type', control: 'select', choices: PATH_TYPES },
    { id: 'service', label: 'Service', control: 'text', placeholder: 'web' },
    { id: 'port', label: 'Port', control: 'text', placeholder: '80' },
  ],
  newRow: { host: '', path: '/', pathType: 'Prefix', service: '', port: '80' },
  get: (o) =>
    rulesOf(o).flatMap((rule) =>
      (rule.http?.paths ?? []).map((p) => ({
        host: rule.host ?? '',
        path: p.path ?? '',
        pathType: p.pathType ?? 'Prefix',
        service: p.backend?.service?.name ?? '',
        port: str(p.backend?.service?.port?.number ?? p.backend?.service?.port?.name),
      })),
    ),
  set: (o, rows) => {
    const rules = groupRules(rows).map((g) =>
      pruned<IngressRule>({
        host: g.host || undefined,
        http: {
          paths: g.rows.map((r) => {
            const port = (r['port'] ?? '').trim();
            return pruned<IngressPath>({
              path: r['path'] || undefined,
              pathType: r['pathType'] || 'Prefix',
              backend: {
                service: {
                  name: (r['service'] ?? '').trim(),
                  port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port },
                },
              },
            });
          }),
        },
      }),
    );
    return setIn(o, ['spec'], pruned({ ...specOf(o), rules })) as KubeObject;
  },
  validate: (rows) => {
    for (const [i, g] of groupRules(rows).entries()) {
      const at = `spec.rules[${i}]`;
      if (g.host) {
        const h = hostError(g.host, `${at}.host`);
        if (h) return h;
      }
      for (const [j, r] of g.rows.entries()) {
        const p = `${at}.http.paths[${j}]`;
        const pe = pathError(r['path'] ?? '', r['pathType'] ?? 'Prefix', `${p}.path`);
        if (pe) return pe;
        const name = (r['service'] ?? '').trim();
        if (name === '') return `${p}.backend.service.name: Required value`;
        const ne = dns1035Label(name);
        if (ne.length) return invalidValue(`${p}.backend.service.name`, goQuote(name), ne.join(', '));
        const port = (r['port'] ?? '').trim();
        if (port === '')
          return `${p}.backend.service.port: Invalid value: "": port name or number is required`;
        const pe2 = portOrNameError(port);
        if (pe2)
          return /^\d+$/.test(port)
            ? invalidValue(`${p}.backend.service.port.number`, port, pe2)
            : invalidValue(`${p}.backend.service.port.name`, goQuote(port), pe2);
      }
    }
    return undefined;
  },
};

interface IngressTLS {
  hosts?: string[];
  secretName?: string;
}

function splitHosts(text: string): string[] {
  return text
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
}

const ingressTlsField: ListField = {
  kind: 'list',
  id: 'ingressTls',
  label: 'TLS',
  columns: [
    { id: 'hosts', label: 'Hosts (comma-separated)', control: 'text', placeholder: 'shop.example.com' },
    { id: 'secretName', label: 'Secret', control: 'text', placeholder: 'shop-tls' },
  ],
  newRow: { hosts: '', secretName: '' },
  get: (o) => {
    const tls = specOf(o)['tls'];
    return (Array.isArray(tls) ? (tls as IngressTLS[]) : []).map((t) => ({
      hosts: (t.hosts ?? []).join(','),
      secretName: t.secretName ?? '',
    }));
  },
  set: (o, rows) => {
    const tls = rows.map((r) =>
      pruned<IngressTLS>({ hosts: splitHosts(r['hosts'] ?? ''), secretName: r['secretName'] || undefined }),
    );
    return setIn(o, ['spec'], pruned({ ...specOf(o), tls })) as KubeObject;
  },
  validate: (rows) => {
    for (const [i, r] of rows.entries()) {
      for (const [j, h] of splitHosts(r['hosts'] ?? '').entries()) {
        const e = hostError(h, `spec.tls[${i}].hosts[${j}]`);
        if (e) return e;
      }
      const secret = (r['secretName'] ?? '').trim();
      if (secret) {
        const errs = dns1123Subdomain(secret);
        if (errs.length) return invalidValue(`spec.tls[${i}].secretName`, goQuote(secret), errs.join(', '));
      }
    }
    return undefined;
  },
};

/** Class, rules, TLS and labels of an Ingress. */
export function ingressFields(): Field[] {
  return [
    {
      kind: 'scalar',
      id: 'ingressClassName',
      label: 'Ingress class',
      control: 'text',
      placeholder: 'nginx',
      get: (o) => str(specOf(o)['ingressClassName']),
      set: (o, v) =>
        setIn(o, ['spec'], pruned({ ...specOf(o), ingressClassName: v.trim() || undefined })) as KubeObject,
      validate: (v) => {
        const name = v.trim();
        if (name === '') return undefined;
        const errs = dns1123Subdomain(name);
        return errs.length
          ? invalidValue('spec.ingressClassName', goQuote(name), errs.join(', '))
          : undefined;
      },
    },
    ingressRulesField,
    ingressTlsField,
    metadataLabels(),
  ];
}

// ---- PersistentVolumeClaim ----

/** ValidatePersistentVolumeClaimUpdate's words for any other change to the spec. */
export const PVC_SPEC_IMMUTABLE =
  'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

function phaseOf(live: KubeObject | undefined): string {
  return str(obj(live?.status)['phase']);
}

function storageOf(o: KubeObject): string {
  return str(obj(obj(specOf(o)['resources'])['requests'])['storage']);
}

/** Size, class, access modes, volume mode and labels of a claim. */
export function pvcFields(): Field[] {
  return [
    {
      kind: 'scalar',
      id: 'pvc.storage',
      label: 'Size',
      control: 'text',
      placeholder: '1Gi',
      get: storageOf,
      set: (o, v) => {
        const resources = obj(specOf(o)['resources']);
        const requests = { ...obj(resources['requests']), storage: v };
        return setIn(o, ['spec', 'resources'], { ...resources, requests }) as KubeObject;
      },
      validate: (v, o, live) => {
        if (v === '') return 'spec.resources[storage]: Required value';
        const q = quantityError(v);
        if (q) return q;
        if (value(v) <= 0)
          return invalidValue('spec.resources[storage]', goQuote(v), 'must be greater than zero');
        // A bound claim may grow; it may come down (to recover from a failed expansion) only while it stays
        // above what it has (ValidatePersistentVolumeClaimUpdate). Whether its class lets it grow is the
        // API server's check of the whole edit (validateEdit).
        const capacity = str(obj(obj(live?.status)['capacity'])['storage']);
        const before = storageOf(o);
        const shrinks = before !== '' && isValidQuantity(before) && value(v) < value(before);
        if (shrinks && capacity && isValidQuantity(capacity) && value(v) <= value(capacity))
          return 'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity';
        return undefined;
      },
      immutable: (_o, live) => (live && phaseOf(live) !== 'Bound' ? PVC_SPEC_IMMUTABLE : undefined),
    },
    {
      kind: 'scalar',
      id: 'pvc.storageClassName',
      label: 'Storage class',
      control: 'text',
      placeholder: 'standard',
      get: (o) => str(specOf(o)['storageClassName']),
      set: (o, v) => setIn(o, ['spec', 'storageClassName'], v.trim()) as KubeObject,
      validate: (v) => {
        const name = v.trim();
        if (name === '') return undefined;
        const errs = dns1123Subdomain(name);
        return errs.length
          ? invalidValue('spec.storageClassName', goQuote(name), errs.join(', '))
          : undefined;
      },
      // Only a claim that never had a class may get one (retroactive default StorageClass assignment).
      immutable: (o, live) => {
        const current = (live ? specOf(live) : specOf(o))['storageClassName'];
        return current === undefined || current === null ? undefined : PVC_SPEC_IMMUTABLE;
      },
    },
    {
      kind: 'scalar',
      id: 'pvc.accessModes',
      label: 'Access modes',
      control: 'text',
      placeholder: 'ReadWriteOnce',
      get: (o) => {
        const m = specOf(o)['accessModes'];
        return Array.isArray(m) ? m.join(',') : '';
      },
      set: (o, v) => setIn(o, ['spec', 'accessModes'], splitHosts(v)) as KubeObject,
      validate: (v) => {
        const modes = splitHosts(v);
        if (modes.length === 0) return 'spec.accessModes: Required value: at least 1 access mode is required';
        const bad = modes.find((m) => !ACCESS_MODES.includes(m));
        return bad
          ? `spec.accessModes: Unsupported value: ${goQuote(bad)}: supported values: ${ACCESS_MODES.map(goQuote).join(', ')}`
          : undefined;
      },
      immutable: () => PVC_SPEC_IMMUTABLE,
    },
    {
      kind: 'scalar',
      id: 'pvc.volumeMode',
      label: 'Volume mode',
      control: 'select',
      choices: choices('Filesystem', 'Block'),
      get: (o) => str(specOf(o)['volumeMode'] ?? 'Filesystem'),
      set: (o, v) => setIn(o, ['spec', 'volumeMode'], v) as KubeObject,
      immutable: () => PVC_SPEC_IMMUTABLE,
    },
    metadataLabels(),
  ];
}

// ---- ConfigMap ----

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** IsConfigMapKey. */
function configKeyErrors(k: string): string[] {
  const errs: string[] = [];
  if (k.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(k))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (k === '.') errs.push("must not be '.'");
  else if (k === '..') errs.push("must not be '..'");
  else if (k.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

const configDataField: ListField = {
  kind: 'list',
  id: 'configData',
  label: 'Data',
  columns: [
    { id: 'key', label: 'Key', control: 'text', placeholder: 'LOG_LEVEL' },
    { id: 'value', label: 'Value', control: 'text', placeholder: 'info' },
  ],
  newRow: { key: '', value: '' },
  get: (o) => Object.entries(obj((o as { data?: unknown }).data)).map(([key, v]) => ({ key, value: str(v) })),
  set: (o, rows) => {
    const data: Record<string, string> = {};
    for (const r of rows) data[r['key'] ?? ''] = r['value'] ?? '';
    return pruned({ ...(o as Json), data }) as unknown as KubeObject;
  },
  validateRow: (r) => {
    const k = r['key'] ?? '';
    const errs = configKeyErrors(k);
    return errs.length ? invalidValue(`data[${k}]`, goQuote(k), errs.join(', ')) : undefined;
  },
  validate: (rows) => {
    const seen = new Set<string>();
    for (const r of rows) {
      const k = r['key'] ?? '';
      if (seen.has(k)) return `data[${k}]: Duplicate value: ${goQuote(k)}`;
      seen.add(k);
    }
    return undefined;
  },
  // ValidateConfigMapUpdate: an immutable ConfigMap's data cannot change.
  immutable: (o) =>
    (o as { immutable?: boolean }).immutable === true
      ? 'data: Forbidden: field is immutable when `immutable` is set'
      : undefined,
};

/** Data and labels of a ConfigMap. */
export function configMapFields(): Field[] {
  return [configDataField, metadataLabels()];
}

// ---- NodeGroup (kubecanvas.dev/v1alpha1, the cluster autoscaler's node group) ----

function groupSpec(o: KubeObject): Json {
  return specOf(o);
}

function templateOf(o: KubeObject): Json {
  return obj(groupSpec(o)['template']);
}

function setTemplate(o: KubeObject, t: Json): KubeObject {
  return setIn(o, ['spec', 'template'], pruned(t)) as KubeObject;
}

function groupInt(key: 'minSize' | 'maxSize' | 'bootSeconds', label: string): ScalarField {
  return {
    kind: 'scalar',
    id: `nodeGroup.${key}`,
    label,
    control: 'number',
    get: (o) => str(groupSpec(o)[key]),
    set: (o, v) =>
      setIn(
        o,
        ['spec'],
        pruned({ ...groupSpec(o), [key]: v.trim() === '' ? undefined : Number(v) }),
      ) as KubeObject,
    validate: (v, o) => {
      const e = minIntError(v, 0);
      if (e || v === '') return e;
      const min = key === 'maxSize' ? Number(groupSpec(o)['minSize'] ?? 0) : undefined;
      const max = key === 'minSize' ? groupSpec(o)['maxSize'] : undefined;
      if (min !== undefined && Number(v) < min)
        return `spec.maxSize: must be greater than or equal to minSize (${min})`;
      if (typeof max === 'number' && Number(v) > max)
        return `spec.minSize: must be less than or equal to maxSize (${max})`;
      return undefined;
    },
  };
}

function shapeField(resource: 'cpu' | 'memory' | 'pods', label: string, placeholder: string): ScalarField {
  return {
    kind: 'scalar',
    id: `nodeGroup.capacity.${resource}`,
    label,
    control: 'text',
    placeholder,
    get: (o) => str(obj(templateOf(o)['capacity'])[resource]),
    set: (o, v) => {
      const capacity = { ...obj(templateOf(o)['capacity']) };
      if (v === '') delete capacity[resource];
      else capacity[resource] = v;
      return setTemplate(o, { ...templateOf(o), capacity: pruned(capacity) });
    },
    validate: (v) => quantityError(v),
  };
}

/** Bounds, boot time and the node shape (capacity, zone, instance type, labels) of a node group. */
export function nodeGroupFields(): Field[] {
  return [
    groupInt('minSize', 'Min nodes'),
    groupInt('maxSize', 'Max nodes'),
    groupInt('bootSeconds', 'Boot time (s)'),
    {
      kind: 'scalar',
      id: 'nodeGroup.serverless',
      label: 'Serverless (one VM per pod)',
      control: 'checkbox',
      get: (o) => String(groupSpec(o)['serverless'] === true),
      set: (o, v) =>
        setIn(
          o,
          ['spec'],
          pruned({ ...groupSpec(o), serverless: v === 'true' ? true : undefined }),
        ) as KubeObject,
    },
    shapeField('cpu', 'Node CPU', '2'),
    shapeField('memory', 'Node memory', '4Gi'),
    shapeField('pods', 'Node pods', '110'),
    {
      kind: 'scalar',
      id: 'nodeGroup.zone',
      label: 'Zone',
      control: 'text',
      placeholder: 'zone-a',
      get: (o) => str(templateOf(o)['zone']),
      set: (o, v) => setTemplate(o, { ...templateOf(o), zone: v.trim() || undefined }),
      validate: (v) => {
        const r = textToLabels(v ? `topology.kubernetes.io/zone=${v}` : '', 'spec.template.zone');
        return r.ok ? undefined : r.error;
      },
    },
    {
      kind: 'scalar',
      id: 'nodeGroup.instanceType',
      label: 'Instance type',
      control: 'text',
      placeholder: 'm5.xlarge',
      get: (o) => str(templateOf(o)['instanceType']),
      set: (o, v) => setTemplate(o, { ...templateOf(o), instanceType: v.trim() || undefined }),
      validate: (v) => {
        const r = textToLabels(
          v ? `node.kubernetes.io/instance-type=${v}` : '',
          'spec.template.instanceType',
        );
        return r.ok ? undefined : r.error;
      },
    },
    {
      kind: 'scalar',
      id: 'nodeGroup.labels',
      label: 'Node labels',
      control: 'text',
      placeholder: 'pool=workers',
      get: (o) => labelsToText(obj(templateOf(o)['labels']) as Record<string, string>),
      set: (o, v) => {
        const r = textToLabels(v, 'spec.template.labels');
        if (!r.ok) return o;
        return setTemplate(o, {
          ...templateOf(o),
          labels: Object.keys(r.value).length ? r.value : undefined,
        });
      },
      validate: (v) => {
        const r = textToLabels(v, 'spec.template.labels');
        return r.ok ? undefined : r.error;
      },
    },
  ];
}

// ---- StatefulSet volumeClaimTemplates (read-only) ----

interface ClaimTemplate {
  metadata?: { name?: string };
  spec?: {
    storageClassName?: string;
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
  };
}

/** A StatefulSet's volume claim templates, shown read-only: the API server forbids changing them. */
export const volumeClaimTemplatesField: ListField = {
  kind: 'list',
  id: 'volumeClaimTemplates',
  label: 'Volume claim templates',
  columns: [
    { id: 'name', label: 'Name', control: 'text' },
    { id: 'size', label: 'Size', control: 'text' },
    { id: 'storageClassName', label: 'Storage class', control: 'text' },
    { id: 'accessModes', label: 'Access modes', control: 'text' },
  ],
  newRow: { name: '', size: '', storageClassName: '', accessModes: '' },
  get: (o) => {
    const t = specOf(o)['volumeClaimTemplates'];
    return (Array.isArray(t) ? (t as ClaimTemplate[]) : []).map((c) => ({
      name: c.metadata?.name ?? '',
      size: c.spec?.resources?.requests?.storage ?? '',
      storageClassName: c.spec?.storageClassName ?? '',
      accessModes: (c.spec?.accessModes ?? []).join(','),
    }));
  },
  set: (o) => o,
  visible: (o) => Array.isArray(specOf(o)['volumeClaimTemplates']),
  immutable: () => STATEFULSET_FORBIDDEN,
};
