/**
 * The engine's public face: a small, faithful Kubernetes control plane in pure TypeScript. Other layers
 * import from here only.
 */
export type * from './api/types';
export {
  isClusterScoped,
  isSimulatedKind,
  isSimulatorKind,
  isSimulatedInfrastructure,
  SIMULATOR_API_VERSION,
  SIMULATED_KINDS,
  API_VERSION,
  type SimulatedKind,
} from './api/kinds';
export {
  objectKey,
  canonicalKey,
  keyOf,
  namespacedName,
  controllerOf,
  controllerRef,
  isBeingDeleted,
} from './api/meta';
export {
  parseQuantity,
  isValidQuantity,
  milliValue,
  value,
  formatMilliCpu,
  formatBytes,
} from './api/quantity';
export { timestamp, parseTimestamp, parseDuration, SIM_EPOCH_UNIX_MS } from './api/time';
export { KUBERNETES_VERSION } from './api/version';
export {
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  goQuote,
  goStringMap,
  invalidValue,
  labelValue,
  labelsError,
  nameError,
  nameRule,
  qualifiedName,
} from './api/validation';
export type { Change, WatchEvent, WatchEventType, WatchHandler } from './core/changes';
export type {
  Controller,
  ControllerContext,
  ControllerSetup,
  DeleteOptions,
  EventType,
  PropagationPolicy,
} from './core/controller';
export { ObjectStore, StoreError, type ReadonlyStore } from './core/objectStore';
export {
  Simulation,
  ApiError,
  resourceName,
  type SimulationOptions,
  type AdmissionPlugin,
} from './core/simulation';
export { applyDefaults, defaultProbe, defaultPodSpec, defaultPullPolicy } from './core/defaults';
export { checkInvariants } from './core/invariants';
export { podRequests, emptyRequests, type Requests } from './core/resources';
export { templateHash, stableStringify, randomSuffix } from './core/names';
export { createCluster, defaultControllers, defaultAdmission, type ClusterOptions } from './cluster';
export {
  Scheduler,
  explainPod,
  parseSchedulerConfiguration,
  defaultProfile,
  Snapshot as SchedulerSnapshot,
  type SchedulerOptions,
  type PodExplanation,
  type NodeExplanation,
  type FilterVerdict,
  type Profile as SchedulerProfile,
} from './scheduler';
export {
  parseSelector,
  labelSelectorAsSelector,
  selectorFromSet,
  nodeSelectorMatches,
  Selector,
} from './api/labels';
export {
  ReplicaSetController,
  DeploymentController,
  StatefulSetController,
  DaemonSetController,
  JobController,
  CronJobController,
  DisruptionController,
  HpaController,
  podCpuUsageMilli,
  CPU_USAGE_ANNOTATION,
  type PodCpuUsage,
  TestKubelet,
  rollbackDeployment,
  restartDeployment,
  setDeploymentPaused,
  evictPod,
  EVICTION_REFUSED,
  REVISION as DEPLOYMENT_REVISION_ANNOTATION,
  type TestKubeletOptions,
} from './controllers';
export {
  BEHAVIOR_ANNOTATION,
  NODE_FAULT_ANNOTATION,
  DEFAULT_BEHAVIOR,
  parseBehavior,
  containerBehavior,
  formatBehavior,
  type ContainerBehavior,
  type PodBehavior,
} from './behavior';
export * from './network';
export {
  runCommand,
  parseCommand,
  executeCommand,
  tokenize,
  resolveResource,
  objectRef,
  type CommandResult,
  type CommandInput,
  type Command,
} from './commands';
export {
  printTable,
  tableHeader,
  tableRow,
  podCells,
  humanDuration,
  shortHumanDuration,
  rolloutStatus,
  toYaml,
  type TableOptions,
} from './printers';
// nodes, kubelets, storage, autoscaler
export {
  Kubelet,
  NodeAgent,
  UNPULLABLE_TAGS,
  PROBE_FAULT_ANNOTATION,
  imageSizeBytes,
  pullDurationMs,
  runProbe,
  type ProbeWorker,
  type ProbeType,
  type ProbeResult,
} from './kubelet';
export {
  nodeControllers,
  nodeAdmission,
  NodeIpamController,
  NodeLifecycleController,
  TaintEvictionController,
  ClusterAutoscaler,
  failNode,
  recoverNode,
  breakPod,
  healPod,
  podBreaks,
  originBehavior,
  type PodBreak,
  type ObjectGetter,
  defaultTolerationSeconds,
  templateNode as nodeGroupTemplateNode,
  NODE_GROUP_API_VERSION,
  NODE_GROUP_KIND,
  NODE_GROUP_LABEL,
  SERVERLESS_KEY,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_OUT_OF_SERVICE,
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  type NodeGroup,
} from './nodes';
export {
  PersistentVolumeController,
  AttachDetachController,
  VolumeProtectionController,
  storageAdmission,
  ANN_SELECTED_NODE,
  ANN_DEFAULT_CLASS,
  VolumeExpansionController,
  claimUpdateRefusal,
  RESIZE_MS,
  NODE_EXPAND_MS,
  type Refusal,
} from './storage';
export {
  parseScenario,
  isScenario,
  ScenarioRun,
  runScenario,
  lastStepAt,
  SCENARIO_API_VERSION,
  SCENARIO_KIND,
  type Scenario,
  type ScenarioStep,
  type ScenarioResult,
  type StepResult,
  type FieldLines,
} from './scenario';
// Workload revisions (StatefulSet, DaemonSet ControllerRevisions): `kubectl rollout history` and `undo`.
export { rollbackWorkload, workloadHistory, type RevisionedKind, type RevisionRow } from './controllers';
