/**
 * The what-if's Web Worker: runs runWhatIf (both simulations) off the main thread and posts progress
 * every ten simulated seconds, then the result or the error. Cancelling terminates the worker.
 */
import type { KubeObject } from '../../engine';
import { runWhatIf, type WhatIfChange, type WhatIfOptions, type WhatIfResult } from './whatIf';

/** What the page sends. */
export interface WhatIfRequest {
  objects: KubeObject[];
  seed: number;
  change: WhatIfChange;
  options: Partial<WhatIfOptions>;
}

/** What the worker answers. */
export type WhatIfMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: WhatIfResult }
  | { type: 'error'; message: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WhatIfRequest>) => void) | null;
  postMessage(message: WhatIfMessage): void;
};

scope.onmessage = (e) => {
  const { objects, seed, change, options } = e.data;
  try {
    const result = runWhatIf(objects, seed, change, options, (done, total) =>
      scope.postMessage({ type: 'progress', done, total }),
    );
    scope.postMessage({ type: 'done', result });
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
