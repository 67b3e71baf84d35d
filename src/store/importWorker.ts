/**
 * The import's Web Worker: parses and validates manifest text off the main thread (io's
 * importManifestsWith, the same pure function the command line uses), posting progress as it goes. The
 * valid objects come back as JSON text, one string per object, in chunks of CHUNK: strings cross to the
 * page as a copy of their characters (no structured clone of thousands of small objects), the page parses
 * one chunk per task, and keeps each object's JSON for the local save (persist.ts), which then need not
 * stringify the imported objects again. Problems come back as one message. The page cancels an import by
 * terminating the worker.
 */
import { isClusterScoped, type KubeObject } from '../engine';
import { importManifestsWith, loadSchema, type ImportPhase, type Issue } from '../io';

/** What the page sends: the text, its file name and the namespaces that exist in the design. */
export interface ImportRequest {
  id: number;
  text: string;
  file: string;
  namespaces: string[];
}

/** Wall milliseconds the worker spent on each phase of a valid import. */
export interface WorkerTimings {
  /** Reading the YAML. */
  parse: number;
  /** Schema validation and the namespace check. */
  validate: number;
  /** Writing the objects as JSON for the page. */
  serialize: number;
}

/** What the worker answers, in order: progress, then the objects in chunks and done, or the issues. */
export type ImportReply =
  | { id: number; type: 'progress'; phase: ImportPhase; done: number; total: number }
  /**
   * The next objects, in apply order, of `total`: as JSON text, or as objects when one holds a number JSON
   * cannot write (`.nan`, `.inf`).
   */
  | { id: number; type: 'objects'; json: string[]; total: number }
  | { id: number; type: 'objects'; objects: KubeObject[]; total: number }
  | { id: number; type: 'done'; count: number; warnings: Issue[]; timings: WorkerTimings }
  | { id: number; type: 'issues'; issues: Issue[] }
  | { id: number; type: 'error'; message: string };

/**
 * Objects per message. The page parses each message in its own task (a few ms), so a 3 MB file never
 * holds the main thread while it arrives.
 */
export const CHUNK = 250;

/** The object as the document keeps it (normalizeObject in ./document.ts): namespaced objects get `default`. */
function normalized(obj: KubeObject): KubeObject {
  if (isClusterScoped(obj.kind) || obj.metadata.namespace) return obj;
  return { ...obj, metadata: { ...obj.metadata, namespace: 'default' } };
}

/** Whether a value holds no NaN or Infinity (which JSON would write as null). */
function finiteOnly(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return true;
  return Object.values(v).every(finiteOnly);
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply): void;
};

scope.onmessage = (e) => {
  const { id, text, file, namespaces } = e.data;
  void loadSchema()
    .then((schema) => {
      let last = 0;
      const started = performance.now();
      let parsed = 0;
      const result = importManifestsWith(
        text,
        file,
        schema,
        { namespaces: new Set(namespaces) },
        (phase, done, total) => {
          const now = performance.now();
          if (phase === 'validating' && parsed === 0) parsed = now;
          // At most one progress message every 30 ms of work.
          if (now - last < 30) return;
          last = now;
          scope.postMessage({ id, type: 'progress', phase, done, total });
        },
      );
      const checked = performance.now();
      if (!result.ok) return scope.postMessage({ id, type: 'issues', issues: result.issues });
      const { objects, warnings } = result;
      const total = objects.length;
      for (let i = 0; i < total; i += CHUNK) {
        const chunk = objects.slice(i, i + CHUNK).map(normalized);
        const json = chunk.map((o) => JSON.stringify(o));
        // JSON writes NaN and Infinity as null: such a chunk goes as objects (a structured clone keeps them).
        const exact = json.every((j, n) => !j.includes('null') || finiteOnly(chunk[n]));
        scope.postMessage(
          exact ? { id, type: 'objects', json, total } : { id, type: 'objects', objects: chunk, total },
        );
      }
      const timings: WorkerTimings = {
        parse: (parsed || checked) - started,
        validate: checked - (parsed || checked),
        serialize: performance.now() - checked,
      };
      scope.postMessage({ id, type: 'done', count: objects.length, warnings, timings });
    })
    .catch((err: unknown) =>
      scope.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
};
