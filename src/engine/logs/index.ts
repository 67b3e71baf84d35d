/** Simulated container logs, derived on demand from the simulation (see containerLog.ts). */
export {
  containerLog,
  allContainerNames,
  logTimestamp,
  MAX_LOG_LINES,
  MAX_REQUEST_LINES_PER_SECOND,
  type LogLine,
  type LogResult,
} from './containerLog';
export { firstPodForLogs, byLogging } from './pickPod';
export {
  readLog,
  logSince,
  limitLogBytes,
  utf8Length,
  type LogReadOptions,
  type LimitedLine,
} from './readLog';
