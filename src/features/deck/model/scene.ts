/**
 * The ```scene block of a slide, YAML:
 *
 *   seed: 7                 # default 1
 *   speed: 10               # simulated ms per wall ms while presenting, default 1
 *   duration: 90s           # how long it runs after its last click; default: the last step + 30s
 *   design:                 # a list of objects, or:
 *     template: three-nodes # start from a template (templates.ts)
 *     objects: [...]        # then these Kubernetes objects
 *   steps:
 *   - at: 5s                # simulated time after the scene starts
 *     run: kubectl scale deployment/web --replicas=5
 *   - click: true           # runs at the presenter's next click, before the next slide (a fragment)
 *     at: 2s                # optional delay after that click
 *     run: kubecanvas node fail node-2
 */
import { stringify } from 'yaml';
import { parseDuration, type KubeObject } from '../../../engine';
import { isRecord, parseYaml } from './safeYaml';
import { SCENE_TEMPLATES, templateObjects, type TemplateRegistry } from './templates';
import type { Scene, SceneStep, Slide } from './types';
import { nextFence } from './deckMarkdown';

/** A parsed scene, or the problems that stop it (in words a deck author can act on). */
export type SceneResult = { scene: Scene; errors: [] } | { scene: null; errors: string[] };

const MARGIN_MS = 30_000;

/** Parses a scene block's YAML text; `templates` are the names `design.template` may use. */
export function parseScene(text: string, templates: TemplateRegistry = SCENE_TEMPLATES): SceneResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { scene: null, errors: [`scene: ${parsed.error}`] };
  if (!isRecord(parsed.value))
    return { scene: null, errors: ['scene: expected a mapping with design and steps'] };
  const v = parsed.value;
  const errors: string[] = [];
  const seed = v['seed'] ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) errors.push('scene: seed must be an integer');
  const speed = v['speed'] ?? 1;
  if (typeof speed !== 'number' || !(speed > 0)) errors.push('scene: speed must be a positive number');
  const design = parseDesign(v['design'], errors, templates);
  const steps = parseSteps(v['steps'], errors);
  const last = Math.max(0, ...steps.filter((s) => !s.click).map((s) => s.atMs));
  const clicks = steps.filter((s) => s.click).reduce((sum, s) => sum + s.atMs, 0);
  let durationMs = last + clicks + MARGIN_MS;
  if (v['duration'] !== undefined) durationMs = time(v['duration'], 'duration', errors) ?? durationMs;
  if (errors.length) return { scene: null, errors };
  const scene: Scene = { ...design, seed: seed as number, speed: speed as number, steps, durationMs };
  return { scene, errors: [] };
}

function parseDesign(
  d: unknown,
  errors: string[],
  templates: TemplateRegistry,
): Pick<Scene, 'objects' | 'template'> {
  if (d === undefined || d === null) return { objects: [] };
  if (Array.isArray(d)) return { objects: parseObjects(d, errors) };
  if (!isRecord(d)) {
    errors.push('scene: design must be a list of objects or {template, objects}');
    return { objects: [] };
  }
  const inline = d['objects'] === undefined ? [] : Array.isArray(d['objects']) ? d['objects'] : null;
  if (inline === null) errors.push('scene: design.objects must be a list');
  const objects = parseObjects(inline ?? [], errors);
  const name = d['template'];
  if (name === undefined) return { objects };
  const base = typeof name === 'string' ? templateObjects(name, templates) : undefined;
  if (!base) {
    errors.push(`scene: unknown template "${String(name)}"`);
    return { objects };
  }
  return { objects: [...base, ...objects], template: name as string };
}

function parseObjects(list: unknown[], errors: string[]): KubeObject[] {
  const out: KubeObject[] = [];
  list.forEach((o, i) => {
    const meta = isRecord(o) ? o['metadata'] : undefined;
    if (
      !isRecord(o) ||
      typeof o['apiVersion'] !== 'string' ||
      typeof o['kind'] !== 'string' ||
      !isRecord(meta) ||
      typeof meta['name'] !== 'string'
    ) {
      errors.push(`scene: object ${i + 1} needs apiVersion, kind and metadata.name`);
      return;
    }
    out.push(o as unknown as KubeObject);
  });
  return out;
}

function parseSteps(s: unknown, errors: string[]): SceneStep[] {
  if (s === undefined || s === null) return [];
  if (!Array.isArray(s)) {
    errors.push('scene: steps must be a list');
    return [];
  }
  const steps: SceneStep[] = [];
  s.forEach((step, i) => {
    const where = `scene: step ${i + 1}`;
    if (!isRecord(step) || typeof step['run'] !== 'string' || step['run'].trim() === '') {
      errors.push(`${where} needs run: "<command>"`);
      return;
    }
    const atMs = step['at'] === undefined ? 0 : time(step['at'], `${where} at`, errors);
    if (atMs === undefined) return;
    steps.push({ atMs, click: step['click'] === true, run: step['run'].trim() });
  });
  return steps;
}

function time(v: unknown, what: string, errors: string[]): number | undefined {
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? parseDuration(v.trim()) : undefined;
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    errors.push(`${what}: "${String(v)}" is not a duration like 30s, 2m or 1m30s`);
    return undefined;
  }
  return ms;
}

/** The text of the slide's first ```scene block, or null. */
export function sceneBlock(slide: Slide): string | null {
  return fencedBlocks(slide.body).find((b) => b.lang === 'scene')?.text ?? null;
}

/** The slide's scene (null when it has none). */
export function slideScene(slide: Slide, templates: TemplateRegistry = SCENE_TEMPLATES): SceneResult | null {
  const text = sceneBlock(slide);
  return text === null ? null : parseScene(text, templates);
}

/** Fenced blocks of a Markdown body, with their info word and text. */
export function fencedBlocks(body: string): { lang: string; text: string; start: number; end: number }[] {
  const out: { lang: string; text: string; start: number; end: number }[] = [];
  const lines = body.split('\n');
  let fence: string | null = null;
  let start = 0;
  let lang = '';
  lines.forEach((line, i) => {
    const before = fence;
    fence = nextFence(line, fence);
    if (before === null && fence !== null) {
      start = i;
      lang =
        line
          .trim()
          .replace(/^[`~]+/, '')
          .trim()
          .split(/\s+/)[0] ?? '';
    } else if (before !== null && fence === null) {
      out.push({ lang, text: lines.slice(start + 1, i).join('\n'), start, end: i });
    }
  });
  return out;
}

/**
 * YAML of a scene made from a live design (the "capture the canvas" action). The other settings of the
 * scene it replaces (steps, speed, duration) are kept, so a rehearsed sequence survives a new design.
 */
export function sceneYaml(objects: KubeObject[], seed: number, previous?: string | null): string {
  const old = previous ? parseYaml(previous) : null;
  const keep = old?.ok && isRecord(old.value) ? old.value : {};
  const scene = { seed, ...keep, design: { objects } };
  scene.seed = seed;
  return stringify(scene, { lineWidth: 0, aliasDuplicateObjects: false }).trimEnd();
}

/** The slide with its ```scene block replaced (or added at the end) by the given YAML. */
export function withSceneBlock(slide: Slide, yamlText: string): Slide {
  const block = ['```scene', yamlText, '```'];
  const lines = slide.body.split('\n');
  const existing = fencedBlocks(slide.body).find((b) => b.lang === 'scene');
  if (existing) lines.splice(existing.start, existing.end - existing.start + 1, ...block);
  else lines.push(...(slide.body.trim() ? ['', ...block] : block));
  return { ...slide, body: lines.join('\n') };
}
