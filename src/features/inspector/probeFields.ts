/**
 * Readiness, liveness and startup probes of a container: the handler (httpGet path and port, tcpSocket,
 * grpc, exec) and the timings. Bounds as pkg/apis/core/validation validateProbe: periodSeconds,
 * timeoutSeconds, successThreshold and failureThreshold at least 1; initialDelaySeconds at least 0;
 * liveness and startup probes need successThreshold 1.
 */
import type { KubeObject, Probe } from '../../engine';
import {
  choices,
  intOrString,
  minIntError,
  optionalInt,
  portOrNameError,
  type Field,
  type ScalarField,
} from './fields';
import { containerAt, pruned, updateContainer } from './podTemplate';

export type ProbeName = 'readinessProbe' | 'livenessProbe' | 'startupProbe';
export type ProbeType = 'none' | 'httpGet' | 'tcpSocket' | 'grpc' | 'exec';

const LABELS: Record<ProbeName, string> = {
  readinessProbe: 'Readiness probe',
  livenessProbe: 'Liveness probe',
  startupProbe: 'Startup probe',
};

/** The handler type of a probe ('none' when the container has no such probe). */
export function probeType(p: Probe | undefined): ProbeType {
  if (!p) return 'none';
  if (p.httpGet) return 'httpGet';
  if (p.tcpSocket) return 'tcpSocket';
  if (p.grpc) return 'grpc';
  if (p.exec) return 'exec';
  return 'none';
}

function portOf(p: Probe | undefined): string {
  const port = p?.httpGet?.port ?? p?.tcpSocket?.port ?? p?.grpc?.port;
  return port === undefined ? '' : String(port);
}

/** A probe of another type, keeping timings and the port where the new handler has one. */
export function withProbeType(p: Probe | undefined, type: ProbeType, defaultPort: number): Probe | undefined {
  if (type === 'none') return undefined;
  const timings: Probe = { ...p };
  delete timings.httpGet;
  delete timings.tcpSocket;
  delete timings.grpc;
  delete timings.exec;
  const port = intOrString(portOf(p) || String(defaultPort));
  switch (type) {
    case 'httpGet':
      return { ...timings, httpGet: { path: p?.httpGet?.path ?? '/', port } };
    case 'tcpSocket':
      return { ...timings, tcpSocket: { port } };
    case 'grpc':
      return { ...timings, grpc: { port: typeof port === 'number' ? port : defaultPort } };
    case 'exec':
      return { ...timings, exec: { command: p?.exec?.command ?? ['cat', '/tmp/healthy'] } };
  }
}

/** A probe with a new port on its handler. */
function withPort(p: Probe, v: string): Probe {
  const port = intOrString(v);
  if (p.httpGet) return { ...p, httpGet: { ...p.httpGet, port } };
  if (p.tcpSocket) return { ...p, tcpSocket: { ...p.tcpSocket, port } };
  if (p.grpc && typeof port === 'number') return { ...p, grpc: { ...p.grpc, port } };
  return p;
}

function probeOf(o: KubeObject, index: number, name: ProbeName): Probe | undefined {
  return containerAt(o, index)?.[name];
}

function setProbe(o: KubeObject, index: number, name: ProbeName, p: Probe | undefined): KubeObject {
  return updateContainer(o, index, (c) => pruned({ ...c, [name]: p }));
}

type TimingKey =
  'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds' | 'failureThreshold' | 'successThreshold';

const TIMINGS: ReadonlyArray<[TimingKey, string, number, string]> = [
  ['initialDelaySeconds', 'initial delay (s)', 0, '0'],
  ['periodSeconds', 'period (s)', 1, '10'],
  ['timeoutSeconds', 'timeout (s)', 1, '1'],
  ['failureThreshold', 'failure threshold', 1, '3'],
  ['successThreshold', 'success threshold', 1, '1'],
];

function timingField(
  index: number,
  name: ProbeName,
  key: TimingKey,
  label: string,
  min: number,
  dflt: string,
): ScalarField {
  return {
    kind: 'scalar',
    id: `${name}.${key}`,
    label: `${LABELS[name]} ${label}`,
    control: 'number',
    placeholder: dflt,
    get: (o) => String(probeOf(o, index, name)?.[key] ?? ''),
    set: (o, v) => {
      const p = probeOf(o, index, name);
      return p ? setProbe(o, index, name, pruned({ ...p, [key]: optionalInt(v) })) : o;
    },
    validate: (v) => {
      const e = minIntError(v, min);
      if (e) return e;
      if (key === 'successThreshold' && name !== 'readinessProbe' && v !== '' && Number(v) !== 1)
        return 'must be 1';
      return undefined;
    },
    visible: (o) => probeType(probeOf(o, index, name)) !== 'none',
  };
}

function probeFieldsOf(index: number, name: ProbeName): Field[] {
  const label = LABELS[name];
  return [
    {
      kind: 'scalar',
      id: `${name}.type`,
      label,
      control: 'select',
      choices: [{ value: 'none', label: 'none' }, ...choices('httpGet', 'tcpSocket', 'grpc', 'exec')],
      get: (o) => probeType(probeOf(o, index, name)),
      set: (o, v) => {
        const port = containerAt(o, index)?.ports?.[0]?.containerPort ?? 80;
        return setProbe(o, index, name, withProbeType(probeOf(o, index, name), v as ProbeType, port));
      },
    },
    {
      kind: 'scalar',
      id: `${name}.path`,
      label: `${label} path`,
      control: 'text',
      placeholder: '/_health',
      get: (o) => probeOf(o, index, name)?.httpGet?.path ?? '',
      set: (o, v) => {
        const p = probeOf(o, index, name);
        return p?.httpGet ? setProbe(o, index, name, { ...p, httpGet: { ...p.httpGet, path: v } }) : o;
      },
      validate: (v) =>
        v === '' || v.startsWith('/') ? undefined : 'must be an absolute path (start with /)',
      visible: (o) => probeType(probeOf(o, index, name)) === 'httpGet',
    },
    {
      kind: 'scalar',
      id: `${name}.port`,
      label: `${label} port`,
      control: 'text',
      placeholder: '8080',
      get: (o) => portOf(probeOf(o, index, name)),
      set: (o, v) => {
        const p = probeOf(o, index, name);
        return p ? setProbe(o, index, name, withPort(p, v)) : o;
      },
      validate: (v) => portOrNameError(v),
      visible: (o) => ['httpGet', 'tcpSocket', 'grpc'].includes(probeType(probeOf(o, index, name))),
    },
    ...TIMINGS.map(([key, l, min, d]) => timingField(index, name, key, l, min, d)),
  ];
}

/** Fields of the three probes of the container at `index`. */
export function probeFields(index: number): Field[] {
  return (['readinessProbe', 'livenessProbe', 'startupProbe'] as const).flatMap((name) =>
    probeFieldsOf(index, name),
  );
}
