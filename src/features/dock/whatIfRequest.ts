/**
 * "What if…" from elsewhere (the inspector's button on a workload): asks the dock to open Charts on its
 * What if… view with that workload's first change picked. A small publish/subscribe within the page; the
 * dock is its one listener. The dock panel is opened when it was closed, and a request made before the
 * dock listens is handed to it when it starts listening.
 */
import { togglePanel } from '../../store';

/** A request: the workload's store key, and a number that grows so that asking twice asks again. */
export interface WhatIfRequest {
  workload: string;
  n: number;
}

type Listener = (r: WhatIfRequest) => void;
const listeners = new Set<Listener>();
let count = 0;
let pending: WhatIfRequest | undefined;

/** Opens Charts > What if… for a workload (`Deployment/default/web`). */
export function openWhatIf(workload: string): void {
  const r = { workload, n: ++count };
  togglePanel('dock', true);
  if (listeners.size === 0) pending = r;
  listeners.forEach((l) => l(r));
}

/** Calls `l` on each request (and at once with a request nobody took yet); returns the unsubscribe. */
export function onWhatIfRequest(l: Listener): () => void {
  listeners.add(l);
  if (pending) {
    const r = pending;
    pending = undefined;
    l(r);
  }
  return () => listeners.delete(l);
}
