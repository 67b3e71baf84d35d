/** The Charts feature: per-Service request rate, success rate and latency (mounted in the dock). */
export { Charts } from './Charts';
