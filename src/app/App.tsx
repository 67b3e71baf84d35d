import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Canvas } from '../features/canvas';
import { Palette, addFromPalette } from '../features/palette';
import { Topbar, importFiles } from '../features/topbar';
import { TimelineBar } from '../features/timeline';
import { useSelection, useSession, type SessionState } from '../store';
import { ErrorBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { installShortcuts } from './shortcuts';
import {
  DeckEditorPanel,
  DockPanel,
  InspectorPanel,
  PresentationView,
  PresenterWindow,
  startPresenting,
} from './slots';

const selectPanels = (s: SessionState) => s.panels;

function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-full items-center justify-center p-6 text-center text-sm text-slate-500">
      {children}
    </div>
  );
}

function usePresentHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

type RightTab = 'Inspector' | 'Slides';
const RIGHT_TABS: readonly RightTab[] = ['Inspector', 'Slides'];

/** The right-hand panel: the inspector, or the deck's slides (edit a talk beside the live canvas). */
function RightPanel({ tab, setTab }: { tab: RightTab; setTab: (tab: RightTab) => void }) {
  const selection = useSelection();
  // Selecting something on the canvas brings the inspector back.
  useEffect(() => {
    if (selection !== null) setTab('Inspector');
  }, [selection, setTab]);
  return (
    <aside
      aria-label="Inspector"
      data-slot="inspector"
      className="kc-panel flex min-w-0 flex-col overflow-hidden border-l"
    >
      <div
        role="tablist"
        aria-label="Right panel"
        className="flex shrink-0 gap-1 border-b border-slate-800 px-2 text-xs"
      >
        {RIGHT_TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={`px-3 py-1.5 ${tab === t ? 'border-b-2 border-sky-400 text-slate-100' : 'text-slate-400 hover:text-slate-200'}`}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        {tab === 'Inspector' ? (
          <ErrorBoundary name="inspector">
            <Suspense fallback={<Empty>Loading…</Empty>}>
              <InspectorPanel />
            </Suspense>
          </ErrorBoundary>
        ) : (
          <ErrorBoundary name="slides">
            <Suspense fallback={<Empty>Loading…</Empty>}>
              <DeckEditorPanel />
            </Suspense>
          </ErrorBoundary>
        )}
      </div>
    </aside>
  );
}

function Workspace() {
  const panels = useSession(selectPanels);
  const [rightTab, setRightTab] = useState<RightTab>('Inspector');
  // The slide editor needs more room than the inspector.
  const rightWidth = !panels.inspector ? '0px' : rightTab === 'Slides' ? '560px' : '320px';
  return (
    <div className="kc-app">
      <Topbar onPresent={startPresenting} />
      <div className="kc-body" style={{ gridTemplateColumns: `216px 1fr ${rightWidth}` }}>
        <aside aria-label="Palette panel" className="kc-panel border-r">
          <Palette />
        </aside>
        <div className="kc-center" style={{ gridTemplateRows: `1fr auto ${panels.dock ? '200px' : '32px'}` }}>
          <main className="relative min-h-0" aria-label="Canvas">
            <ErrorBoundary name="canvas">
              <Canvas
                onDropItem={(item, at, node) => addFromPalette(item, at, node)}
                onDropFiles={(f) => void importFiles(f)}
              />
            </ErrorBoundary>
          </main>
          <TimelineBar />
          <section aria-label="Dock panel" data-slot="dock" className="kc-panel min-h-0 border-t">
            <ErrorBoundary name="dock">
              <Suspense fallback={<Empty>Loading…</Empty>}>
                <DockPanel />
              </Suspense>
            </ErrorBoundary>
          </section>
        </div>
        <RightPanel tab={rightTab} setTab={setRightTab} />
      </div>
      <Notices />
    </div>
  );
}

/** The app shell: top bar, palette, canvas, inspector (right), dock (bottom); presentation by URL hash. */
export function App() {
  useEffect(installShortcuts, []);
  const hash = usePresentHash();
  const View = hash.startsWith('#presenter')
    ? PresenterWindow
    : hash.startsWith('#present')
      ? PresentationView
      : null;
  if (View)
    return (
      <Suspense fallback={null}>
        <View />
      </Suspense>
    );
  return <Workspace />;
}
