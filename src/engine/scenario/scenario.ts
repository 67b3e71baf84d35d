/**
 * Scenario documents (`apiVersion: kubecanvas.dev/v1alpha1, kind: Scenario`): a seed and timed steps,
 * each a command line in the console's grammar, optionally with objects for `kubectl apply -f -`. The io
 * layer parses the YAML; this file reads the plain object it gives, with the line of each field when the
 * parser knows it, and checks every step's command before anything runs.
 */
import { parseDuration } from '../api/time';
import type { KubeObject } from '../api/types';
import { parseCommand } from '../commands';

/** The apiVersion and kind of a scenario document. */
export const SCENARIO_API_VERSION = 'kubecanvas.dev/v1alpha1';
export const SCENARIO_KIND = 'Scenario';

/** One timed step. `index` is its 0-based place in the document; `line` its line in the file, if known. */
export interface ScenarioStep {
  index: number;
  atMs: number;
  run: string;
  objects?: KubeObject[];
  line?: number;
}

/** A checked scenario: steps sorted by time (document order among equal times). */
export interface Scenario {
  name: string;
  seed?: number;
  steps: ScenarioStep[];
}

/** Where fields were written (`spec.steps[2].run` -> line), as io's ParsedObject.positions gives it. */
export type FieldLines = ReadonlyMap<string, { line: number }>;

/** A scenario, or every problem found, each naming the step and its line. */
export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** True when the object is a scenario document. */
export function isScenario(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return obj.apiVersion === SCENARIO_API_VERSION && obj.kind === SCENARIO_KIND;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function where(i: number, lines: FieldLines | undefined, field: string): string {
  const line = lines?.get(`spec.steps[${i}].${field}`)?.line ?? lines?.get(`spec.steps[${i}]`)?.line;
  return line === undefined ? `step ${i}` : `step ${i} (line ${line})`;
}

function readStep(
  raw: unknown,
  i: number,
  lines: FieldLines | undefined,
  errors: string[],
): ScenarioStep | undefined {
  if (!isRecord(raw)) {
    errors.push(`${where(i, lines, '')}: a step must be a mapping with "at" and "run"`);
    return undefined;
  }
  const atText = typeof raw['at'] === 'number' ? String(raw['at']) : raw['at'];
  const atMs = typeof atText === 'string' ? parseDuration(atText) : undefined;
  if (atMs === undefined)
    errors.push(
      `${where(i, lines, 'at')}: invalid "at" ${JSON.stringify(raw['at'])} (want a duration such as 30s, 5m, 1h30m)`,
    );
  const run = raw['run'];
  if (typeof run !== 'string' || run.trim() === '') {
    errors.push(`${where(i, lines, 'run')}: "run" must be a command line`);
    return undefined;
  }
  const parsed = parseCommand(run);
  if (!parsed.ok) errors.push(`${where(i, lines, 'run')}: ${parsed.error} (in "${run}")`);
  const objects = raw['objects'];
  if (objects !== undefined && (!Array.isArray(objects) || !objects.every(isRecord)))
    errors.push(`${where(i, lines, 'objects')}: "objects" must be a list of Kubernetes objects`);
  if (atMs === undefined || !parsed.ok) return undefined;
  const line = lines?.get(`spec.steps[${i}].run`)?.line ?? lines?.get(`spec.steps[${i}]`)?.line;
  return {
    index: i,
    atMs,
    run,
    ...(Array.isArray(objects) ? { objects: objects as KubeObject[] } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}

/** Reads and checks a scenario document; every step's command must parse. */
export function parseScenario(doc: Record<string, unknown>, lines?: FieldLines): ScenarioResult {
  const errors: string[] = [];
  if (!isScenario(doc)) return { ok: false, errors: [`not a Scenario (${SCENARIO_API_VERSION}) document`] };
  const meta = isRecord(doc['metadata']) ? doc['metadata'] : {};
  const spec = isRecord(doc['spec']) ? doc['spec'] : {};
  const seed = spec['seed'];
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed)))
    errors.push(`spec.seed: must be an integer, not ${JSON.stringify(seed)}`);
  const rawSteps = spec['steps'] ?? [];
  if (!Array.isArray(rawSteps)) return { ok: false, errors: [...errors, 'spec.steps: must be a list'] };
  const steps: ScenarioStep[] = [];
  rawSteps.forEach((raw, i) => {
    const step = readStep(raw, i, lines, errors);
    if (step) steps.push(step);
  });
  if (errors.length) return { ok: false, errors };
  steps.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  return {
    ok: true,
    scenario: {
      name: typeof meta['name'] === 'string' ? meta['name'] : 'scenario',
      ...(typeof seed === 'number' ? { seed } : {}),
      steps,
    },
  };
}
