/**
 * The project file: everything a design is made of (authored objects, canvas layout, decks, scenario) as
 * JSON with a `formatVersion`. Older versions are migrated on load, one version at a time; a newer version
 * than this build knows is refused rather than half-read.
 */
import { canonicalKey, type KubeObject } from '../engine';
import { DEPTH_MESSAGE, isRecord, LIMITS } from './parse';

/** The format version this build writes. */
export const PROJECT_FORMAT_VERSION = 2;

/** A whole project. `decks` and `scenario` are owned by their features; io keeps them as given. */
export interface Project {
  formatVersion: number;
  objects: KubeObject[];
  /** Canvas position of each object by object key (`keyOf`). */
  layout: Record<string, { x: number; y: number }>;
  decks: unknown[];
  scenario: unknown;
}

/** Serializes a project (stable, pretty JSON). */
export function saveProject(project: Omit<Project, 'formatVersion'>): string {
  return `${JSON.stringify({ formatVersion: PROJECT_FORMAT_VERSION, ...project }, null, 2)}\n`;
}

/** Why a project file could not be loaded. */
export class ProjectError extends Error {}

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations from version N to N+1, by N. Version 1 (the first pre-release) wrote `positions` as a list of
 * `{ key, x, y }` and had no decks or scenario.
 */
const MIGRATIONS: Record<number, Migration> = {
  1: (old) => {
    const positions = Array.isArray(old['positions'])
      ? (old['positions'] as { key: string; x: number; y: number }[])
      : [];
    const { positions: _drop, ...rest } = old;
    return {
      ...rest,
      formatVersion: 2,
      layout: Object.fromEntries(positions.map((p) => [p.key, { x: p.x, y: p.y }])),
      decks: [],
      scenario: null,
    };
  },
};

/** Reads a project file of this or any older version; throws ProjectError for anything else. */
export function loadProject(text: string): Project {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ProjectError(`not a kubecanvas project file: ${(e as Error).message}`);
  }
  if (!isRecord(data) || typeof data['formatVersion'] !== 'number')
    throw new ProjectError('not a kubecanvas project file: formatVersion is missing');
  let doc = data;
  const from = doc['formatVersion'] as number;
  if (from > PROJECT_FORMAT_VERSION)
    throw new ProjectError(
      `this project was saved by a newer kubecanvas (format ${from}; this one reads up to ${PROJECT_FORMAT_VERSION})`,
    );
  for (let v = from; v < PROJECT_FORMAT_VERSION; v++) {
    const m = MIGRATIONS[v];
    if (!m) throw new ProjectError(`no migration from project format ${v}`);
    doc = m(doc);
  }
  if (!Array.isArray(doc['objects'])) throw new ProjectError('project file has no objects list');
  // The engine and every walker recurse: a project nested deeper than manifests may be is refused too.
  if (deeperThan(doc['objects'], LIMITS.maxDepth + 1)) throw new ProjectError(DEPTH_MESSAGE);
  return {
    formatVersion: PROJECT_FORMAT_VERSION,
    objects: doc['objects'] as KubeObject[],
    layout: isRecord(doc['layout'])
      ? Object.fromEntries(
          Object.entries(doc['layout'] as Project['layout']).map(([k, p]) => [canonicalKey(k), p]),
        )
      : {},
    decks: Array.isArray(doc['decks']) ? doc['decks'] : [],
    scenario: doc['scenario'] ?? null,
  };
}

/** Whether a JSON value nests deeper than `limit` (without recursion, so any depth is safe to ask). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
