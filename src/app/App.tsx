import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Canvas } from '../features/canvas';
import { Palette, addFromPalette } from '../features/palette';
import { Topbar, importFiles } from '../features/topbar';
import { togglePanel, useSession, type SessionState } from '../store';
import { ErrorBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { installShortcuts } from './shortcuts';
import { DockPanel, InspectorPanel, PresentationView, PresenterWindow, startPresenting } from './slots';

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

function Workspace() {
  const panels = useSession(selectPanels);
  return (
    <div className="kc-app">
      <Topbar {...(startPresenting ? { onPresent: startPresenting } : {})} />
      <div
        className="kc-body"
        style={{ gridTemplateColumns: `216px 1fr ${panels.inspector ? '320px' : '0px'}` }}
      >
        <aside aria-label="Palette panel" className="kc-panel border-r">
          <Palette />
        </aside>
        <div className="kc-center" style={{ gridTemplateRows: `1fr ${panels.dock ? '200px' : '32px'}` }}>
          <main className="relative min-h-0" aria-label="Canvas">
            <ErrorBoundary name="canvas">
              <Canvas
                onDropItem={(item, at, node) => addFromPalette(item, at, node)}
                onDropFiles={(f) => void importFiles(f)}
              />
            </ErrorBoundary>
          </main>
          <section aria-label="Dock panel" data-slot="dock" className="kc-panel min-h-0 border-t">
            <ErrorBoundary name="dock">
              {DockPanel ? (
                <Suspense fallback={<Empty>Loading…</Empty>}>
                  <DockPanel />
                </Suspense>
              ) : (
                <Empty>
                  <span>Events, YAML, console and charts will live here.</span>
                  <button type="button" className="ml-2 underline" onClick={() => togglePanel('dock')}>
                    {panels.dock ? 'Collapse' : 'Expand'}
                  </button>
                </Empty>
              )}
            </ErrorBoundary>
          </section>
        </div>
        <aside
          aria-label="Inspector"
          data-slot="inspector"
          className="kc-panel min-w-0 overflow-auto border-l"
        >
          <ErrorBoundary name="inspector">
            {InspectorPanel ? (
              <Suspense fallback={<Empty>Loading…</Empty>}>
                <InspectorPanel />
              </Suspense>
            ) : (
              <Empty>Select a node, a pod or a workload to inspect it.</Empty>
            )}
          </ErrorBoundary>
        </aside>
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
