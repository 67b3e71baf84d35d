import { isSimulatorKind, type KubeObject } from '../../engine';

/** Objects whose kind the simulation does not act on, by kind then name. */
export function notSimulated(
  objects: readonly KubeObject[],
  isSimulatedKind: (kind: string) => boolean,
): KubeObject[] {
  return objects
    .filter((o) => !isSimulatedKind(o.kind) && !isSimulatorKind(o.kind))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name));
}
