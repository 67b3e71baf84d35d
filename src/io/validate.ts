/**
 * Validates parsed objects against the Kubernetes OpenAPI schema (see ./schema.ts) and the semantic rules
 * of ./rules.ts. Every issue names the file, line, column, object and field path. Server-populated `status`
 * is accepted and not checked. Objects of kinds the schema does not know are kept with a warning.
 */
import type { Issue, Severity } from './issues';
import type { ParsedObject, Position } from './parse';
import { isRecord } from './parse';
import { removedApi } from './removedApis';
import { isSimulatorKind, SIMULATOR_API_VERSION } from '../engine';
import {
  canonicalQuantity,
  compareQuantities,
  exactQuantity,
  base64ErrorOffset,
  isOvercommitAllowed,
  dns1123Label,
  isQuantityPath,
  labelValue,
  nameRule,
  qualifiedName,
  quantity,
  selectorMatches,
} from './rules';
import { apiVersionsOf, type Schema, type TypeRef } from './schema';
import { ENUMS, RANGES } from './constraints';
import { NODE_STATUS_ANNOTATION, nodeStatusOf } from './export';

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** `Kind name` of an object, as issues name it. */
export function objectLabel(obj: Record<string, unknown>): string {
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '<no kind>';
  const meta = isRecord(obj['metadata']) ? obj['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : (meta['generateName'] ?? '<no name>');
  return `${kind} ${String(name)}`;
}

/**
 * Validates each object; returns every problem found (an empty list means valid). `onProgress` hears
 * every 100 objects.
 */
export function validateObjects(
  objects: readonly ParsedObject[],
  schema: Schema,
  onProgress?: (phase: 'validating', done: number, total: number) => void,
): Issue[] {
  const issues: Issue[] = [];
  for (const [n, p] of objects.entries()) {
    if (onProgress && n % 100 === 0) onProgress('validating', n, objects.length);
    const start = issues.length;
    validateOne(p, schema, issues);
    // Within one object, report in the order of the text.
    const mine = issues.splice(start).sort((a, b) => a.line - b.line || a.column - b.column);
    for (const i of mine) issues.push(i);
  }
  return issues;
}

class Reporter {
  constructor(
    private readonly p: ParsedObject,
    private readonly out: Issue[],
    readonly object: string,
  ) {}

  /** Position of a path, or of its nearest written ancestor. */
  at(path: string): Position {
    let p = path;
    for (;;) {
      const pos = this.p.positions.get(p);
      if (pos) return pos;
      if (p === '') return { line: 1, column: 1 };
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut > 0 ? p.slice(0, cut) : '';
    }
  }

  add(path: string, message: string, severity: Severity = 'error'): void {
    this.out.push({ file: this.p.file, ...this.at(path), object: this.object, path, message, severity });
  }
}

function validateOne(p: ParsedObject, schema: Schema, out: Issue[]): void {
  const obj = p.object;
  const r = new Reporter(p, out, objectLabel(obj));
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || !apiVersion)
    return r.add('apiVersion', 'missing required field "apiVersion"');
  if (typeof kind !== 'string' || !kind) return r.add('kind', 'missing required field "kind"');
  const removed = removedApi(apiVersion, kind);
  if (removed)
    return r.add(
      'apiVersion',
      `apiVersion "${apiVersion}" of ${kind} was removed in Kubernetes v${removed.removedIn}: use "${removed.replacement}"`,
    );
  const typeId = schema.kinds[`${apiVersion}/${kind}`];
  if (apiVersion === SIMULATOR_API_VERSION && isSimulatorKind(kind)) {
    // The simulator's own kinds: their engine components read them tolerantly; only metadata is checked.
  } else if (!typeId) {
    const known = apiVersionsOf(schema, kind);
    if (known.length)
      return r.add(
        'apiVersion',
        `no kind "${kind}" in apiVersion "${apiVersion}" (use ${known.map((v) => `"${v}"`).join(' or ')})`,
      );
    r.add(
      'kind',
      `unknown kind "${kind}" (${apiVersion}): not in the Kubernetes ${schema.kubernetesVersion} schema; kept as written, not validated or simulated`,
      'warning',
    );
  } else walk(schema, `T:${typeId}`, obj, undefined, r, 0);
  checkMetadata(obj, kind, r);
  if (WORKLOADS.has(kind)) checkSelector(obj, r);
  const podSpec = POD_SPEC_PATHS[kind];
  if (podSpec) {
    checkPodSpecNames(at(obj, podSpec), podSpec.join('.'), r);
    checkResources(at(obj, podSpec), podSpec.join('.'), r);
    checkRestartPolicy(kind, at(obj, podSpec), podSpec.join('.'), r);
  }
  if (apiVersion === 'v1' && (kind === 'Secret' || kind === 'ConfigMap')) checkBase64(obj, kind, r);
  if (kind === 'Node') {
    checkNodeStatusAnnotation(obj, r);
    checkNodeSize(obj, r);
  }
}

/**
 * A field path, written out (`spec.containers[0].image`) only when a message needs it: a valid object
 * of a thousand fields then costs no path text at all.
 */
class Path {
  private text: string | undefined;

  constructor(
    readonly parent: Path | undefined,
    /** The field or map key, or the list index. */
    readonly key: string,
    readonly index: boolean,
  ) {}

  toString(): string {
    if (this.text === undefined) {
      const p = this.parent ? this.parent.toString() : '';
      this.text = this.index ? `${p}[${this.key}]` : p ? `${p}.${this.key}` : this.key;
    }
    return this.text;
  }
}

const text = (p: Path | undefined): string => (p ? p.toString() : '');

/** A parent field whose map values are quantities (isQuantityPath's first rule, on the parent's name). */
const QUANTITY_PARENT = /(^|\.)(requests|limits|hard|capacity|allocatable)$/;
/** Characters that make a key's place in the written path ambiguous: decided on the whole path. */
const PATH_SYNTAX = /[.[\]]/;

/** isQuantityPath(path) without writing the path out (the same answer: rules.test.ts). */
export function isQuantityAt(p: Path | undefined): boolean {
  if (!p || p.index || p.key === '') return false;
  if (PATH_SYNTAX.test(p.key)) return isQuantityPath(p.toString());
  if (p.key === 'sizeLimit') return text(p.parent) !== '';
  const parent = p.parent;
  return parent !== undefined && !parent.index && QUANTITY_PARENT.test(parent.key);
}

/** A path from its segments (tests): strings are fields or keys, numbers list indexes. */
export function pathOf(...segments: (string | number)[]): Path | undefined {
  let p: Path | undefined;
  for (const s of segments) p = new Path(p, String(s), typeof s === 'number');
  return p;
}

function walk(
  schema: Schema,
  ref: TypeRef,
  value: unknown,
  path: Path | undefined,
  r: Reporter,
  depth: number,
): void {
  if (value === null || value === undefined || ref === 'any') return;
  if (isQuantityAt(path)) {
    for (const e of quantity(value)) r.add(text(path), `invalid value at "${text(path)}": ${e}`);
    return;
  }
  if (ref.startsWith('[]')) {
    if (!Array.isArray(value))
      return r.add(text(path), `wrong type at "${text(path)}": expected a list, got ${typeName(value)}`);
    const item = ref.slice(2);
    for (let i = 0; i < value.length; i++)
      walk(schema, item, value[i], new Path(path, String(i), true), r, depth + 1);
    return;
  }
  if (ref.startsWith('{}')) {
    if (!isRecord(value))
      return r.add(text(path), `wrong type at "${text(path)}": expected a map, got ${typeName(value)}`);
    const item = ref.slice(2);
    for (const k of Object.keys(value)) walk(schema, item, value[k], new Path(path, k, false), r, depth + 1);
    return;
  }
  if (ref.startsWith('T:')) return walkObject(schema, ref.slice(2), value, path, r, depth);
  if (!scalarMatches(ref, value))
    r.add(
      text(path),
      `wrong type at "${text(path)}": expected ${EXPECTED[ref] ?? `a ${ref}`}, got ${typeName(value)}`,
    );
}

const EXPECTED: Record<string, string> = {
  'int-or-string': 'an integer or a string',
  integer: 'an integer',
};

function scalarMatches(ref: TypeRef, value: unknown): boolean {
  if (ref === 'int-or-string') return Number.isInteger(value) || typeof value === 'string';
  if (ref === 'integer') return Number.isInteger(value);
  return typeof value === ref;
}

function walkObject(
  schema: Schema,
  id: string,
  value: unknown,
  path: Path | undefined,
  r: Reporter,
  depth: number,
): void {
  const type = schema.types[id];
  if (!type) return;
  if (!isRecord(value))
    return r.add(
      text(path),
      `wrong type at "${text(path) || '.'}": expected an object, got ${typeName(value)}`,
    );
  const fields = type.p;
  for (const k of Object.keys(value)) {
    // The server writes status; it is accepted and ignored on import.
    if (depth === 0 && k === 'status') continue;
    const fieldType = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined;
    const child = new Path(path, k, false);
    if (fieldType === undefined) {
      const hint = didYouMean(k, Object.keys(fields));
      r.add(text(child), `unknown field "${text(child)}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      continue;
    }
    const v = value[k];
    walk(schema, fieldType, v, child, r, depth + 1);
    checkValue(`${id}.${k}`, v, child, r);
  }
  const prefix = path ? `${text(path)}.` : '';
  if (id.endsWith('HorizontalPodAutoscalerSpec')) checkReplicaBounds(value, prefix, r);
  for (const req of type.r ?? []) {
    if (depth === 0 && (req === 'status' || req === 'metadata')) continue;
    if (value[req] === undefined || value[req] === null)
      r.add(text(path), `missing required field "${prefix}${req}"`);
  }
}

/** The enum and range constraints of one field (./constraints.ts), in the API server's words. */
function checkValue(key: string, value: unknown, child: Path, r: Reporter): void {
  const allowed = ENUMS[key];
  if (allowed) {
    const each = (v: unknown, p: string): void => {
      if (typeof v !== 'string' || allowed.includes(v)) return;
      // Only a difference of case is a sure typo (`always` for "Always"); other near values may not be.
      const hint = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
      r.add(
        p,
        `unsupported value "${v}" at "${p}": supported values: ${allowed.map((a) => `"${a}"`).join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    };
    const path = text(child);
    if (Array.isArray(value)) value.forEach((v, i) => each(v, `${path}[${i}]`));
    else each(value, path);
  }
  const rule = RANGES[key];
  if (rule && typeof value === 'number' && Number.isInteger(value)) {
    const problem = rule(value);
    if (problem) r.add(text(child), `invalid value ${value} at "${text(child)}": ${problem}`);
  }
}

/** ValidateHorizontalPodAutoscalerSpec: maxReplicas must not be below minReplicas. */
function checkReplicaBounds(spec: Record<string, unknown>, prefix: string, r: Reporter): void {
  const { minReplicas: min, maxReplicas: max } = spec;
  if (typeof min === 'number' && typeof max === 'number' && max >= 1 && max < min)
    r.add(
      `${prefix}maxReplicas`,
      `invalid value ${max} at "${prefix}maxReplicas": must be greater than or equal to \`minReplicas\``,
    );
}

function checkMetadata(obj: Record<string, unknown>, kind: string, r: Reporter): void {
  const meta = obj['metadata'];
  if (!isRecord(meta)) return r.add('metadata', 'missing required field "metadata.name"');
  const name = meta['name'];
  if (typeof name === 'string')
    for (const e of nameRule(kind)(name)) r.add('metadata.name', `invalid name "${name}": ${e}`);
  else if (typeof meta['generateName'] !== 'string')
    r.add('metadata', 'missing required field "metadata.name"');
  if (typeof meta['namespace'] === 'string')
    for (const e of nameRule('Namespace')(meta['namespace']))
      r.add('metadata.namespace', `invalid namespace "${meta['namespace']}": ${e}`);
  checkLabels(meta['labels'], 'metadata.labels', r);
  const ann = meta['annotations'];
  if (isRecord(ann))
    for (const k of Object.keys(ann))
      for (const e of qualifiedName(k))
        r.add(`metadata.annotations.${k}`, `invalid annotation key "${k}": ${e}`);
  const tmpl = (obj['spec'] as Record<string, unknown> | undefined)?.['template'];
  if (isRecord(tmpl) && isRecord(tmpl['metadata']))
    checkLabels(tmpl['metadata']['labels'], 'spec.template.metadata.labels', r);
}

/** Where each kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function at(obj: unknown, path: readonly string[]): unknown {
  let v = obj;
  for (const k of path) v = isRecord(v) ? v[k] : undefined;
  return v;
}

/** Container and volume names are DNS-1123 labels (upstream pkg/apis/core/validation validateContainers, ValidateVolumes). */
function checkPodSpecNames(spec: unknown, path: string, r: Reporter): void {
  if (!isRecord(spec)) return;
  for (const list of ['initContainers', 'containers', 'volumes']) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      const name = isRecord(item) ? item['name'] : undefined;
      if (typeof name === 'string')
        for (const e of dns1123Label(name))
          r.add(`${path}.${list}[${i}].name`, `invalid name "${name}": ${e}`);
    });
  }
}

function checkLabels(labels: unknown, path: string, r: Reporter): void {
  if (!isRecord(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    for (const e of qualifiedName(k)) r.add(`${path}.${k}`, `invalid label key "${k}": ${e}`);
    if (typeof v === 'string')
      for (const e of labelValue(v)) r.add(`${path}.${k}`, `invalid label value "${v}": ${e}`);
  }
}

/** Upstream ValidateDeploymentSpec and friends: "`selector` does not match template `labels`". */
function checkSelector(obj: Record<string, unknown>, r: Reporter): void {
  const spec = obj['spec'];
  if (!isRecord(spec) || !isRecord(spec['selector']) || !isRecord(spec['template'])) return;
  const meta = spec['template']['metadata'];
  const labels = isRecord(meta) && isRecord(meta['labels']) ? meta['labels'] : {};
  if (!selectorMatches(spec['selector'], labels))
    r.add(
      'spec.template.metadata.labels',
      '"spec.template.metadata.labels": `selector` does not match template `labels`',
    );
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v} (${JSON.stringify(v).slice(0, 40)})`;
}

/** The closest known field name to a misspelt one, if close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : levenshtein(lower, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 4) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * ValidateResourceRequirements (pkg/apis/core/validation/validation.go), for each container: a request may
 * not exceed its limit, and for resources that cannot be overcommitted (extended resources such as GPUs,
 * hugepages) it must equal the limit, and a request needs a limit. Upstream's field errors, quantities in
 * their canonical form: `...resources.requests: Invalid value: "2": must be less than or equal to cpu
 * limit of 1`.
 */
function checkResources(spec: unknown, path: string, r: Reporter): void {
  if (!isRecord(spec)) return;
  for (const list of ['initContainers', 'containers']) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((c, i) => {
      const resources = isRecord(c) ? c['resources'] : undefined;
      if (!isRecord(resources)) return;
      const base = `${path}.${list}[${i}].resources`;
      const requests = isRecord(resources['requests']) ? resources['requests'] : {};
      const limits = isRecord(resources['limits']) ? resources['limits'] : {};
      for (const [name, raw] of Object.entries(requests)) {
        const request = typeof raw === 'string' || typeof raw === 'number' ? exactQuantity(raw) : undefined;
        if (!request) continue;
        const rawLimit = limits[name];
        const limit =
          typeof rawLimit === 'string' || typeof rawLimit === 'number' ? exactQuantity(rawLimit) : undefined;
        const shown = canonicalQuantity(request);
        if (rawLimit === undefined || rawLimit === null) {
          if (!isOvercommitAllowed(name))
            r.add(
              `${base}.requests.${name}`,
              `${base}.limits: Required value: Limit must be set for non overcommitable resources`,
            );
          continue;
        }
        if (!limit) continue;
        const cmp = compareQuantities(request, limit);
        const problem =
          cmp !== 0 && !isOvercommitAllowed(name)
            ? `must be equal to ${name} limit of ${canonicalQuantity(limit)}`
            : cmp > 0
              ? `must be less than or equal to ${name} limit of ${canonicalQuantity(limit)}`
              : undefined;
        if (problem)
          r.add(`${base}.requests.${name}`, `${base}.requests: Invalid value: "${shown}": ${problem}`);
      }
    });
  }
}

/** The restart policies a controller's pod template may have (defaulted to Always when not written). */
const RESTART_POLICIES: Record<string, readonly string[]> = {
  Deployment: ['Always'],
  ReplicaSet: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

/**
 * pkg/apis/apps/validation (ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec,
 * ValidateDaemonSetSpec): a workload's pods restart `Always`; pkg/apis/batch/validation (validateJobSpec):
 * a Job's pods `OnFailure` or `Never`, which must be written (the default, Always, is refused).
 */
function checkRestartPolicy(kind: string, spec: unknown, path: string, r: Reporter): void {
  const allowed = RESTART_POLICIES[kind];
  if (!allowed || !isRecord(spec)) return;
  const field = `${path}.restartPolicy`;
  const policy = spec['restartPolicy'] ?? 'Always';
  if (typeof policy !== 'string' || allowed.includes(policy)) return;
  const quoted = allowed.map((a) => `"${a}"`).join(', ');
  if (kind === 'Job' || kind === 'CronJob') {
    if (policy === 'Always' || policy === '')
      return r.add(field, `${field}: Required value: valid values: ${quoted}`);
  }
  // Enum spelling (`never`) is reported by the schema check with a did-you-mean; this is the policy rule.
  if (!(ENUMS['V1PodSpec.restartPolicy'] ?? []).includes(policy)) return;
  r.add(field, `${field}: Unsupported value: "${policy}": supported values: ${quoted}`);
}

/**
 * A Secret's `data` and a ConfigMap's `binaryData` are `[]byte`, which the API server's JSON decoder reads
 * as standard base64: a value that is not fails the whole object, in the decoder's words (`Secret in
 * version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4`).
 */
function checkBase64(obj: Record<string, unknown>, kind: string, r: Reporter): void {
  const field = kind === 'Secret' ? 'data' : 'binaryData';
  const data = obj[field];
  if (!isRecord(data)) return;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') continue;
    const offset = base64ErrorOffset(value);
    if (offset !== undefined)
      r.add(
        `${field}.${key}`,
        `${kind} in version "v1" cannot be handled as a ${kind}: illegal base64 data at input byte ${offset}`,
      );
  }
}

/** A Node's size (status.capacity, status.allocatable), which import keeps: each value a quantity. */
function checkNodeSize(obj: Record<string, unknown>, r: Reporter): void {
  const status = obj['status'];
  if (!isRecord(status)) return;
  for (const list of ['capacity', 'allocatable']) {
    const resources = status[list];
    if (!isRecord(resources)) continue;
    for (const [name, value] of Object.entries(resources)) {
      const path = `status.${list}.${name}`;
      for (const e of quantity(value)) r.add(path, `invalid value at "${path}": ${e}`);
    }
  }
}

/** A simulation export's Node size (`kubecanvas.dev/node-status`) must be a JSON object to be read back. */
function checkNodeStatusAnnotation(obj: Record<string, unknown>, r: Reporter): void {
  const meta = obj['metadata'];
  const ann = isRecord(meta) && isRecord(meta['annotations']) ? meta['annotations'] : undefined;
  const text = ann?.[NODE_STATUS_ANNOTATION];
  if (typeof text !== 'string' || nodeStatusOf(text)) return;
  const path = `metadata.annotations.${NODE_STATUS_ANNOTATION}`;
  r.add(
    path,
    `invalid value at "${path}": must be the Node's status (capacity, allocatable) as a JSON object`,
  );
}
