/**
 * Defaulting as the API server does it (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go,
 * pkg/apis/batch/v1/defaults.go, k8s.io/api defaults for probes). Applied to the live object only:
 * the simulation keeps the user's authored copy for export, so export writes only what the user wrote.
 */
import type {
  Container,
  DaemonSet,
  Deployment,
  KubeObject,
  PersistentVolumeClaim,
  PodSpec,
  PodTemplateSpec,
  Probe,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../api/types';
import type { CronJob, Job } from '../api/types';
import { copyJson } from './copy';

type Defaulter = (obj: KubeObject) => KubeObject;

const input = (j: Job): { parallelism?: number } => j.spec ?? {};

/** Returns a defaulted deep copy; the input is not changed. */
export function applyDefaults(input: KubeObject): KubeObject {
  const obj = copyJson(input);
  const defaulter = DEFAULTERS[obj.kind];
  return defaulter ? defaulter(obj) : obj;
}

/** Probe defaults: periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3. */
export function defaultProbe(probe: Probe): Probe {
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  probe.initialDelaySeconds ??= 0;
  if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
  if (probe.httpGet) probe.httpGet.path ??= '/';
  return probe;
}

/** imagePullPolicy: Always for `:latest` or an untagged image, otherwise IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  // Limits without requests: requests default to the limits (pkg/apis/core/v1/defaults.go SetDefaults_Pod).
  if (c.resources?.limits) {
    const requests = { ...(c.resources.requests ?? {}) };
    for (const [name, qty] of Object.entries(c.resources.limits)) requests[name] ??= qty;
    c.resources.requests = requests;
  }
  if (c.livenessProbe) defaultProbe(c.livenessProbe);
  if (c.readinessProbe) defaultProbe(c.readinessProbe);
  if (c.startupProbe) defaultProbe(c.startupProbe);
}

/** Pod spec defaults (SetDefaults_PodSpec). */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  return spec;
}

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

/** A selector defaulted from the template's labels where upstream does it (never for apps/v1 kinds). */
const DEFAULTERS: Record<string, Defaulter> = {
  Pod(obj) {
    obj.spec = defaultPodSpec((obj.spec ?? { containers: [] }) as PodSpec);
    return obj;
  },
  Deployment(obj) {
    const d = obj as Deployment & KubeObject;
    const spec = (d.spec ??= { selector: {}, template: {} });
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= { type: 'RollingUpdate' };
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    defaultTemplate(spec.template);
    return obj;
  },
  ReplicaSet(obj) {
    const rs = obj as ReplicaSet & KubeObject;
    const spec = (rs.spec ??= { selector: {} });
    spec.replicas ??= 1;
    defaultTemplate(spec.template);
    return obj;
  },
  StatefulSet(obj) {
    const s = obj as StatefulSet & KubeObject;
    const spec = (s.spec ??= { selector: {}, template: {}, serviceName: '' });
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.revisionHistoryLimit ??= 10;
    spec.updateStrategy ??= { type: 'RollingUpdate' };
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.partition ??= 0;
    }
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    for (const t of spec.volumeClaimTemplates ?? []) {
      t.spec ??= {};
      t.spec.volumeMode ??= 'Filesystem';
    }
    defaultTemplate(spec.template);
    return obj;
  },
  DaemonSet(obj) {
    const ds = obj as DaemonSet & KubeObject;
    const spec = (ds.spec ??= { selector: {}, template: {} });
    spec.revisionHistoryLimit ??= 10;
    spec.updateStrategy ??= { type: 'RollingUpdate' };
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    defaultTemplate(spec.template);
    return obj;
  },
  Job(obj) {
    const j = obj as Job & KubeObject;
    const spec = (j.spec ??= { template: {} });
    spec.parallelism ??= 1;
    // completions and parallelism unset: one pod runs to one completion (SetDefaults_Job).
    if (spec.completions === undefined && spec.parallelism === 1 && input(j).parallelism === undefined)
      spec.completions = 1;
    spec.backoffLimit ??= 6;
    spec.completionMode ??= 'NonIndexed';
    spec.suspend ??= false;
    if (spec.template.spec) {
      spec.template.spec.restartPolicy ??= 'Never';
      defaultPodSpec(spec.template.spec);
    }
    return obj;
  },
  CronJob(obj) {
    const c = obj as CronJob & KubeObject;
    const spec = (c.spec ??= { schedule: '', jobTemplate: {} });
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const podSpec = spec.jobTemplate.spec?.template.spec;
    if (podSpec) {
      podSpec.restartPolicy ??= 'Never';
      defaultPodSpec(podSpec);
    }
    return obj;
  },
  Service(obj) {
    const s = obj as Service & KubeObject;
    const spec = (s.spec ??= {});
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    spec.internalTrafficPolicy ??= 'Cluster';
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
    for (const p of spec.ports ?? []) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
    return obj;
  },
  PersistentVolumeClaim(obj) {
    const pvc = obj as PersistentVolumeClaim & KubeObject;
    pvc.spec ??= {};
    pvc.spec.volumeMode ??= 'Filesystem';
    return obj;
  },
};
