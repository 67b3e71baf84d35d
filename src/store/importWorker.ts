/**
 * The import's Web Worker: parses and validates manifest text off the main thread (io's
 * importManifestsWith, the same pure function the command line uses), posting progress as it goes. The
 * valid objects come back as JSON text, one string per object, in chunks of CHUNK: strings cross to the
 * page as a copy of their characters (no structured clone of thousands of small objects), the page parses
 * one chunk per task, and keeps each object's JSON for the local save (persist.ts), which then need not
 * stringify the imported objects again. Problems come back as one message. The page cancels an import by
 * terminating the worker.
 *
 * A big file may be read by two workers at once, each a part of it (whole documents; see io's
 * importPartWith): a part answers with its objects in apply order and their ranks, or `slow` when it is not
 * plainly valid (the page then imports the whole file in one worker, which gives every message).
 */
import { isClusterScoped, type KubeObject } from '../engine';
import {
  importManifestsWith,
  importPartWith,
  loadSchema,
  type ImportPhase,
  type Issue,
  type Schema,
} from '../io';

/**
 * What the page sends: the text, its file name and the namespaces that exist in the design; with
 * `wholeLength`, the text is one part of a file of that length. Or a request to load the schema now.
 */
export type ImportRequest =
  | { id: number; text: string; file: string; namespaces: string[]; wholeLength?: number }
  | { id: number; warm: true };

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
  | { id: number; type: 'objects'; json: string[]; total: number; ranks?: number[] }
  | { id: number; type: 'objects'; objects: KubeObject[]; total: number; ranks?: number[] }
  | {
      id: number;
      type: 'done';
      count: number;
      warnings: Issue[];
      timings: WorkerTimings;
      /** A part: the Namespaces it creates, and those it needs that neither exist nor it creates. */
      creates?: string[];
      needs?: string[];
    }
  | { id: number; type: 'issues'; issues: Issue[] }
  /** A part that is not plainly valid: the page imports the whole file instead. */
  | { id: number; type: 'slow' }
  /** The schema is loaded (the answer to a warm request). */
  | { id: number; type: 'ready' }
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

/** Posts the objects in chunks of CHUNK, as JSON text (or as objects when one holds NaN or Infinity). */
function postObjects(id: number, objects: readonly KubeObject[], ranks?: readonly number[]): void {
  const total = objects.length;
  for (let i = 0; i < total; i += CHUNK) {
    const chunk = objects.slice(i, i + CHUNK).map(normalized);
    const json = chunk.map((o) => JSON.stringify(o));
    const part = ranks ? { ranks: ranks.slice(i, i + CHUNK) } : {};
    // JSON writes NaN and Infinity as null: such a chunk goes as objects (a structured clone keeps them).
    const exact = json.every((j, n) => !j.includes('null') || finiteOnly(chunk[n]));
    scope.postMessage(
      exact
        ? { id, type: 'objects', json, total, ...part }
        : { id, type: 'objects', objects: chunk, total, ...part },
    );
  }
}

/**
 * A small manifest of the commonest kinds, read when a worker warms up (at idle, after an import): the
 * next big file is then read by compiled code (V8 compiles a function once it has run often enough), not
 * by the interpreter, which takes about twice as long.
 */
function warmUpText(): string {
  const docs: string[] = [];
  for (let i = 0; i < 20; i++)
    docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: warm-${i}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: warm-${i}
  labels:
    app: web-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        env:
        - name: MODE
          value: "on"
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
          limits:
            cpu: 200m
            memory: 128Mi
        readinessProbe:
          httpGet:
            path: /
            port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web-${i}
  namespace: warm-${i}
spec:
  selector:
    app: web-${i}
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-${i}
  namespace: warm-${i}
data:
  MODE: "on"
`);
  return docs.join('---\n');
}

/**
 * How many times a warm-up reads its manifest (80 documents) the fast way, as a part of a big file: V8
 * compiles the reader's functions fully only after a few thousand documents.
 */
const WARM_ROUNDS = 24;

/** Set when an import arrives: a warm-up under way stops at its next round, so it never delays one. */
let importing = 0;

/**
 * Reads the warm-up manifest round after round, each round a task of its own (an import request that
 * arrives meanwhile runs before the next round, which then does not happen), then answers `ready`.
 */
function warmUp(id: number, schema: Schema): void {
  const text = warmUpText();
  const seen = importing;
  // A whole file too, once (the way a text under PARALLEL_BYTES is read).
  importManifestsWith(text, 'warm.yaml', schema, { namespaces: new Set() });
  scope.postMessage({ id, type: 'ready' });
  let round = 0;
  const next = (): void => {
    if (importing !== seen || round++ >= WARM_ROUNDS) return;
    importPartWith(text, 'warm.yaml', schema, text.length, { namespaces: new Set() });
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

scope.onmessage = (e) => {
  const request = e.data;
  if ('warm' in request) {
    void loadSchema().then(
      (schema) => warmUp(request.id, schema),
      (err: unknown) =>
        scope.postMessage({
          id: request.id,
          type: 'error',
          message: err instanceof Error ? err.message : String(err),
        }),
    );
    return;
  }
  importing++;
  const { id, text, file, namespaces, wholeLength } = request;
  void loadSchema()
    .then((schema) => {
      let last = 0;
      const started = performance.now();
      let parsed = 0;
      const progress = (phase: ImportPhase, done: number, total: number): void => {
        const now = performance.now();
        if (phase === 'validating' && parsed === 0) parsed = now;
        // At most one progress message every 30 ms of work.
        if (now - last < 30) return;
        last = now;
        scope.postMessage({ id, type: 'progress', phase, done, total });
      };
      const target = { namespaces: new Set(namespaces) };
      const timings = (checked: number): WorkerTimings => ({
        parse: (parsed || checked) - started,
        validate: checked - (parsed || checked),
        serialize: performance.now() - checked,
      });
      if (wholeLength !== undefined) {
        const part = importPartWith(text, file, schema, wholeLength, target, progress);
        const checked = performance.now();
        if (!part) return scope.postMessage({ id, type: 'slow' });
        postObjects(id, part.objects, part.ranks);
        const { creates, needs } = part;
        const count = part.objects.length;
        return scope.postMessage({
          id,
          type: 'done',
          count,
          warnings: [],
          timings: timings(checked),
          creates,
          needs,
        });
      }
      const result = importManifestsWith(text, file, schema, target, progress);
      const checked = performance.now();
      if (!result.ok) return scope.postMessage({ id, type: 'issues', issues: result.issues });
      const { objects, warnings } = result;
      postObjects(id, objects);
      scope.postMessage({ id, type: 'done', count: objects.length, warnings, timings: timings(checked) });
    })
    .catch((err: unknown) =>
      scope.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
};
