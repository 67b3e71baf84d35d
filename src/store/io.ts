/**
 * Import and export commands. The io layer (YAML parser, schema) is loaded on first use, so it stays out
 * of the initial bundle; manifests are parsed and validated in a Web Worker (./importWorker.ts) so a big
 * file never freezes the page. An import either applies every object (one undo entry) or changes nothing
 * and reports each problem as `file:line:column Kind name: message`.
 */
import { isClusterScoped, isSimulatedInfrastructure, keyOf, type KubeObject } from '../engine';
import type { Issue } from '../io';
import { loadDesign } from './commands';
import { documentStore, HISTORY_LIMIT, normalizeObject, withObjects } from './document';
import type { ImportReply, ImportRequest, WorkerTimings } from './importWorker';
import { rememberWireJson } from './engineClient';
import { rememberJson } from './persist';
import { getSimulation, objectKeys } from './runtime';
import { updateRefusal } from './validateEdit';
import { dismissNotice, notify, requestFit, updateNotice } from './session';
import { decksForProject, loadDecks } from './deck';

/**
 * Where the time of a valid import went, in wall ms (the bench reports it). Page figures are sums of the
 * tasks that did the work; `loaded` is from the call until the design holds every object.
 */
export interface ImportTimings {
  /** The worker's parse, validation and JSON writing (absent without a worker). */
  worker?: WorkerTimings;
  /** The page: parsing the objects' JSON as the chunks arrived. */
  receive: number;
  /** The page: loading the objects into the design (the document store, its subscribers). */
  load: number;
  loaded: number;
  /** How many import workers read the text at once (2: a big file read in two parts). */
  workers?: number;
}

/** The outcome of an import, for the caller to show or test. */
export type ImportOutcome =
  { ok: true; count: number; timings?: ImportTimings } | { ok: false; errors: string[]; cancelled?: boolean };

/** How far an import is: reading, validating (in a Web Worker), or loading into the design. */
export interface ImportStatus {
  phase: 'parsing' | 'validating' | 'loading';
  done: number;
  total: number;
}

/** Options of importText. */
export interface ImportOptions {
  /** Hears how far the import is. */
  onProgress?: (status: ImportStatus) => void;
  /** Aborting cancels the import; the design is left as it was before it. */
  signal?: AbortSignal;
}

/** Texts at least this long show a progress notice with a Cancel button. */
export const PROGRESS_NOTICE_BYTES = 256 * 1024;

function namespaces(): Set<string> {
  const sim = getSimulation();
  return new Set(objectKeys('Namespace').map((k) => sim.store.getByKey(k)?.metadata.name ?? ''));
}

const PHASE_LABEL: Record<ImportStatus['phase'], string> = {
  parsing: 'Reading',
  validating: 'Validating',
  loading: 'Loading',
};

/**
 * Imports manifest text (YAML or JSON, one or many documents) or a project file into the design.
 * Manifests are added to the design (same kind and name replaces, as kubectl apply); a project replaces it.
 * Parsing and validation run in a Web Worker (in the calling thread where there is none, e.g. tests); the
 * validated objects are loaded in small batches, one undo entry in all. A big text shows its progress in a
 * notice with a Cancel button; cancelling leaves the design as it was.
 */
export async function importText(
  text: string,
  file: string,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  if (/^\s*\{/.test(text) && text.includes('"formatVersion"')) return openProject(text, file);
  const controller = new AbortController();
  const { signal } = options;
  if (signal?.aborted) return cancelled(file);
  signal?.addEventListener('abort', () => controller.abort(), { once: true });
  let noticeId: number | undefined;
  let lastShown = 0;
  const report = (status: ImportStatus): void => {
    options.onProgress?.(status);
    if (noticeId === undefined) return;
    const now = performance.now();
    if (now - lastShown < 100 && status.done < status.total) return;
    lastShown = now;
    const pct = status.total ? Math.round((status.done / status.total) * 100) : 0;
    updateNotice(noticeId, {
      progress: { label: `${PHASE_LABEL[status.phase]} ${pct}%`, done: status.done, total: status.total },
    });
  };
  if (text.length >= PROGRESS_NOTICE_BYTES) {
    noticeId = notify('info', `Importing ${file}`);
    updateNotice(noticeId, {
      progress: { label: 'Reading 0%', done: 0, total: 1 },
      onCancel: () => controller.abort(),
    });
  }
  try {
    const outcome = await importManifestText(text, file, report, controller.signal);
    if (noticeId !== undefined) dismissNotice(noticeId);
    if (outcome === 'cancelled') return cancelled(file);
    if (!outcome.ok) {
      const errors = outcome.issues.filter((i) => i.severity === 'error').map(formatIssue);
      notify('error', 'Import failed; nothing was changed', errors);
      return { ok: false, errors };
    }
    if (outcome.count > 3) requestFit();
    notify(
      'info',
      `Imported ${outcome.count} object${outcome.count === 1 ? '' : 's'} from ${file}`,
      outcome.warnings.map(formatIssue),
    );
    return { ok: true, count: outcome.count, timings: outcome.timings };
  } catch (e) {
    if (noticeId !== undefined) dismissNotice(noticeId);
    const errors = [`${file}: ${(e as Error).message}`];
    notify('error', 'Import failed; nothing was changed', errors);
    return { ok: false, errors };
  }
}

function cancelled(file: string): ImportOutcome {
  notify('info', `Import of ${file} cancelled; nothing was changed`);
  return { ok: false, errors: [], cancelled: true };
}

async function openProject(text: string, file: string): Promise<ImportOutcome> {
  const io = await import('../io');
  try {
    const project = io.loadProject(text);
    loadDesign(project.objects, { positions: project.layout });
    if (project.decks.length > 0) loadDecks(project.decks);
    notify('info', `Opened ${file}`, [`${project.objects.length} objects`]);
    return { ok: true, count: project.objects.length };
  } catch (e) {
    const errors = [`${file}: ${(e as Error).message}`];
    notify('error', 'Import failed; nothing was changed', errors);
    return { ok: false, errors };
  }
}

/** io's `format`, without loading io: `file:line:column Kind name: message`. */
function formatIssue(issue: Issue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  return issue.object
    ? `${where} ${issue.object}: ${prefix}${issue.message}`
    : `${where} ${prefix}${issue.message}`;
}

type Checked =
  { ok: true; count: number; warnings: Issue[]; timings: ImportTimings } | { ok: false; issues: Issue[] };

/**
 * The most objects loaded into the design in one step. Each step is its own task (the progress notice
 * moves between them) and costs a redraw of the canvas, so a file loads in as few equal steps as this
 * allows: 1,000 objects in one, the 3 MB file of 2,010 in three.
 */
export const STEP = 1000;

const now = (): number => performance.now();

/**
 * Texts at least this long are read in two parts at once (two import workers, on two cores) when the
 * second worker is ready: parsing and validation take about half the time.
 */
export const PARALLEL_BYTES = 64 * 1024;

let worker: Worker | undefined;
/** The second import worker, started when an import has finished; `ready` once its schema is loaded. */
let helper: { worker: Worker; ready: boolean } | undefined;
let requestId = 0;

const newImportWorker = (): Worker =>
  new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });

/** The import worker, started on first use and kept (its schema stays loaded) until an import is cancelled. */
function importWorker(): Worker {
  worker ??= newImportWorker();
  return worker;
}

/** The import worker that has read the warm-up manifest (a new one, after a cancel, reads it again). */
let warmed: Worker | undefined;

/**
 * After an import (not during one: a small import never waits for this, and the first big one reads in
 * one worker as before): the import worker reads a warm-up manifest once, at idle, so the next big file
 * is read by compiled code; and the second import worker starts, loads the schema and warms up too.
 */
function warmWorkers(): void {
  if (typeof Worker === 'undefined') return;
  if (worker && warmed !== worker) {
    warmed = worker;
    // Its answer (`ready`, or an error a real import would meet again) is for no one.
    worker.postMessage({ id: ++requestId, warm: true } satisfies ImportRequest);
  }
  if (helper) return;
  const h = { worker: newImportWorker(), ready: false };
  helper = h;
  const id = ++requestId;
  const drop = (): void => {
    h.worker.terminate();
    if (helper === h) helper = undefined;
  };
  h.worker.addEventListener('message', (e: MessageEvent<ImportReply>) => {
    if (e.data.id !== id) return;
    if (e.data.type === 'ready') h.ready = true;
    else drop();
  });
  h.worker.addEventListener('error', drop);
  h.worker.postMessage({ id, warm: true } satisfies ImportRequest);
}

/** Ends both import workers (a cancelled import: they may be mid-parse; the next import starts anew). */
function endWorkers(): void {
  worker?.terminate();
  worker = undefined;
  helper?.worker.terminate();
  helper = undefined;
}

/**
 * Where the text splits into two runs of whole documents, at the first line starting with `---` after
 * its middle (as io's fast path splits documents), or -1.
 */
export function splitPoint(text: string): number {
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  marker.lastIndex = text.length >> 1;
  const m = marker.exec(text);
  return m ? m.index : -1;
}

/** Parses and validates (in the worker when there is one), then loads the objects in batches. */
async function importManifestText(
  text: string,
  file: string,
  report: (s: ImportStatus) => void,
  signal: AbortSignal,
): Promise<Checked | 'cancelled'> {
  const started = now();
  const target = namespaces();
  if (typeof Worker === 'undefined') {
    const io = await import('../io');
    const result = await io.importManifests(text, file, { namespaces: target });
    if (signal.aborted) return 'cancelled';
    if (!result.ok) return result;
    const load = new BatchLoad();
    load.add(result.objects);
    load.finish();
    const timings = { receive: 0, load: load.ms, loaded: now() - started };
    return { ok: true, count: result.objects.length, warnings: result.warnings, timings };
  }
  try {
    const split = text.length >= PARALLEL_BYTES && helper?.ready ? splitPoint(text) : -1;
    if (split > 0) {
      const parts = await importInParts(text, split, file, target, report, signal, started);
      if (parts !== 'slow') return parts;
    }
    return await importInOneWorker(text, file, target, report, signal, started);
  } finally {
    if (!signal.aborted) warmWorkers();
  }
}

/** Reads the whole text in the import worker, loading whole steps as the objects arrive. */
function importInOneWorker(
  text: string,
  file: string,
  target: Set<string>,
  report: (s: ImportStatus) => void,
  signal: AbortSignal,
  started: number,
): Promise<Checked | 'cancelled'> {
  const w = importWorker();
  const id = ++requestId;
  return new Promise((resolve, reject) => {
    const load = new BatchLoad();
    /** Objects received and not loaded yet, and how many came in all. */
    let pending: KubeObject[] = [];
    let received = 0;
    let receiveMs = 0;
    const stop = (): void => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const end = (): void => {
      // The worker may be mid-parse: end it (the next import starts a new one).
      w.terminate();
      if (worker === w) worker = undefined;
      load.rollBack();
    };
    const onAbort = (): void => {
      stop();
      end();
      endWorkers();
      resolve('cancelled');
    };
    const onError = (e: ErrorEvent): void => {
      stop();
      end();
      reject(new Error(e.message || 'the import worker failed'));
    };
    const onMessage = (e: MessageEvent<ImportReply>): void => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') return report({ phase: m.phase, done: m.done, total: m.total });
      if (m.type === 'objects') {
        const t0 = now();
        const objects = receive(m);
        receiveMs += now() - t0;
        for (const o of objects) pending.push(o);
        received += objects.length;
        // Whole steps load as they fill; the last one with `done`, which brings the warnings.
        const step = Math.ceil(m.total / Math.max(1, Math.ceil(m.total / STEP)));
        if (pending.length >= step && received < m.total) {
          load.add(pending.slice(0, step));
          pending = pending.slice(step);
        }
        return report({ phase: 'loading', done: received, total: m.total });
      }
      if (m.type === 'ready' || m.type === 'slow') return;
      stop();
      if (m.type === 'done') {
        load.add(pending);
        load.finish();
        const loaded = now();
        performance.measure?.('kubecanvas import', { start: started, end: loaded });
        const timings = {
          worker: m.timings,
          receive: receiveMs,
          load: load.ms,
          loaded: loaded - started,
          workers: 1,
        };
        resolve({ ok: true, count: m.count, warnings: m.warnings, timings });
      } else if (m.type === 'issues') resolve({ ok: false, issues: m.issues });
      else {
        end();
        reject(new Error(m.message));
      }
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
    const request: ImportRequest = { id, text, file, namespaces: [...target] };
    w.postMessage(request);
  });
}

/** The objects of an `objects` message (their JSON kept for the local save). */
function receive(m: Extract<ImportReply, { type: 'objects' }>): KubeObject[] {
  if (!('json' in m)) return m.objects;
  const objects = JSON.parse(`[${m.json.join(',')}]`) as KubeObject[];
  objects.forEach((o, i) => {
    rememberJson(o, m.json[i] as string);
    rememberWireJson(o, m.json[i] as string);
  });
  return objects;
}

/** What one part's worker sent: its objects and their apply ranks, then its `done`. */
interface Part {
  objects: KubeObject[];
  ranks: number[];
  done?: Extract<ImportReply, { type: 'done' }>;
  status: ImportStatus;
}

/**
 * Reads the text in two parts at once (the import worker and the second one), each a run of whole
 * documents; when both are plainly valid and every namespace they need exists or is created by the file,
 * merges their objects into apply order and loads them in steps. 'slow' when a part is not plainly valid
 * or a worker failed: the caller then imports the whole file in one worker (the messages of an invalid
 * file come from there). Nothing is loaded before both parts are read.
 */
function importInParts(
  text: string,
  split: number,
  file: string,
  target: Set<string>,
  report: (s: ImportStatus) => void,
  signal: AbortSignal,
  started: number,
): Promise<Checked | 'cancelled' | 'slow'> {
  const workers = [importWorker(), (helper as { worker: Worker }).worker];
  const texts = [text.slice(0, split), text.slice(split)];
  const ids = workers.map(() => ++requestId);
  const parts: Part[] = ids.map(() => ({
    objects: [],
    ranks: [],
    status: { phase: 'parsing', done: 0, total: 1 },
  }));
  let receiveMs = 0;
  return new Promise((resolve) => {
    const listeners = workers.map((w, n) => {
      const onMessage = (e: MessageEvent<ImportReply>): void => {
        const m = e.data;
        if (m.id !== ids[n]) return;
        const part = parts[n] as Part;
        if (m.type === 'progress') part.status = { phase: m.phase, done: m.done, total: m.total };
        else if (m.type === 'objects') {
          const t0 = now();
          for (const o of receive(m)) part.objects.push(o);
          for (const r of m.ranks ?? []) part.ranks.push(r);
          receiveMs += now() - t0;
          part.status = { phase: 'loading', done: part.objects.length, total: m.total };
        } else if (m.type === 'done') {
          part.done = m;
          if (parts.every((p) => p.done)) return finish();
        } else if (m.type !== 'ready') return settle('slow');
        const all = parts.map((p) => p.status);
        const phase = all.some((s) => s.phase === 'parsing')
          ? 'parsing'
          : all.some((s) => s.phase === 'validating')
            ? 'validating'
            : 'loading';
        report({
          phase,
          done: all.reduce((a, s) => a + s.done, 0),
          total: all.reduce((a, s) => a + s.total, 0),
        });
      };
      const onError = (): void => {
        // This worker failed: the whole file goes to one (new) worker.
        if (n === 0) {
          w.terminate();
          worker = undefined;
        } else {
          w.terminate();
          helper = undefined;
        }
        settle('slow');
      };
      w.addEventListener('message', onMessage);
      w.addEventListener('error', onError);
      return { onMessage, onError };
    });
    const stop = (): void => {
      workers.forEach((w, n) => {
        const l = listeners[n] as (typeof listeners)[number];
        w.removeEventListener('message', l.onMessage);
        w.removeEventListener('error', l.onError);
      });
      signal.removeEventListener('abort', onAbort);
    };
    let settled = false;
    const settle = (outcome: Checked | 'cancelled' | 'slow'): void => {
      if (settled) return;
      settled = true;
      stop();
      resolve(outcome);
    };
    const onAbort = (): void => {
      endWorkers();
      settle('cancelled');
    };
    const finish = (): void => {
      const creates = new Set(parts.flatMap((p) => p.done?.creates ?? []));
      if (parts.some((p) => (p.done?.needs ?? []).some((ns) => !creates.has(ns)))) return settle('slow');
      stop();
      settled = true;
      void loadInSteps(mergeByRank(parts), report, signal).then((load) => {
        if (!load) return resolve('cancelled');
        const loaded = now();
        performance.measure?.('kubecanvas import', { start: started, end: loaded });
        const timings = parts.map((p) => (p.done as Extract<ImportReply, { type: 'done' }>).timings);
        const worst = (k: keyof WorkerTimings): number => Math.max(...timings.map((t) => t[k]));
        resolve({
          ok: true,
          count: parts.reduce((a, p) => a + p.objects.length, 0),
          warnings: [],
          timings: {
            worker: { parse: worst('parse'), validate: worst('validate'), serialize: worst('serialize') },
            workers: 2,
            receive: receiveMs,
            load: load.ms,
            loaded: loaded - started,
          },
        });
      });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    workers.forEach((w, n) => {
      const request: ImportRequest = {
        id: ids[n] as number,
        text: texts[n] as string,
        file,
        namespaces: [...target],
        wholeLength: text.length,
      };
      w.postMessage(request);
    });
  });
}

/** The parts' objects in apply order: by rank, and in the text's order within a rank (a stable merge). */
export function mergeByRank(
  parts: ReadonlyArray<{ objects: readonly KubeObject[]; ranks: readonly number[] }>,
): KubeObject[] {
  const [a, b] = parts as [Part, Part];
  const out: KubeObject[] = [];
  let i = 0;
  let j = 0;
  while (i < a.objects.length || j < b.objects.length) {
    const takeA = j >= b.objects.length || (i < a.objects.length && (a.ranks[i] ?? 0) <= (b.ranks[j] ?? 0));
    out.push((takeA ? a.objects[i++] : b.objects[j++]) as KubeObject);
  }
  return out;
}

/**
 * Loads objects in equal steps of at most STEP, each in a task of its own (the progress notice moves
 * between them); undefined when cancelled meanwhile (the design is then as it was).
 */
async function loadInSteps(
  objects: readonly KubeObject[],
  report: (s: ImportStatus) => void,
  signal: AbortSignal,
): Promise<BatchLoad | undefined> {
  const load = new BatchLoad();
  const total = objects.length;
  const step = Math.ceil(total / Math.max(1, Math.ceil(total / STEP)));
  for (let i = 0; i < total; i += step) {
    if (i > 0) await new Promise((r) => setTimeout(r, 0));
    if (signal.aborted) {
      load.rollBack();
      return undefined;
    }
    load.add(objects.slice(i, i + step));
    report({ phase: 'loading', done: Math.min(total, i + step), total });
  }
  load.finish();
  return load;
}

/**
 * Loads objects into the design a batch at a time (the simulation follows each batch), recording one undo
 * entry for the whole import when it finishes; rolled back, the design is as it was before.
 */
class BatchLoad {
  private readonly before = documentStore.getState();
  private readonly keys = new Set<string>();
  private started = false;

  /** Wall ms spent loading (the document store and what follows it: the engine input, the canvas). */
  ms = 0;

  add(objects: readonly KubeObject[]): void {
    if (objects.length === 0) return;
    const t0 = now();
    if (!this.started) {
      this.started = true;
      documentStore.temporal.getState().pause();
    }
    const normalized = objects.map(normalizeObject);
    for (const o of normalized) this.keys.add(keyOf(o));
    const s = documentStore.getState();
    documentStore.setState({ objects: withObjects(s.objects, normalized) });
    this.ms += now() - t0;
  }

  finish(): void {
    if (!this.started) return;
    documentStore.temporal.getState().resume();
    const { objects, positions, seed } = this.before;
    documentStore.temporal.setState((t) => ({
      pastStates: [...t.pastStates, { objects, positions, seed }].slice(-HISTORY_LIMIT),
      futureStates: [],
    }));
  }

  /** Takes the loaded objects out again (replaced ones come back); other changes meanwhile stay. */
  rollBack(): void {
    if (!this.started) return;
    const old = new Map(this.before.objects.map((o) => [keyOf(o), o]));
    const objects: KubeObject[] = [];
    for (const o of documentStore.getState().objects) {
      const key = keyOf(o);
      if (!this.keys.has(key)) objects.push(o);
      else if (old.has(key)) objects.push(old.get(key) as KubeObject);
    }
    documentStore.setState({ objects });
    documentStore.temporal.getState().resume();
    this.started = false;
  }
}

/**
 * The authored design (or only the objects with the given keys) as one multi-document YAML file, in
 * apply order (kubectl apply -f accepts it).
 */
export async function exportYaml(includeSimulation = false, keys?: readonly string[]): Promise<string> {
  const io = await import('../io');
  const selection = keys ? new Set(keys) : undefined;
  return io.exportManifests(documentStore.getState().objects, {
    includeSimulation,
    ...(selection ? { selection } : {}),
  });
}

/** What exportYamlOf writes: the whole design, the objects with these keys, or one namespace. */
export interface YamlExportOptions {
  includeSimulation?: boolean;
  keys?: readonly string[];
  /** Only this namespace's objects (and the Namespace itself); cluster-scoped objects are left out. */
  namespace?: string;
}

/**
 * The authored objects exportYamlOf would write with these options (the same choice as the io layer's
 * exportManifests, worked out here so a menu can count them without loading io).
 */
export function objectsToExport(options: YamlExportOptions = {}): KubeObject[] {
  const keys = options.keys ? new Set(options.keys) : undefined;
  return documentStore
    .getState()
    .objects.filter(
      (o) =>
        (options.includeSimulation === true || !isSimulatedInfrastructure(o)) &&
        (!keys || keys.has(keyOf(o))) &&
        (options.namespace === undefined ||
          (!isClusterScoped(o.kind) && (o.metadata.namespace ?? 'default') === options.namespace) ||
          (o.kind === 'Namespace' && o.metadata.name === options.namespace)),
    );
}

/** The namespaces of the design: those it creates and those its objects are in, sorted. */
export function designNamespaces(objects: readonly KubeObject[]): string[] {
  const names = new Set<string>();
  for (const o of objects)
    if (o.kind === 'Namespace') names.add(o.metadata.name);
    else if (!isClusterScoped(o.kind)) names.add(o.metadata.namespace ?? 'default');
  return [...names].sort();
}

/** The authored design, or a part of it, as one multi-document YAML file in apply order. */
export async function exportYamlOf(options: YamlExportOptions = {}): Promise<string> {
  const io = await import('../io');
  return io.exportManifests(documentStore.getState().objects, {
    includeSimulation: options.includeSimulation ?? false,
    ...(options.keys ? { selection: new Set(options.keys) } : {}),
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
  });
}

/** The whole project (objects, layout, the user's decks) as a project file. */
export async function exportProject(): Promise<string> {
  const io = await import('../io');
  const { objects, positions } = documentStore.getState();
  const keys = new Set(objects.map(keyOf));
  const layout = Object.fromEntries(
    Object.entries(positions).filter(([k]) => keys.has(k) || k.startsWith('area:')),
  );
  return io.saveProject({ objects, layout, decks: decksForProject(), scenario: null });
}

/** Field names and enum values the schema allows at a path of a kind (the YAML editor's completion). */
export interface SchemaListers {
  listFields: (apiVersion: string, kind: string, path: string[]) => readonly string[];
  listValues: (apiVersion: string, kind: string, path: string[]) => readonly string[];
}

/** Loads io and the Kubernetes schema (lazy chunks) and answers what completion may offer. */
export async function loadSchemaListers(): Promise<SchemaListers> {
  const io = await import('../io');
  const schema = await io.loadSchema();
  return {
    listFields: (apiVersion, kind, path) => io.fieldsAt(schema, apiVersion, kind, path),
    listValues: (apiVersion, kind, path) => io.valuesAt(schema, apiVersion, kind, path),
  };
}

/**
 * What the API server would refuse in an edit (the inspector's forms): the problems the edited object has
 * that it did not have before, in the io layer's validation words (schema types, enums, names, labels,
 * quantities, a selector that does not match its template). Empty when the edit is valid. Loads io and the
 * Kubernetes schema lazily, once. Then the checks that read the cluster (`updateRefusal`: a claim's size).
 */
export async function validateEdit(before: KubeObject, after: KubeObject): Promise<string[]> {
  const io = await import('../io');
  const schema = await io.loadSchema();
  const problems = (o: KubeObject): string[] =>
    io
      .validateObjects(
        [{ object: o as unknown as Record<string, unknown>, file: '', positions: new Map() }],
        schema,
      )
      .filter((i) => i.severity === 'error')
      .map((i) => i.message);
  const had = new Set(problems(before));
  const refusal = updateRefusal(getSimulation(), after);
  return [...problems(after).filter((m) => !had.has(m)), ...(refusal ? [refusal] : [])];
}
