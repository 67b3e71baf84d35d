/**
 * store: the app's state in three slices. document (the authored design: objects, positions, seed;
 * undoable, saved locally), runtime (a mirror of the live Simulation, which the engine host runs in a Web
 * Worker or in-process, published in one commit per animation frame), session (selection, play state,
 * speed, panels, notices). Features read through the hooks and change things only through the commands.
 */
export {
  getSimulation,
  getTrafficMetrics,
  getSimVersion,
  getTopologyVersion,
  getReadinessVersion,
  subscribeFrame,
  subscribeTime,
  subscribeKey,
  subscribeKind,
  objectKeys,
  eventsFor,
  isPodReady,
  type SimulationView,
} from './runtime';
export {
  useSimVersion,
  useSimTime,
  useTopologyVersion,
  useReadinessVersion,
  useObjectKeys,
  useObjectsText,
  useObject,
  useEventsFor,
  useSelection,
  useSession,
  useDocument,
  useHistory,
  useTimelineEnd,
  useTimelineMarkers,
} from './hooks';
export {
  addObject,
  addObjects,
  updateObject,
  removeObject,
  removeObjects,
  moveObjects,
  loadDesign,
  undo,
  redo,
  play,
  pause,
  setSpeed,
  stepBy,
  stepTo,
  stepForward,
  stepBack,
  STEP_MS,
  seekTo,
  failNodeAction,
  recoverNodeAction,
  breakPodAction,
  sendTraffic,
  trafficSourceKey,
  MAX_TRAFFIC_RPS,
  type TrafficTargetRef,
  healPodAction,
  resetSimulation,
  runCommand,
  settle,
  engineSettled,
  type CommandOutcome,
} from './commands';
export { engineKind, enginePending, commitStats } from './engineClient';
export {
  select,
  selectMany,
  notify,
  keepRejectedImport,
  updateRejectedImport,
  dropRejectedImport,
  dismissNotice,
  togglePanel,
  requestFit,
  sessionStore,
  SPEEDS,
} from './session';
export type { Notice, RejectedImport, SessionState } from './session';
export { documentStore, authoredObject, type DocumentState, type XY } from './document';
export { startStore, type StartOptions } from './init';
export { STORAGE_KEY } from './persist';
export { TEMPLATES, exampleCluster, scaleCluster, standardStorageClass } from './templates';
export {
  importText,
  exportYaml,
  exportYamlOf,
  objectsToExport,
  designNamespaces,
  exportProject,
  loadSchemaListers,
  validateEdit,
  type ImportOutcome,
  type ImportStatus,
  type ImportOptions,
  type SchemaListers,
  type YamlExportOptions,
} from './io';
export {
  checkManifests,
  applyEdit,
  getEditDraft,
  setEditDraft,
  type EditCheck,
  type EditDraft,
  type EditOutcome,
  type ApplyEditOptions,
} from './edit';
export { frameStats, resetFrameStats } from './driver';
export { Timeline, applyInput, timelineMarkers } from './timeline';
export type { TimelineInput, TimelineEntry, TimelineEvent, TimelineMarker, PodFault } from './timeline';
export { getMarkers, getTimelineEnd, rewindCount, rewoundTo } from './timelineState';
export { shareLink, SHARE_PREFIX } from './share';
export * from './deck';
