/**
 * The traffic flows per drawn edge, read from the engine's traffic model at most four times a wall second
 * and only passed on when what the canvas shows would change (see flowSignature).
 */
import { useSyncExternalStore } from 'react';
import { getTrafficMetrics, subscribeFrame } from '../../store';
import { flowSignature, flowsByEdge, type EdgeFlow } from './trafficEdges';

const MIN_WALL_MS = 250;
const EMPTY: ReadonlyMap<string, EdgeFlow> = new Map();
let current: ReadonlyMap<string, EdgeFlow> = EMPTY;
let signature = '';
let lastRead = -Infinity;

function read(): boolean {
  const now = performance.now();
  if (now - lastRead < MIN_WALL_MS) return false;
  lastRead = now;
  const next = flowsByEdge(getTrafficMetrics().flows);
  const sig = flowSignature(next);
  if (sig === signature) return false;
  signature = sig;
  current = next.size ? next : EMPTY;
  return true;
}

function subscribe(listener: () => void): () => void {
  return subscribeFrame(() => {
    if (read()) listener();
  });
}

const get = (): ReadonlyMap<string, EdgeFlow> => current;

/** Flows by drawn edge id; an empty map when no traffic runs. */
export function useTrafficFlows(): ReadonlyMap<string, EdgeFlow> {
  return useSyncExternalStore(subscribe, get);
}
