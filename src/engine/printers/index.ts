/**
 * kubectl's printers over engine objects: `kubectl get` tables (-o wide, -A), pod STATUS as kubectl
 * computes it, ages as duration.HumanDuration, rollout status messages, and -o yaml text.
 */
export { humanDuration, shortHumanDuration } from './duration';
export { podCells, type PodCells } from './podStatus';
export { formatTable } from './tabwriter';
export { printTable, tableHeader, tableRow, type TableOptions } from './table';
export { formatLabels, formatLabelSelector, age } from './rows';
export { rolloutStatus, type RolloutStatus } from './rolloutStatus';
export { toYaml } from './yaml';
