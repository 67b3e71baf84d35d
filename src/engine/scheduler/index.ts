/** The scheduler's public API (re-exported by src/engine/index.ts). */
export { Scheduler, type SchedulerOptions } from './scheduler';
export { explainPod, type PodExplanation, type NodeExplanation, type FilterVerdict } from './explain';
export { parseSchedulerConfiguration, defaultProfile, buildProfile, type Profile } from './profile';
export { Snapshot, NodeInfo } from './framework/nodeInfo';
export { schedulePod, fitErrorMessage, type CycleResult } from './framework/cycle';
export { numFeasibleNodesToFind } from './framework/runtime';
