/** The simulated kubelets (see kubelet.ts): pod lifecycle, images, probes, restarts, node status. */
export { Kubelet } from './kubelet';
export { NodeAgent, LEASE_DURATION_SECONDS, LEASE_RENEW_MS, KUBELET_VERSION } from './nodeAgent';
export { Backoff, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS } from './backoff';
export {
  UNPULLABLE_TAGS,
  imageSizeBytes,
  pullDurationMs,
  pullError,
  parseImage,
  fullImageName,
} from './images';
export {
  runProbe,
  PROBE_FAULT_ANNOTATION,
  probeTick,
  newWorker,
  nextTick,
  type ProbeWorker,
  type ProbeType,
  type ProbeResult,
} from './probes';
export { isAttachable, attachmentName, volumesNotReady } from './volumes';
export { podPhase, qosClass } from './podStatus';
export { SHUTDOWN_MS, preStopSeconds } from './podWorker';
