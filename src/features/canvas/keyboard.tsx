/**
 * The canvas by keyboard, so that it can do what the mouse does: arrows move the focus to the nearest
 * object that way (spatial, `spatial.ts`), Shift+arrows nudge, Enter inspects, Space and Ctrl+A select,
 * C connects (the chooser in `ConnectChooser.tsx`, as dragging an edge does), the menu key opens the
 * object's actions, + - and Shift+1 zoom and fit, ? lists the keys. What happens is announced in a live
 * region. Zoomed far out, hundreds of cards are one overview element (nodes/OverviewNode.tsx): it takes
 * the focus as one object whose current card (overviewCursor.ts) stands for it, so the same keys act on
 * that card, the arrows move it from card to card (and on to the Nodes), and + zooms in on it. A focused
 * object whose element goes when the zoom crosses into or out of that mode hands the focus on (a card to
 * the overview, the overview to its current card, a pod to its Node) rather than to the page. Canvas.tsx
 * wires it in: `onKeyDown`, `onFocus` and `onBlur` on its wrapper (capture), `menuFor` for context menus,
 * and `overlay` drawn beside React Flow.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Node as FlowNode, ReactFlowInstance } from '@xyflow/react';
import type { KubeObject } from '../../engine';
import {
  authoredObject,
  getSimulation,
  moveObjects,
  select,
  selectMany,
  sessionStore,
  togglePanel,
  useObject,
  type XY,
} from '../../store';
import { linkObjects } from './actions';
import type { MenuItem } from './ContextMenu';
import {
  CARD_H,
  CARD_W,
  CONNECT_DESCRIPTION_ID,
  keyLabel,
  OVERVIEW_ID,
  UNSCHEDULED_ID,
  VM_HEADER,
  type OverviewData,
} from './layout';
import type { LinkChoice } from './linkChoices';
import { canLink } from './links';
import { cardLabelOf, cardText } from './nodes/cardText';
import { objectWords } from './nodes/a11y';
import { currentCard } from './overview';
import { overviewCursor, setOverviewCursor, useOverviewCursor } from './overviewCursor';
import { ARROW_DIRECTIONS, focusBoxes, nearestInDirection, type Box, type Direction } from './spatial';

const ConnectChooser = lazy(() => import('./ConnectChooser'));

/** Every key of the canvas, as the help lists them (the object descriptions say the same). */
export const CANVAS_KEYS: ReadonlyArray<{ keys: string; does: string }> = [
  {
    keys: 'Tab, Shift + Tab',
    does: 'Into the canvas (the first Node, or the overview of many cards when zoomed far out) and out of it: one stop',
  },
  { keys: '← ↑ → ↓', does: 'Focus and select the nearest object that way (pods by their grid)' },
  { keys: 'Ctrl + arrows', does: 'Move the focus only, keeping the selection' },
  { keys: 'Shift + arrows', does: 'Move the selected cards and Nodes by 10 (Alt + Shift: 100)' },
  { keys: 'Space', does: 'Add the focused object to the selection, or take it out' },
  { keys: 'Ctrl + A', does: 'Select everything drawn' },
  { keys: 'Escape', does: 'Clear the selection' },
  { keys: 'Enter', does: 'Open the inspector on the focused object' },
  { keys: 'C', does: 'Connect a Service, Ingress or workload (as dragging an edge)' },
  { keys: 'Menu key, Shift + F10', does: 'The object’s actions (cordon, fail, pin a Pod, …)' },
  { keys: 'Delete, Backspace', does: 'Delete the selection' },
  { keys: 'Ctrl + C, V, D', does: 'Copy, paste, duplicate' },
  { keys: 'Ctrl + Z, Ctrl + Shift + Z', does: 'Undo, redo' },
  { keys: '+  −', does: 'Zoom in, zoom out' },
  {
    keys: 'Zoomed far out',
    does: 'Hundreds of cards are one overview: arrows move between them, Enter inspects one, + zooms in on it',
  },
  { keys: 'Shift + 1', does: 'Fit everything into view' },
  { keys: 'Space + drag, two-finger scroll', does: 'Pan (the mouse wheel and a pinch zoom)' },
  { keys: '?', does: 'This list' },
];

/** What every object on the canvas tells assistive technology about its keys (React Flow's description). */
export const OBJECT_KEYS_DESCRIPTION =
  'Arrow keys move to the nearest object that way; Shift+arrows move this one. Enter opens the inspector. ' +
  'Space adds it to the selection. The menu key or Shift+F10 opens its actions; Delete removes it. ' +
  'Question mark lists every key.';

/** React Flow's texts for the canvas (its default description speaks of its own keys, not ours). */
export const CANVAS_ARIA_LABELS = {
  'node.a11yDescription.default': OBJECT_KEYS_DESCRIPTION,
  'node.a11yDescription.keyboardDisabled': OBJECT_KEYS_DESCRIPTION,
};

const CONNECT_DESCRIPTION = `${OBJECT_KEYS_DESCRIPTION} C connects it: a Service to a workload, an Ingress to a Service.`;

/** Shift+arrows nudge the selection by this much (Alt+Shift: ten times). */
const NUDGE = 10;
const STEP: Record<Direction, XY> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
};
const FARTHER: Record<Direction, string> = {
  left: 'to the left',
  right: 'to the right',
  up: 'above',
  down: 'below',
};

const kindOf = (key: string): string => key.split('/')[0] ?? '';

function currentSelection(): string[] {
  const { selection, selectedKeys } = sessionStore.getState();
  return selectedKeys.length > 0 ? selectedKeys : selection ? [selection] : [];
}

/** A card drawn in the overview: its box in flow coordinates, or undefined (no overview, or not in it). */
export function overviewCardBox(flow: ReactFlowInstance, key: string): Box | undefined {
  const o = flow.getNode(OVERVIEW_ID);
  const c = o ? (o.data as OverviewData).cards.find((card) => card.key === key) : undefined;
  return o && c ? { id: key, x: o.position.x + c.x, y: o.position.y + c.y, w: CARD_W, h: CARD_H } : undefined;
}

/** The overview's current card (see currentCard), or null when the cards are drawn one by one. */
function overviewCurrent(flow: ReactFlowInstance): string | null {
  const o = flow.getNode(OVERVIEW_ID);
  if (!o) return null;
  return currentCard((o.data as OverviewData).cards, overviewCursor(), currentSelection())?.key ?? null;
}

/**
 * Zooms in on a card of the overview, where it is drawn as itself, and selects it: a double-click on it,
 * or + on the keyboard. False when the card is not in the overview.
 */
export function zoomInOnCard(flow: ReactFlowInstance, key: string): boolean {
  const box = overviewCardBox(flow, key);
  if (!box) return false;
  setOverviewCursor(key);
  select(key);
  void flow.setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom: 1, duration: 300 });
  return true;
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((k) => b.includes(k));

/**
 * Tells React Flow's reports of its selection (`onSelectionChange`) from its late echoes of the selection
 * the session gave it. The canvas hands React Flow each new selection (`given`); React Flow reports it back
 * a render later. Quick keyboard selections put several in flight, and taking an old one's echo as news
 * would select it again, then the newer one's echo, and so on until React gives up (error #185). A report
 * of a selection given since React Flow last caught up is such an echo; anything else (a box drawn,
 * Shift+click) is news.
 */
export function selectionTracker() {
  let inFlight: string[][] = [];
  return {
    given(keys: readonly string[]): void {
      // A selection React Flow cannot draw (nothing, or objects not on the canvas) is never reported.
      inFlight = [...inFlight.slice(-7), [...keys]];
    },
    isNews(reported: readonly string[]): boolean {
      const latest = inFlight[inFlight.length - 1];
      if (latest && sameKeys(latest, reported)) {
        inFlight = [];
        return false;
      }
      if (inFlight.some((keys) => sameKeys(keys, reported))) return false;
      inFlight = [];
      return true;
    },
  };
}

/** The canvas's one tracker (there is one canvas). */
export const selectionEchoes = selectionTracker();

/** Moves keyboard focus into the inspector (its first field, else its first control). */
function focusInspector(): void {
  const panel = document.querySelector('[data-slot="inspector"]');
  const target =
    panel?.querySelector<HTMLElement>('input, select, textarea') ??
    panel?.querySelector<HTMLElement>('button:not([role="tab"]), [tabindex="0"]');
  target?.focus();
}

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
const CANVAS_ITEM = '.react-flow__node, .react-flow__edge';

/**
 * The control Tab (or Shift+Tab) reaches from an object on the canvas, passing over the canvas's other
 * objects and edges: the canvas is one stop in the page's tab order, the arrows move within it.
 */
function tabStopPast(from: HTMLElement, backwards: boolean): HTMLElement | null {
  const stops = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest(CANVAS_ITEM) && el.getClientRects().length > 0,
  );
  const after = (el: HTMLElement) => !!(from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return backwards ? (stops.filter((el) => !after(el)).pop() ?? null) : (stops.find(after) ?? null);
}

/** Whether the key is one the canvas leaves alone (typing in a field, a menu or dialog of its own). */
function notOurs(target: HTMLElement): boolean {
  return !!target.closest(
    '[role="menu"], [role="dialog"], input, textarea, select, [contenteditable="true"]',
  );
}

export interface CanvasKeyboardOptions {
  flow: ReactFlowInstance;
  wrapper: RefObject<HTMLDivElement | null>;
  /** Opens a context menu at a screen point. */
  openMenu: (clientX: number, clientY: number, key: string, items: MenuItem[]) => void;
  /** The canvas's own menu of an object (copy, duplicate, a Node's actions, delete). */
  objectMenu: (key: string, type: string | undefined) => MenuItem[];
  fit: () => void;
  /** A palette item dropped (here: a Pod pinned to a Node from the Node's menu). */
  onDropItem?: ((item: string, at: XY, nodeName: string | undefined) => void) | undefined;
  /**
   * What the canvas draws as elements (changes when the zoom crosses into or out of low detail, or the
   * overview of cards comes or goes): a focused object whose element went hands the focus on.
   */
  mode: string;
}

export interface CanvasKeyboard {
  onKeyDown: (e: ReactKeyboardEvent) => void;
  /** Brings an object focused by Tab into view; notes the focused object. */
  onFocus: (e: FocusEvent) => void;
  /** Notes that the focus left the canvas (rather than its element being taken away). */
  onBlur: (e: FocusEvent) => void;
  /** An object's context menu, with "Connect to…" and, for a Node, "Add a Pod here". */
  menuFor: (key: string, type: string | undefined) => MenuItem[];
  /** The chooser, the help, the live region and the descriptions, drawn beside React Flow. */
  overlay: ReactNode;
  /** Opens the list of keys (the canvas's "?" control). */
  showHelp: () => void;
}

/** Inserts items before the first dangerous one (Delete stays last). */
function beforeDanger(items: MenuItem[], extra: MenuItem[]): MenuItem[] {
  const at = items.findIndex((i) => i.danger);
  return at < 0 ? [...items, ...extra] : [...items.slice(0, at), ...extra, ...items.slice(at)];
}

export function useCanvasKeyboard({
  flow,
  wrapper,
  openMenu,
  objectMenu,
  fit,
  onDropItem,
  mode,
}: CanvasKeyboardOptions): CanvasKeyboard {
  const [connecting, setConnecting] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState('');
  /** Where the focus goes back to when the chooser or the help closes. */
  const returnTo = useRef<string | null>(null);

  const announce = useCallback((text: string) => {
    // The same words twice must be said twice: a live region speaks only when its text changes.
    setMessage((prev) => (prev === text ? `${text}\u00a0` : text));
  }, []);

  const elementOf = useCallback(
    (key: string) =>
      wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(key)}"]`) ?? null,
    [wrapper],
  );

  /** Pans the view (not the page) to a box (flow coordinates) out of sight, keeping the zoom. */
  const showBox = useCallback(
    ({ x, y, w, h }: Box) => {
      const rect = wrapper.current?.getBoundingClientRect();
      if (!rect) return;
      const { x: tx, y: ty, zoom } = flow.getViewport();
      const sx = x * zoom + tx;
      const sy = y * zoom + ty;
      if (sx < 0 || sy < 0 || sx + w * zoom > rect.width || sy + h * zoom > rect.height)
        void flow.setCenter(x + w / 2, y + h / 2, { zoom, duration: 200 });
    },
    [flow, wrapper],
  );

  /** Pans the view (not the page) to an object out of sight, keeping the zoom. */
  const showObject = useCallback(
    (key: string) => {
      const node = flow.getInternalNode(key);
      if (!node) return;
      // The absolute position: a pod's own is relative to its Node (React Flow's focus pan uses that one).
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured.width ?? node.width ?? 0;
      const h = Math.min(node.measured.height ?? node.height ?? 0, node.type === 'vm' ? VM_HEADER : Infinity);
      showBox({ id: key, x, y, w, h });
    },
    [flow, showBox],
  );

  /**
   * Focuses an object and brings it into view; a card drawn in the overview becomes its current card, and
   * the overview takes the focus (once it is named by that card: a frame later, when not already focused).
   * True when the object is drawn.
   */
  const focusObject = useCallback(
    (key: string): boolean => {
      const el = elementOf(key);
      if (el) {
        el.focus({ preventScroll: true });
        showObject(key);
        return true;
      }
      const box = overviewCardBox(flow, key);
      const overview = elementOf(OVERVIEW_ID);
      if (!box || !overview) return false;
      setOverviewCursor(key);
      showBox(box);
      if (document.activeElement !== overview)
        requestAnimationFrame(() => overview.focus({ preventScroll: true }));
      return true;
    },
    [elementOf, flow, showBox, showObject],
  );

  /** The object that had the focus last, while the focus is on the canvas (see onBlur). */
  const lastFocus = useRef<{ key: string; el: HTMLElement; parent: string | undefined } | null>(null);

  /** Tab to an object out of sight brings it into view (for React Flow's `autoPanOnNodeFocus={false}`). */
  const onFocus = useCallback(
    (e: FocusEvent) => {
      const el = e.target as HTMLElement;
      if (!el.classList.contains('react-flow__node')) return;
      const key = el.getAttribute('data-id');
      if (!key || key === UNSCHEDULED_ID) return;
      lastFocus.current = { key, el, parent: flow.getNode(key)?.parentId };
      // The overview stands for its current card: that card is the one brought into view.
      const current = key === OVERVIEW_ID ? overviewCurrent(flow) : null;
      if (current) setOverviewCursor(current);
      if (!el.matches(':focus-visible')) return;
      if (key !== OVERVIEW_ID) showObject(key);
      else if (current) {
        const box = overviewCardBox(flow, current);
        if (box) showBox(box);
      }
    },
    [flow, showBox, showObject],
  );

  const onBlur = useCallback(
    (e: FocusEvent) => {
      const el = e.target as HTMLElement;
      const to = e.relatedTarget as HTMLElement | null;
      if (to && wrapper.current?.contains(to)) return;
      // Gone elsewhere (a real blur), not taken away with its element by a new layout: forgotten.
      setTimeout(() => {
        if (lastFocus.current?.el === el && el.isConnected) lastFocus.current = null;
      }, 0);
    },
    [wrapper],
  );

  // The zoom crossed into or out of low detail or the overview: the focused object's element may go (a
  // card into the overview, the overview into its cards, a pod into its Node's summary), and the focus with
  // it, to the page. It is handed on to what now draws that object, for a few frames while the new layout
  // is drawn, unless it has gone somewhere else meanwhile.
  useEffect(() => {
    let frame = 0;
    let tries = 0;
    const tick = (): void => {
      const last = lastFocus.current;
      if (!last || tries++ > 90) return;
      const again = () => void (frame = requestAnimationFrame(tick));
      const active = document.activeElement;
      if (last.el.isConnected) return active === last.el ? again() : undefined;
      if (active && active !== document.body) return;
      if (last.key === OVERVIEW_ID) {
        // Zoomed in from the overview: its current card, once drawn (brought into view if it is not).
        const key = overviewCursor();
        if (!key) return;
        const el = elementOf(key);
        if (el) return void el.focus({ preventScroll: true });
        if (tries === 45) showObject(key);
        return again();
      }
      const overview = elementOf(OVERVIEW_ID);
      if (overview && overviewCardBox(flow, last.key)) {
        // Zoomed out onto the overview: the card that had the focus is its current card. The overview
        // takes the focus once it is named by that card.
        if (overviewCursor() !== last.key) {
          setOverviewCursor(last.key);
          return again();
        }
        return void overview.focus({ preventScroll: true });
      }
      const el = elementOf(last.key) ?? (last.parent ? elementOf(last.parent) : null);
      if (el) return void el.focus({ preventScroll: true });
      again();
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [mode, elementOf, flow, showObject]);

  const openConnect = useCallback(
    (key: string) => {
      if (!authoredObject(key)) {
        announce(`${keyLabel(key)} was made by the cluster: connect the object that owns it.`);
        return;
      }
      returnTo.current = key;
      setConnecting(key);
    },
    [announce],
  );

  const closeOverlay = useCallback(() => {
    setConnecting(null);
    setHelp(false);
    const back = returnTo.current;
    returnTo.current = null;
    // After the dialog has gone (its field held the focus).
    if (back) requestAnimationFrame(() => focusObject(back));
  }, [focusObject]);

  const pick = useCallback(
    (choice: LinkChoice) => {
      closeOverlay();
      const sentence = (already: boolean) =>
        `${keyLabel(choice.source)} ${already ? 'already ' : 'now '}${
          kindOf(choice.source) === 'Service' ? 'selects' : 'routes to'
        } ${keyLabel(choice.target)}`;
      if (choice.connected) {
        announce(sentence(true));
        return;
      }
      void linkObjects(choice.source, choice.target).then((linked) => {
        announce(linked ? sentence(false) : sentence(true));
      });
    },
    [announce, closeOverlay],
  );

  const menuFor = useCallback(
    (key: string, type: string | undefined): MenuItem[] => {
      const extra: MenuItem[] = [];
      if (type === 'card' && canLink(kindOf(key)) && authoredObject(key))
        extra.push({ label: 'Connect to…', hint: 'C', run: () => openConnect(key) });
      const node = type === 'vm' ? getSimulation().store.getByKey(key) : undefined;
      if (node && onDropItem)
        extra.push({
          label: 'Add a Pod here',
          run: () => {
            // As dropping the palette's Pod onto the Node: pinned there by nodeName.
            const at = flow.getNode(key)?.position ?? { x: 0, y: 0 };
            onDropItem('Pod', at, node.metadata.name);
            announce(`Added a Pod pinned to Node ${node.metadata.name}`);
          },
        });
      return beforeDanger(objectMenu(key, type), extra);
    },
    [announce, flow, objectMenu, onDropItem, openConnect],
  );

  const moveFocus = useCallback(
    (from: string, dir: Direction, keepSelection: boolean) => {
      const drawn = new Set<string>();
      for (const el of wrapper.current?.querySelectorAll('.react-flow__node[data-id]') ?? [])
        drawn.add(el.getAttribute('data-id') ?? '');
      const boxes = focusBoxes(flow.getNodes(), drawn);
      const box = boxes.find((b) => b.id === from);
      const next = box ? nearestInDirection(boxes, box, dir) : null;
      if (!next) {
        announce(`Nothing ${FARTHER[dir]}`);
        return;
      }
      if (!keepSelection) select(next);
      const onOverview = document.activeElement === elementOf(OVERVIEW_ID);
      focusObject(next);
      // Within the overview the focus stays where it is: its new current card is said.
      if (onOverview && overviewCardBox(flow, next)) announce(cardLabelOf(next));
    },
    [announce, elementOf, flow, focusObject, wrapper],
  );

  const nudge = useCallback(
    (picked: string[], dir: Direction, far: boolean) => {
      const step = far ? NUDGE * 10 : NUDGE;
      const moved: Record<string, XY> = {};
      const to = (key: string, at: XY) =>
        (moved[key] = {
          x: Math.round(at.x + STEP[dir].x * step),
          y: Math.round(at.y + STEP[dir].y * step),
        });
      for (const key of picked) {
        const n: FlowNode | undefined = flow.getNode(key);
        if (n && (n.type === 'vm' || n.type === 'card' || n.type === 'clients')) to(key, n.position);
        // A card drawn in the overview moves as it does drawn as itself.
        const box = n ? undefined : overviewCardBox(flow, key);
        if (box) to(key, box);
      }
      const keys = Object.keys(moved);
      if (keys.length === 0) {
        announce('Only cards and Nodes move: a pod is drawn inside its Node');
        return;
      }
      moveObjects(moved);
      announce(`Moved ${keys.length === 1 ? keyLabel(keys[0] ?? '') : `${keys.length} objects`} ${dir}`);
    },
    [announce, flow],
  );

  const onKeyDown = useCallback(
    (e: ReactKeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (notOurs(el)) return;
      const focusedId = el.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
      // The overview stands for its current card: the keys act on that card.
      const inOverview = focusedId === OVERVIEW_ID;
      const focused = inOverview ? overviewCurrent(flow) : focusedId;
      const onObject = focused !== null && focused !== UNSCHEDULED_ID ? focused : null;
      const typeOf = (key: string) => (inOverview ? 'card' : flow.getNode(key)?.type);
      const mod = e.ctrlKey || e.metaKey;
      const done = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      const dir = ARROW_DIRECTIONS[e.key];
      if (dir && onObject) {
        if (e.shiftKey && !mod) {
          done();
          const keys = currentSelection();
          nudge(keys.length > 0 ? keys : [onObject], dir, e.altKey);
        } else if (!e.shiftKey && !e.altKey) {
          done();
          moveFocus(onObject, dir, mod);
        }
        return;
      }
      if (!onObject) {
        // On the canvas but not on an object (its controls): only the view keys.
        if (!mod && !e.altKey && (e.key === '+' || e.key === '=' || e.key === '-')) {
          done();
          void (e.key === '-' ? flow.zoomOut() : flow.zoomIn());
        }
        return;
      }
      const plain = !mod && !e.altKey;
      if (e.key === 'Tab' && plain) {
        const next = tabStopPast(el, e.shiftKey);
        if (next) {
          done();
          next.focus();
        }
      } else if (e.key === 'Enter' && plain) {
        done();
        select(onObject);
        togglePanel('inspector', true);
        setTimeout(focusInspector, 50);
      } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
        done();
        if (!currentSelection().includes(onObject)) select(onObject);
        // At the object's top-left corner (a card of the overview: where it is drawn in it).
        const card = inOverview ? overviewCardBox(flow, onObject) : undefined;
        const at = card ? flow.flowToScreenPosition(card) : undefined;
        const box = at ? undefined : elementOf(onObject)?.getBoundingClientRect();
        openMenu(
          (at?.x ?? box?.left ?? 0) + 16,
          (at?.y ?? box?.top ?? 0) + 16,
          onObject,
          menuFor(onObject, typeOf(onObject)),
        );
      } else if ((e.key === 'c' || e.key === 'C') && plain && !e.shiftKey) {
        if (!canLink(kindOf(onObject)) || typeOf(onObject) !== 'card') return;
        done();
        openConnect(onObject);
      } else if (e.key === ' ' && !e.altKey && !e.shiftKey) {
        done();
        const keys = currentSelection();
        const had = keys.includes(onObject);
        const next = had ? keys.filter((k) => k !== onObject) : [...keys, onObject];
        if (next.length > 0) selectMany(next);
        else select(null);
        announce(
          `${keyLabel(onObject)} ${had ? 'taken out of' : 'added to'} the selection: ${next.length} selected`,
        );
      } else if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a') {
        done();
        const all = flow
          .getNodes()
          .filter((n) => n.id !== UNSCHEDULED_ID && elementOf(n.id))
          .flatMap((n) => (n.id === OVERVIEW_ID ? (n.data as OverviewData).cards.map((c) => c.key) : [n.id]));
        selectMany(all);
        announce(`${all.length} objects selected`);
      } else if (e.key === 'Escape' && plain) {
        done();
        select(null);
        announce('Selection cleared');
      } else if (plain && inOverview && (e.key === '+' || e.key === '=')) {
        // In the overview, + zooms in on the current card, as a double-click does.
        done();
        zoomInOnCard(flow, onObject);
      } else if (plain && (e.key === '+' || e.key === '=' || e.key === '-')) {
        done();
        void (e.key === '-' ? flow.zoomOut() : flow.zoomIn());
      } else if (plain && e.shiftKey && (e.code === 'Digit1' || e.key === '!')) {
        done();
        fit();
      } else if (e.key === '?' && !mod) {
        done();
        returnTo.current = onObject;
        setHelp(true);
      }
    },
    [announce, elementOf, fit, flow, menuFor, moveFocus, nudge, openConnect, openMenu],
  );

  const overlay = (
    <>
      <div role="status" aria-live="polite" className="sr-only" data-testid="canvas-announcer">
        {message}
      </div>
      <div id={CONNECT_DESCRIPTION_ID} style={{ display: 'none' }}>
        {CONNECT_DESCRIPTION}
      </div>
      <OverviewCaption />
      {connecting && (
        <Suspense fallback={null}>
          <ConnectChooser objectKey={connecting} onPick={pick} onClose={closeOverlay} />
        </Suspense>
      )}
      {help && <KeysHelp onClose={closeOverlay} />}
    </>
  );

  const showHelp = useCallback(() => {
    returnTo.current = null;
    setHelp(true);
  }, []);

  return { onKeyDown, onFocus, onBlur, menuFor, overlay, showHelp };
}

/**
 * The overview's current card in words, in sight while the overview has the keyboard's focus (index.css):
 * the cards are too small there to read their names, and their states are colours. Screen readers hear it
 * as the overview's name and the live region, not twice from here.
 */
function OverviewCaption() {
  const key = useOverviewCursor();
  const obj = useObject<KubeObject>(key);
  if (!key) return null;
  return (
    <div className="kc-overview-caption" aria-hidden="true" data-testid="overview-caption">
      {obj ? cardText(obj).label : objectWords(key)}
    </div>
  );
}

/** The list of the canvas's keys, in a dialog; Escape or its button closes it. */
function KeysHelp({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="absolute inset-0 z-50"
      onPointerDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        } else if (e.key === 'Tab') {
          // Its one control keeps the focus until it closes.
          e.preventDefault();
        }
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="kc-keys-title"
        className="kc-menu"
        style={{
          left: '50%',
          top: 16,
          transform: 'translateX(-50%)',
          width: 460,
          maxHeight: 'calc(100% - 32px)',
          overflowY: 'auto',
        }}
      >
        <div className="flex items-center px-3 pt-1 pb-1.5">
          <h2 id="kc-keys-title" className="kc-menu-title text-[12px] font-semibold">
            Canvas keys
          </h2>
          {/* The dialog's one control takes the focus when it opens. */}
          <button type="button" autoFocus className="kc-btn ml-auto" onClick={onClose}>
            Close
          </button>
        </div>
        <table className="w-full text-left text-[12px]">
          <tbody>
            {CANVAS_KEYS.map((k) => (
              <tr key={k.keys} className="border-t border-slate-800">
                <th scope="row" className="px-3 py-0.5 font-medium whitespace-nowrap text-slate-200">
                  {k.keys}
                </th>
                <td className="px-3 py-0.5 text-slate-400">{k.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
