import { memo, useCallback, useMemo, useRef, type MouseEvent } from 'react';
import type { Node as FlowNode, NodeProps } from '@xyflow/react';
import type { KubeObject } from '../../../engine';
import { getSimulation, useObject, useObjectsText, useSession, type SessionState } from '../../../store';
import type { OverviewData } from '../layout';
import {
  cardAt,
  cardState,
  cardStates,
  currentCard,
  currentPath,
  overviewPaths,
  selectionPath,
  STATE_COLOURS,
  statePaths,
} from '../overview';
import { useOverviewCursor } from '../overviewCursor';
import { objectWords, OVERVIEW_CURRENT_ID, OVERVIEW_KEYS_ID } from './a11y';
import { KIND_ICON } from './cardSummary';
import { cardText } from './cardText';

type OverviewProps = NodeProps<FlowNode<OverviewData, 'overview'>>;

const kindColour = (kind: string): string => KIND_ICON[kind]?.color ?? '#64748b';
const selectSelectedKeys = (s: SessionState) => s.selectedKeys;
const selectSelection = (s: SessionState) => s.selection;

/** What the pointer is over, for the tooltip: `Deployment web: 2/3 ready` in a card's words. */
const STATE_WORDS: Record<string, string> = {
  g: 'ready',
  a: 'not all ready',
  r: 'failed',
  d: 'being deleted',
  n: '',
};

/**
 * Hundreds of cards zoomed far out, as one drawing (see overview.ts): each card a block in its kind's
 * colour with its state's bar, the selected ones outlined. Click a card to inspect it, double-click to
 * zoom in on it (Canvas.tsx), hover for its name. By keyboard it is one focusable element with a current
 * card (outlined while it has the focus): the arrows move it, Enter inspects it, + zooms in on it
 * (keyboard.tsx); the element is named by that card, in the words its card says when drawn as itself.
 */
export const OverviewNode = memo(function OverviewNode({ data, width, height }: OverviewProps) {
  const { cards } = data;
  const keys = useMemo(() => cards.map((c) => c.key), [cards]);
  const states = useObjectsText(keys, cardStates);
  const selectedKeys = useSession(selectSelectedKeys);
  const selection = useSession(selectSelection);
  const shapes = useMemo(() => overviewPaths(cards, kindColour), [cards]);
  const bars = useMemo(() => statePaths(cards, states), [cards, states]);
  const outline = useMemo(() => {
    const picked = new Set(selectedKeys.length > 0 ? selectedKeys : selection ? [selection] : []);
    return selectionPath(cards, picked);
  }, [cards, selectedKeys, selection]);
  // The current card, and its name as its card says it (read again when its object changes).
  const cursor = useOverviewCursor();
  const current = useMemo(() => {
    const picked = selectedKeys.length > 0 ? selectedKeys : selection ? [selection] : [];
    return currentCard(cards, cursor, picked);
  }, [cards, cursor, selectedKeys, selection]);
  const currentObject = useObject<KubeObject>(current?.key ?? null);
  const currentName = useMemo(
    () => (currentObject ? cardText(currentObject).label : current ? objectWords(current.key) : ''),
    [currentObject, current],
  );
  const box = useRef<HTMLElement>(null);
  // The tooltip names the card under the pointer (one title on the section, changed as the pointer moves).
  const onMouseMove = useCallback(
    (e: MouseEvent) => {
      const el = box.current;
      if (!el || !width || !height) return;
      const r = el.getBoundingClientRect();
      const c = cardAt(
        cards,
        ((e.clientX - r.left) / r.width) * width,
        ((e.clientY - r.top) / r.height) * height,
      );
      const obj = c ? getSimulation().store.getByKey<KubeObject>(c.key) : undefined;
      const words = obj ? STATE_WORDS[cardState(obj)] : '';
      const title = c
        ? `${c.kind} ${c.key.slice(c.key.lastIndexOf('/') + 1)}${words ? `: ${words}` : ''}`
        : '';
      if (el.title !== title) el.title = title;
    },
    [cards, width, height],
  );
  const viewBox = `0 0 ${width ?? 0} ${height ?? 0}`;
  return (
    <section
      ref={box}
      className="kc-overview"
      data-testid="card-overview"
      data-cards={cards.length}
      aria-label={`${cards.length} objects drawn small: zoom in to see each one`}
      onMouseMove={onMouseMove}
    >
      <svg width="100%" height="100%" viewBox={viewBox} aria-hidden="true">
        <path d={shapes.bodies} className="kc-overview-body" />
        {Object.entries(shapes.bands).map(([colour, d]) => (
          <path key={colour} d={d} fill={colour} />
        ))}
        <path d={shapes.names} className="kc-overview-name" />
        {Object.entries(bars).map(([state, d]) => (
          <path key={state} d={d} fill={STATE_COLOURS[state as keyof typeof STATE_COLOURS]} />
        ))}
        {outline && <path d={outline} className="kc-overview-selected" />}
        {current && <path d={currentPath(current)} className="kc-overview-current" />}
      </svg>
      {/* Referenced by the focusable element around the drawing (nodes/a11y.ts): its name, its keys. */}
      <span id={OVERVIEW_CURRENT_ID} hidden>
        {currentName}
      </span>
      <span id={OVERVIEW_KEYS_ID} hidden>
        {`One of ${cards.length} objects drawn small. Arrow keys move to the nearest one that way; Enter opens the inspector on it; plus zooms in on it. Question mark lists every key.`}
      </span>
    </section>
  );
});
