/**
 * Applying many imported objects without freezing the page: apply in chunks, report progress, and give the
 * browser a turn between chunks. The objects must already be validated (see importManifests); this does
 * not validate, and a throwing `apply` stops the loop with objects before it applied.
 */

/** Options of applyInChunks. */
export interface ChunkOptions {
  /** Objects per chunk (default 250). */
  chunkSize?: number;
  /** Called after each chunk with how many are applied and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Yields to the event loop between chunks (default: a zero-delay timeout). */
  yieldTurn?: () => Promise<void>;
}

/** Applies `objects` in order, `chunkSize` at a time, yielding between chunks. */
export async function applyInChunks<T>(
  objects: readonly T[],
  apply: (o: T) => void,
  options: ChunkOptions = {},
): Promise<void> {
  const {
    chunkSize = 250,
    onProgress,
    yieldTurn = () => new Promise<void>((r) => setTimeout(r, 0)),
  } = options;
  for (let i = 0; i < objects.length; i += chunkSize) {
    const end = Math.min(i + chunkSize, objects.length);
    for (let j = i; j < end; j++) apply(objects[j] as T);
    onProgress?.(end, objects.length);
    if (end < objects.length) await yieldTurn();
  }
}
