/**
 * The canvas by keyboard, so that it can do what the mouse does: arrows move the focus to the nearest
 * object that way (spatial, `spatial.ts`), Shift+arrows nudge, Enter inspects, Space and Ctrl+A select,
 * C connects (the chooser in `ConnectChooser.tsx`, as dragging an edge does), the menu key opens the
 * object's actions, + - and Shift+1 zoom and fit, ? lists the keys. What happens is announced in a live
 * region. Canvas.tsx wires it in: `onKeyDown` on its wrapper (capture), `menuFor` for context menus, and
 * `overlay` drawn beside React Flow.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Node as FlowNode, ReactFlowInstance } from '@xyflow/react';
import {
  authoredObject,
  getSimulation,
  moveObjects,
  select,
  selectMany,
  sessionStore,
  togglePanel,
  type XY,
} from '../../store';
import { linkObjects } from './actions';
import type { MenuItem } from './ContextMenu';
import { CONNECT_DESCRIPTION_ID, keyLabel, UNSCHEDULED_ID, VM_HEADER } from './layout';
import type { LinkChoice } from './linkChoices';
import { canLink } from './links';
import { ARROW_DIRECTIONS, focusBoxes, nearestInDirection, type Direction } from './spatial';

const ConnectChooser = lazy(() => import('./ConnectChooser'));

/** Every key of the canvas, as the help lists them (the object descriptions say the same). */
export const CANVAS_KEYS: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'Tab, Shift + Tab', does: 'Into the canvas (the first Node) and out of it: one stop' },
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
}

export interface CanvasKeyboard {
  onKeyDown: (e: ReactKeyboardEvent) => void;
  /** Brings an object focused by Tab into view. */
  onFocus: (e: FocusEvent) => void;
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

  /** Pans the view (not the page) to an object out of sight, keeping the zoom. */
  const showObject = useCallback(
    (key: string) => {
      const node = flow.getInternalNode(key);
      const rect = wrapper.current?.getBoundingClientRect();
      if (!node || !rect) return;
      // The absolute position: a pod's own is relative to its Node (React Flow's focus pan uses that one).
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured.width ?? node.width ?? 0;
      const h = Math.min(node.measured.height ?? node.height ?? 0, node.type === 'vm' ? VM_HEADER : Infinity);
      const { x: tx, y: ty, zoom } = flow.getViewport();
      const sx = x * zoom + tx;
      const sy = y * zoom + ty;
      if (sx < 0 || sy < 0 || sx + w * zoom > rect.width || sy + h * zoom > rect.height)
        void flow.setCenter(x + w / 2, y + h / 2, { zoom, duration: 200 });
    },
    [flow, wrapper],
  );

  /** Focuses an object and brings it into view. */
  const focusObject = useCallback(
    (key: string) => {
      elementOf(key)?.focus({ preventScroll: true });
      showObject(key);
    },
    [elementOf, showObject],
  );

  /** Tab to an object out of sight brings it into view (for React Flow's `autoPanOnNodeFocus={false}`). */
  const onFocus = useCallback(
    (e: FocusEvent) => {
      const el = e.target as HTMLElement;
      if (!el.classList.contains('react-flow__node') || !el.matches(':focus-visible')) return;
      const key = el.getAttribute('data-id');
      if (key && key !== UNSCHEDULED_ID) showObject(key);
    },
    [showObject],
  );

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
      focusObject(next);
    },
    [announce, flow, focusObject, wrapper],
  );

  const nudge = useCallback(
    (picked: string[], dir: Direction, far: boolean) => {
      const step = far ? NUDGE * 10 : NUDGE;
      const moved: Record<string, XY> = {};
      for (const n of picked.map((k) => flow.getNode(k)).filter((n): n is FlowNode => !!n))
        if (n.type === 'vm' || n.type === 'card' || n.type === 'clients')
          moved[n.id] = {
            x: Math.round(n.position.x + STEP[dir].x * step),
            y: Math.round(n.position.y + STEP[dir].y * step),
          };
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
      const focused = el.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
      const onObject = focused !== null && focused !== UNSCHEDULED_ID ? focused : null;
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
        const box = elementOf(onObject)?.getBoundingClientRect();
        openMenu(
          (box?.left ?? 0) + 16,
          (box?.top ?? 0) + 16,
          onObject,
          menuFor(onObject, flow.getNode(onObject)?.type),
        );
      } else if ((e.key === 'c' || e.key === 'C') && plain && !e.shiftKey) {
        if (!canLink(kindOf(onObject)) || flow.getNode(onObject)?.type !== 'card') return;
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
          .map((n) => n.id);
        selectMany(all);
        announce(`${all.length} objects selected`);
      } else if (e.key === 'Escape' && plain) {
        done();
        select(null);
        announce('Selection cleared');
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

  return { onKeyDown, onFocus, menuFor, overlay, showHelp };
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
