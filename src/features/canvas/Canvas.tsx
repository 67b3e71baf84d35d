import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type DragEvent,
  type MouseEvent,
} from 'react';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi,
  getViewportForBounds,
  type Connection,
  type Edge,
  type IsValidConnection,
  type Node,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { keyOf, type KubeObject, type Pod } from '../../engine';
import { useTheme } from '../../components/ui';
import {
  documentStore,
  getReadinessVersion,
  getSimulation,
  getTopologyVersion,
  moveObjects,
  objectKeys,
  removeObjects,
  select,
  selectMany,
  sessionStore,
  subscribeFrame,
  useDocument,
  useSession,
  useTopologyVersion,
  authoredObject,
  type DocumentState,
  type SessionState,
  type XY,
} from '../../store';
import {
  copySelection,
  duplicateSelection,
  hasClipboard,
  isValidLink,
  linkObjects,
  pasteClipboard,
  setDrawnPositions,
  tidyCanvas,
} from './actions';
import { ContextMenu, type MenuItem } from './ContextMenu';
import { CANVAS_ARIA_LABELS, selectionEchoes, useCanvasKeyboard, zoomInOnCard } from './keyboard';
import { NotSimulatedPanel } from './NotSimulated';
import {
  layoutBounds,
  layoutGraph,
  MAX_PENDING_DRAWN,
  MAX_POD_EDGES_PODS,
  OVERVIEW_FROM_CARDS,
  OVERVIEW_ID,
  UNSCHEDULED_ID,
  withReadiness,
  type FlowRect,
  type OverviewData,
} from './layout';
import { cardAt } from './overview';
import { setOverviewCursor } from './overviewCursor';
import { mergeEdges, mergeNodes, stageArrivals } from './mergeNodes';
import { readModel } from './model';
import { nodeMenu } from './nodeActions';
import { kindMenu } from './objectActions';
import { withClients } from './clients';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { useTrackpadPan } from './trackpad';
import { withTraffic } from './trafficEdges';
import { useTrafficFlows } from './useTrafficFlows';

/** The drag-and-drop type palette items carry (the kind name, or a palette item id). */
export const PALETTE_MIME = 'application/x-kubecanvas-item';

/** What the canvas asks of its host when something is dropped on it. */
export interface CanvasProps {
  /** A palette item dropped at a flow position; `nodeName` when dropped onto a Node. */
  onDropItem?: (item: string, at: XY, nodeName: string | undefined) => void;
  /** Files dropped on the canvas (manifests or a project file). */
  onDropFiles?: (files: File[]) => void;
}

const LOW_DETAIL_ZOOM = 0.35;
// Start zoomed out (low detail) so a big design's first render does not draw every pod before fitView.
const INITIAL_VIEWPORT = { x: 0, y: 0, zoom: 0.1 };
const selectPositions = (s: DocumentState) => s.positions;
const MINIMAP_STYLE = { width: 168, height: 112 };
const selectFitRequest = (s: SessionState) => s.fitRequest;
const selectSelectedKeys = (s: SessionState) => s.selectedKeys;
const selectSelection = (s: SessionState) => s.selection;
const FIT_OPTIONS = { padding: 0.12, maxZoom: 1 };
/** Drawn objects above which a requested fit jumps instead of animating. */
const MAX_ANIMATED_FIT = 500;
/** How long a requested fit waits for the simulation to hold the design's objects, at most (wall ms). */
const MAX_FIT_WAIT_MS = 3000;
const NO_EDGES: Edge[] = [];
const MIN_ZOOM = 0.05;
/** How often a requested fit checks whether the simulation holds the design (wall ms). */
const FIT_CHECK_MS = 100;
const selectLowDetail = (s: { transform: [number, number, number] }) => s.transform[2] < LOW_DETAIL_ZOOM;
const TINY_ZOOM = 0.16;
const selectTiny = (s: { transform: [number, number, number] }) => s.transform[2] < TINY_ZOOM;
const minimapColor = (n: Node): string =>
  n.type === 'vm'
    ? 'var(--kc-minimap-vm)'
    : n.type === 'pod'
      ? '#326ce5'
      : n.type === 'card'
        ? 'var(--kc-minimap-card)'
        : 'transparent';
function currentSelection(): string[] {
  const { selection, selectedKeys } = sessionStore.getState();
  return selectedKeys.length > 0 ? selectedKeys : selection ? [selection] : [];
}

/** The actions of an object's context menu (a Node's own actions first). */
function objectMenu(key: string, type: string | undefined): MenuItem[] {
  const items: MenuItem[] = type === 'vm' ? nodeMenu(key) : kindMenu(key);
  const isAuthored = !!authoredObject(key);
  if (isAuthored) {
    items.unshift(
      { label: 'Copy', hint: 'Ctrl+C', run: () => void copySelection() },
      { label: 'Duplicate', hint: 'Ctrl+D', run: () => void duplicateSelection() },
    );
  }
  if (type !== 'vm')
    items.push({ label: 'Delete', hint: 'Del', run: () => removeObjects(currentSelection()), danger: true });
  return items;
}

/** The actions of the empty canvas. */
function paneMenu(fit: () => void): MenuItem[] {
  const items: MenuItem[] = [];
  if (hasClipboard()) items.push({ label: 'Paste', hint: 'Ctrl+V', run: () => void pasteClipboard() });
  items.push({ label: 'Tidy up', run: () => void tidyCanvas() }, { label: 'Fit view', run: fit });
  return items;
}

function useGraph() {
  // Reading and laying out a big cluster takes milliseconds per topology change: deferred, it runs in a
  // render of its own after the frame's commit (React may yield inside it), not in the commit's task.
  const topology = useDeferredValue(useTopologyVersion());
  const positions = useDocument(selectPositions);
  const lowDetail = useFlowStore(selectLowDetail);
  // The model is read again only when the topology version moves (see runtime.ts), not on every frame;
  // pods and cards in creation order, so they keep their places when they change.
  const model = useMemo(() => {
    void topology;
    return readModel(getSimulation().store, objectKeys);
  }, [topology]);
  // A big cluster draws pod edges for the selected object only; a small one ignores the selection here.
  const selection = useSession(selectSelection);
  const focus = model.pods.length > MAX_POD_EDGES_PODS ? selection : null;
  // Thousands of pods: only the Nodes on screen (in 1,000-unit steps, with a margin) draw their pods; and
  // from a few hundred, the Unscheduled area draws the rows of pending pods on screen (see layoutGraph).
  const viewKey = useFlowStore(
    model.pods.length > MAX_PENDING_DRAWN && !lowDetail ? selectViewBucket : selectNoView,
  );
  const visible = useMemo(() => parseViewBucket(viewKey), [viewKey]);
  return useMemo(
    () => ({
      ...withClients(
        layoutGraph(model, positions, lowDetail, focus, visible),
        getSimulation().store,
        positions,
      ),
      cards: model.cards.length,
      topology,
    }),
    [model, positions, lowDetail, focus, visible, topology],
  );
}

/**
 * The layout's edges with their pods' readiness now. A pod turning ready is not a new layout (see the
 * runtime's readiness version): the Service-to-pod edges are brought up to date on the frames that
 * carried such a change, and the canvas re-renders only when an edge really changed.
 */
function useEdgesWithReadiness(edges: Edge[]): Edge[] {
  const cache = useRef<{ edges: Edge[]; version: number; out: Edge[] } | null>(null);
  const get = useCallback(() => {
    const version = getReadinessVersion();
    const c = cache.current;
    if (c && c.edges === edges && c.version === version) return c.out;
    const store = getSimulation().store;
    const out = withReadiness(c && c.edges === edges ? c.out : edges, (k) =>
      store.getByKey<Pod & KubeObject>(k),
    );
    cache.current = { edges, version, out };
    return out;
  }, [edges]);
  return useSyncExternalStore(subscribeFrame, get);
}

/** Drawn objects, or cards, from which React Flow draws only those in view, even zoomed far out. */
const CULL_ALWAYS_NODES = 1000;
const CULL_CARDS = 200;
const BUCKET = 1000;
type FlowView = { transform: [number, number, number]; width: number; height: number };
const selectNoView = (): string => '';
function selectViewBucket(s: FlowView): string {
  const [tx, ty, z] = s.transform;
  const x0 = Math.floor(-tx / z / BUCKET) - 1;
  const y0 = Math.floor(-ty / z / BUCKET) - 1;
  const x1 = Math.ceil((s.width - tx) / z / BUCKET) + 1;
  const y1 = Math.ceil((s.height - ty) / z / BUCKET) + 1;
  return `${x0}:${y0}:${x1}:${y1}`;
}
function parseViewBucket(key: string): FlowRect | null {
  if (!key) return null;
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = key.split(':').map((n) => Number(n) * BUCKET);
  return { x0, y0, x1, y1 };
}

function nodeAt(nodes: readonly Node[], p: XY): Node | undefined {
  return nodes.find(
    (n) =>
      n.type === 'vm' &&
      p.x >= n.position.x &&
      p.x <= n.position.x + (n.width ?? 0) &&
      p.y >= n.position.y &&
      p.y <= n.position.y + (n.height ?? 0),
  );
}

/** The card of the overview under a point of the flow (the overview draws hundreds of cards zoomed out). */
function overviewCardAt(n: Node, p: XY): string | undefined {
  const { cards } = n.data as OverviewData;
  return cardAt(cards, p.x - n.position.x, p.y - n.position.y)?.key;
}

let drawnTopology = -1;

/**
 * The runtime's topology version the canvas has drawn (its layout is a deferred render after the commit
 * that changed the topology): the bench's import figure waits for it.
 */
export function drawnTopologyVersion(): number {
  return drawnTopology;
}

function CanvasInner({ onDropItem, onDropFiles }: CanvasProps) {
  const graph = useGraph();
  const selectedKeys = useSession(selectSelectedKeys);
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const [nodes, setNodes] = useState<Node[]>(graph.nodes);
  const laidEdges = useEdgesWithReadiness(graph.edges);
  const [edges, setEdges] = useState<Edge[]>(laidEdges);
  const flows = useTrafficFlows();
  const drawnEdges = useMemo(() => withTraffic(edges, flows), [edges, flows]);
  const [menu, setMenu] = useState<{ x: number; y: number; key: string; items: MenuItem[] } | null>(null);
  const [dropping, setDropping] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);

  // While pods that arrived bound are staged in the Unscheduled area (two frames), the layout is not yet
  // drawn as it is: drawnTopologyVersion waits for the frame that puts them in their Nodes.
  const staging = useRef(false);
  useEffect(() => {
    let frame = 0;
    const picked = new Set(currentSelection());
    setNodes((prev) => {
      const staged = stageArrivals(prev, graph.nodes);
      staging.current = staged !== graph.nodes;
      if (!staging.current) return mergeNodes(prev, graph.nodes, picked);
      // Pods the scheduler bound in the instant they were made start in the Unscheduled area, then glide.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          staging.current = false;
          setNodes((p) => mergeNodes(p, graph.nodes, picked));
        });
      });
      return mergeNodes(prev, staged, picked);
    });
    return () => cancelAnimationFrame(frame);
  }, [graph.nodes]);
  useEffect(() => setEdges((prev) => mergeEdges(prev, laidEdges)), [laidEdges]);
  // React Flow has been given this layout's nodes (the effect after the render that drew them).
  useEffect(() => {
    if (!staging.current) drawnTopology = graph.topology;
  }, [nodes, graph.topology]);

  useEffect(() => {
    const picked = new Set(selectedKeys);
    selectionEchoes.given(selectedKeys);
    setNodes((prev) =>
      prev.map((n) => (picked.has(n.id) === !!n.selected ? n : { ...n, selected: picked.has(n.id) })),
    );
  }, [selectedKeys]);

  // A fit asked for (an import, a template) waits until the canvas has drawn the design: the simulation
  // must hold its objects first (they reach the page from the engine), then their layout be drawn. A big
  // canvas fits at once: an animated fit over thousands of objects draws and culls them on every frame.
  const fitRequest = useSession(selectFitRequest);
  const fitAfter = useRef<{ since: number; topology?: number; shown?: Node[] } | null>(null);
  const fitTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(fitTimer.current), []);
  useEffect(() => {
    if (fitRequest !== 0) fitAfter.current = { since: Date.now() };
  }, [fitRequest]);
  // Checked again while waiting, even when nothing on the canvas changes (an object refused).
  const [fitCheck, setFitCheck] = useState(0);
  useEffect(() => {
    const f = fitAfter.current;
    if (f === null) return;
    const big = graph.nodes.length > MAX_ANIMATED_FIT || graph.cards >= OVERVIEW_FROM_CARDS;
    // The view is worked out from the layout itself (every object has its size), not from what React
    // Flow has drawn and measured: a big import is drawn at the zoom it is fitted to (zoomed out, as the
    // overview), never first at the zoom it was imported at.
    const fitLayout = (duration: number): void => {
      const { width, height } = flowStore.getState();
      const bounds = layoutBounds(graph.nodes);
      if (!bounds || width <= 0 || height <= 0) {
        fitTimer.current = setTimeout(() => void flow.fitView({ ...FIT_OPTIONS, duration }), 60);
        return;
      }
      const { maxZoom, padding } = FIT_OPTIONS;
      void flow.setViewport(getViewportForBounds(bounds, width, height, MIN_ZOOM, maxZoom, padding), {
        duration,
      });
    };
    // A big design that arrives in batches is fitted as each is drawn, without animation.
    const fitSoFar = (): void => {
      if (!big || f.shown === graph.nodes) return;
      f.shown = graph.nodes;
      fitLayout(0);
    };
    if (f.topology === undefined) {
      const store = getSimulation().store;
      const held = documentStore.getState().objects.every((o) => store.getByKey(keyOf(o)));
      // An object the simulation refused never comes: after a while the fit goes ahead without it.
      if (!held && Date.now() - f.since < MAX_FIT_WAIT_MS) {
        fitSoFar();
        clearTimeout(fitTimer.current);
        fitTimer.current = setTimeout(() => setFitCheck((n) => n + 1), FIT_CHECK_MS);
        return;
      }
      f.topology = getTopologyVersion();
    }
    if (graph.topology < f.topology) return fitSoFar();
    fitAfter.current = null;
    clearTimeout(fitTimer.current);
    fitLayout(big ? 0 : 300);
  }, [fitRequest, graph.topology, graph.nodes, graph.cards, flow, flowStore, fitCheck]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    setNodes((prev) => applyNodeChanges(changes, prev));
  }, []);

  const onNodeDragStart: OnNodeDrag = useCallback(() => setDragging(true), []);
  const onNodeDragStop: OnNodeDrag = useCallback((_e, _node, dragged) => {
    setDragging(false);
    const moved: Record<string, XY> = {};
    for (const n of dragged)
      if (!n.parentId) moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    if (Object.keys(moved).length > 0) moveObjects(moved);
  }, []);

  const onNodeClick = useCallback(
    (e: MouseEvent, n: Node) => {
      if (n.id === OVERVIEW_ID) {
        const key = overviewCardAt(n, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        // The keyboard goes on from the card clicked.
        if (key) setOverviewCursor(key);
        if (key && (e.ctrlKey || e.metaKey)) selectMany([...new Set([...currentSelection(), key])]);
        else select(key ?? null);
        return;
      }
      // Control/Meta+click adds to the selection: React Flow reports it through onSelectionChange, and
      // selecting the one node here as well made the two fight (React's maximum update depth).
      if (e.ctrlKey || e.metaKey) return;
      if (n.id !== UNSCHEDULED_ID) select(n.id);
    },
    [flow],
  );

  // Double-click a card of the overview: zoom in on it, where it is drawn as itself (+ on the keyboard).
  const onNodeDoubleClick = useCallback(
    (e: MouseEvent, n: Node) => {
      if (n.id !== OVERVIEW_ID) return;
      const key = overviewCardAt(n, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
      if (key) zoomInOnCard(flow, key);
    },
    [flow],
  );

  const openMenu = useCallback((clientX: number, clientY: number, key: string, items: MenuItem[]) => {
    const rect = wrapper.current?.getBoundingClientRect();
    if (items.length === 0) return;
    setMenu({ x: clientX - (rect?.left ?? 0), y: clientY - (rect?.top ?? 0), key, items });
  }, []);

  const lowDetail = useFlowStore(selectLowDetail);
  // Zooming across the overview's threshold (a jump fit from 1 to 0.05, say), the nodes React Flow holds
  // are the other mode's until the effect above merges the new layout: drawn at the new zoom, 2,000 cards
  // would all be in view for that render. The new layout is drawn at once instead.
  const overviewNow = lowDetail && graph.cards >= OVERVIEW_FROM_CARDS;
  const settledMode = (nodes[1]?.id === OVERVIEW_ID) === overviewNow;
  const shownNodes = settledMode ? nodes : graph.nodes;
  // What is drawn as elements: the keyboard hands the focus on when it changes.
  const mode = `${lowDetail}:${shownNodes[1]?.id === OVERVIEW_ID}`;

  const fit = useCallback(() => void flow.fitView({ ...FIT_OPTIONS, duration: 300 }), [flow]);
  const keyboard = useCanvasKeyboard({ flow, wrapper, openMenu, objectMenu, fit, onDropItem, mode });
  useTrackpadPan(wrapper, flow);
  const { menuFor } = keyboard;

  const onNodeContextMenu = useCallback(
    (e: MouseEvent, n: Node) => {
      if (n.id === UNSCHEDULED_ID) return;
      e.preventDefault();
      if (n.id === OVERVIEW_ID) {
        const key = overviewCardAt(n, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        if (!key) return openMenu(e.clientX, e.clientY, 'Canvas', paneMenu(fit));
        if (!sessionStore.getState().selectedKeys.includes(key)) select(key);
        return openMenu(e.clientX, e.clientY, key, menuFor(key, 'card'));
      }
      // Right-click inside a multiple selection acts on all of it.
      if (!sessionStore.getState().selectedKeys.includes(n.id)) select(n.id);
      openMenu(e.clientX, e.clientY, n.id, menuFor(n.id, n.type));
    },
    [openMenu, menuFor, flow, fit],
  );

  const onPaneContextMenu = useCallback(
    (e: MouseEvent | globalThis.MouseEvent) => {
      e.preventDefault();
      openMenu(e.clientX, e.clientY, 'Canvas', paneMenu(fit));
    },
    [openMenu, fit],
  );

  useEffect(() => {
    setDrawnPositions((key) => flow.getNode(key)?.position);
  }, [flow]);

  const onConnect = useCallback((c: Connection) => {
    void linkObjects(c.source, c.target).then((linked) => linked && select(c.source));
  }, []);
  const isValidConnection: IsValidConnection = useCallback((c) => isValidLink(c.source, c.target), []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (![...e.dataTransfer.types].some((t) => t === PALETTE_MIME || t === 'Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      setDropping(false);
      const item = e.dataTransfer.getData(PALETTE_MIME);
      if (item) {
        e.preventDefault();
        const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        const target = nodeAt(flow.getNodes(), at);
        const nodeName = target ? getSimulation().store.getByKey(target.id)?.metadata.name : undefined;
        onDropItem?.(item, { x: Math.round(at.x), y: Math.round(at.y) }, nodeName);
        return;
      }
      if (e.dataTransfer.files.length > 0) {
        e.preventDefault();
        onDropFiles?.([...e.dataTransfer.files]);
      }
    },
    [flow, onDropItem, onDropFiles],
  );

  const onSelectionChange = useCallback(({ nodes: picked }: { nodes: Node[] }) => {
    // Box selection or Shift+click; a late echo of a selection the session gave React Flow is ignored.
    const keys = picked.filter((n) => n.id !== UNSCHEDULED_ID).map((n) => n.id);
    if (keys.length > 0 && selectionEchoes.isNews(keys)) selectMany(keys);
  }, []);

  const closeMenu = useCallback(() => setMenu(null), []);
  const tiny = useFlowStore(selectTiny);
  const theme = useTheme();
  const shownEdges = settledMode ? drawnEdges : NO_EDGES;
  // A design drawn as an overview zoomed out is as big as its cards once zoomed in.
  const bigGraph = nodes.length > 300 || graph.cards >= OVERVIEW_FROM_CARDS;
  // Culling visible nodes costs a pass over every node per pan frame, and nodes coming into view are
  // drawn while panning: worth it when pods are drawn, or when there are hundreds of cards (a big import:
  // they stand in one column, of which a zoomed-out view shows a part) or thousands of objects.
  const cull = bigGraph && (!lowDetail || graph.cards > CULL_CARDS || nodes.length > CULL_ALWAYS_NODES);

  return (
    <div
      ref={wrapper}
      className={`kc-canvas relative h-full w-full ${dropping ? 'kc-dropping' : ''} ${dragging ? 'kc-dragging' : ''} ${connecting ? 'kc-connecting' : ''} ${tiny ? 'kc-tiny' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
      onKeyDownCapture={keyboard.onKeyDown}
      onFocusCapture={keyboard.onFocus}
      onBlurCapture={keyboard.onBlur}
      data-testid="canvas"
    >
      <ReactFlow
        nodes={shownNodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={() => select(null)}
        onPaneContextMenu={onPaneContextMenu}
        onSelectionChange={onSelectionChange}
        onConnect={onConnect}
        onConnectStart={() => setConnecting(true)}
        onConnectEnd={() => setConnecting(false)}
        isValidConnection={isValidConnection}
        connectionRadius={36}
        deleteKeyCode={null}
        colorMode={theme}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        fitView
        defaultViewport={INITIAL_VIEWPORT}
        fitViewOptions={FIT_OPTIONS}
        onlyRenderVisibleElements={cull}
        zoomOnDoubleClick={false}
        attributionPosition="top-right"
        aria-label="Cluster canvas"
        ariaLabelConfig={CANVAS_ARIA_LABELS}
        autoPanOnNodeFocus={false}
      >
        {/* Zoomed far out the dot grid would be a dot every pixel or two: costly to paint, useless to see. */}
        {!lowDetail && (
          <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="var(--kc-grid)" />
        )}
        <Controls position="bottom-left" showInteractive={false}>
          <ControlButton
            onClick={() => void tidyCanvas()}
            title="Tidy up: lay everything out"
            aria-label="Tidy up"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M3 4h7v6H3zM14 4h7v4h-7zM14 12h7v8h-7zM3 14h7v6H3z" fill="currentColor" />
            </svg>
          </ControlButton>
          <ControlButton onClick={keyboard.showHelp} title="Canvas keys (?)" aria-label="Canvas keys">
            <span aria-hidden="true">?</span>
          </ControlButton>
        </Controls>
        <NotSimulatedPanel />
        {!bigGraph && (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            nodeColor={minimapColor}
            style={MINIMAP_STYLE}
            maskColor="var(--kc-minimap-mask)"
          />
        )}
      </ReactFlow>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          title={menu.key.split('/').pop() ?? ''}
          items={menu.items}
          onClose={closeMenu}
        />
      )}
      {keyboard.overlay}
    </div>
  );
}

/** The cluster canvas: Nodes with their pods, controllers, Services, Ingresses and their links. */
export function Canvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}
