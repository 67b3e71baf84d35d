/**
 * Import and export commands. The io layer (YAML parser, schema) is loaded on first use, so it stays out
 * of the initial bundle; manifests are parsed and validated in a Web Worker (./importWorker.ts) so a big
 * file never freezes the page. An import either applies every object (one undo entry) or changes nothing
 * and reports each problem as `file:line:column Kind name: message`.
 */
import { keyOf, type KubeObject } from '../engine';
import type { Issue } from '../io';
import { loadDesign } from './commands';
import { documentStore, HISTORY_LIMIT, normalizeObject, withObjects } from './document';
import type { ImportReply, ImportRequest } from './importWorker';
import { getSimulation, objectKeys } from './runtime';
import { dismissNotice, notify, requestFit, updateNotice } from './session';
import { decksForProject, loadDecks } from './deck';

/** The outcome of an import, for the caller to show or test. */
export type ImportOutcome =
  { ok: true; count: number } | { ok: false; errors: string[]; cancelled?: boolean };

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
    return { ok: true, count: outcome.count };
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

type Checked = { ok: true; count: number; warnings: Issue[] } | { ok: false; issues: Issue[] };

let worker: Worker | undefined;
let requestId = 0;

/** The import worker, started on first use and kept (its schema stays loaded) until an import is cancelled. */
function importWorker(): Worker {
  worker ??= new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  return worker;
}

/** Parses and validates (in the worker when there is one), then loads the objects in batches. */
async function importManifestText(
  text: string,
  file: string,
  report: (s: ImportStatus) => void,
  signal: AbortSignal,
): Promise<Checked | 'cancelled'> {
  const target = namespaces();
  if (typeof Worker === 'undefined') {
    const io = await import('../io');
    const result = await io.importManifests(text, file, { namespaces: target });
    if (signal.aborted) return 'cancelled';
    if (!result.ok) return result;
    const load = new BatchLoad();
    load.add(result.objects);
    load.finish();
    return { ok: true, count: result.objects.length, warnings: result.warnings };
  }
  const w = importWorker();
  const id = ++requestId;
  return new Promise((resolve, reject) => {
    const load = new BatchLoad();
    let loaded = 0;
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
        load.add(m.objects);
        loaded += m.objects.length;
        return report({ phase: 'loading', done: loaded, total: m.total });
      }
      stop();
      if (m.type === 'done') {
        load.add(m.objects);
        load.finish();
        resolve({ ok: true, count: m.count, warnings: m.warnings });
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

/**
 * Loads objects into the design a batch at a time (the simulation follows each batch), recording one undo
 * entry for the whole import when it finishes; rolled back, the design is as it was before.
 */
class BatchLoad {
  private readonly before = documentStore.getState();
  private readonly keys = new Set<string>();
  private started = false;

  add(objects: readonly KubeObject[]): void {
    if (!this.started) {
      this.started = true;
      documentStore.temporal.getState().pause();
    }
    for (const o of objects) this.keys.add(keyOf(normalizeObject(o)));
    const s = documentStore.getState();
    documentStore.setState({ objects: withObjects(s.objects, objects) });
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
 * Kubernetes schema lazily, once.
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
  return problems(after).filter((m) => !had.has(m));
}
