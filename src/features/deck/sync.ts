/**
 * Keeps the presenter window in step with the presenting window over a BroadcastChannel (same origin, no
 * server). The presenting window is the source of truth: it sends its whole state on every change and
 * whenever a presenter window says hello; the presenter window sends back navigation requests only.
 */
export const CHANNEL_NAME = 'kubecanvas-deck';

/** What the presenting window shows. */
export interface PresentState {
  markdown: string;
  slide: number;
  clicksLeft: number;
  /** The command the next click runs, or null. */
  nextClick: string | null;
  black: boolean;
  /** Wall-clock ms when presenting started (for the presenter's timer). */
  startedAt: number;
}

export type DeckMessage =
  | { type: 'state'; state: PresentState }
  | { type: 'hello' }
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'go'; slide: number }
  | { type: 'reset' }
  | { type: 'bye' };

/** Checks a message from the channel (another tab of the same origin, but still: data, not trust). */
export function isDeckMessage(v: unknown): v is DeckMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  switch (m['type']) {
    case 'hello':
    case 'next':
    case 'prev':
    case 'reset':
    case 'bye':
      return true;
    case 'go':
      return typeof m['slide'] === 'number';
    case 'state': {
      const s = m['state'] as Record<string, unknown> | null;
      return (
        typeof s === 'object' &&
        s !== null &&
        typeof s['markdown'] === 'string' &&
        typeof s['slide'] === 'number' &&
        typeof s['clicksLeft'] === 'number' &&
        (s['nextClick'] === null || typeof s['nextClick'] === 'string') &&
        typeof s['black'] === 'boolean' &&
        typeof s['startedAt'] === 'number'
      );
    }
    default:
      return false;
  }
}

/** Opens the channel (null where BroadcastChannel does not exist); `onMessage` gets checked messages. */
export function openChannel(
  onMessage: (m: DeckMessage) => void,
): { post: (m: DeckMessage) => void; close: () => void } | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (e: MessageEvent) => {
    if (isDeckMessage(e.data)) onMessage(e.data);
  };
  return { post: (m) => channel.postMessage(m), close: () => channel.close() };
}
