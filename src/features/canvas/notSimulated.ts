import type { KubeObject } from '../../engine';

/** The simulator's own kinds: simulated, though no API server knows them. */
const SIMULATOR_KINDS = new Set(['NodeGroup', 'TrafficSource', 'Scenario']);

/** Objects whose kind the simulation does not act on, by kind then name. */
export function notSimulated(
  objects: readonly KubeObject[],
  isSimulatedKind: (kind: string) => boolean,
): KubeObject[] {
  return objects
    .filter((o) => !isSimulatedKind(o.kind) && !SIMULATOR_KINDS.has(o.kind))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name));
}
