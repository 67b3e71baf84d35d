/**
 * The import's Web Worker: parses and validates manifest text off the main thread (io's
 * importManifestsWith, the same pure function the command line uses), posting progress as it goes. A
 * big file's objects come back in batches, each a small message, so the page deserializes and loads them a
 * batch at a time; problems come back as one message. The page cancels an import by terminating the
 * worker.
 */
import type { KubeObject } from '../engine';
import { importManifestsWith, loadSchema, type ImportPhase, type Issue } from '../io';

/** What the page sends: the text, its file name and the namespaces that exist in the design. */
export interface ImportRequest {
  id: number;
  text: string;
  file: string;
  namespaces: string[];
}

/** What the worker answers, in order: progress, then objects in batches and done, or the issues. */
export type ImportReply =
  | { id: number; type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { id: number; type: 'objects'; objects: KubeObject[]; total: number }
  | { id: number; type: 'done'; objects: KubeObject[]; count: number; warnings: Issue[] }
  | { id: number; type: 'issues'; issues: Issue[] }
  | { id: number; type: 'error'; message: string };

/**
 * The most objects loaded in one step. Each step is its own task (the progress notice moves between
 * them) and costs a redraw of the whole canvas, so a file loads in as few equal steps as this allows: 1,000
 * objects in one, the 3 MB file of 2,010 in three.
 */
export const STEP = 1000;

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply): void;
};

scope.onmessage = (e) => {
  const { id, text, file, namespaces } = e.data;
  void loadSchema()
    .then((schema) => {
      let last = 0;
      const result = importManifestsWith(
        text,
        file,
        schema,
        { namespaces: new Set(namespaces) },
        (phase, done, total) => {
          // At most one progress message every 30 ms of work.
          const now = performance.now();
          if (now - last < 30) return;
          last = now;
          scope.postMessage({ id, type: 'progress', phase, done, total });
        },
      );
      if (!result.ok) return scope.postMessage({ id, type: 'issues', issues: result.issues });
      const { objects, warnings } = result;
      // The last batch comes with the count and the warnings, so the page finishes in the same task.
      const batch = Math.ceil(objects.length / Math.max(1, Math.ceil(objects.length / STEP)));
      let i = 0;
      for (; i + batch < objects.length; i += batch)
        scope.postMessage({
          id,
          type: 'objects',
          objects: objects.slice(i, i + batch),
          total: objects.length,
        });
      scope.postMessage({ id, type: 'done', objects: objects.slice(i), count: objects.length, warnings });
    })
    .catch((err: unknown) =>
      scope.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
};
