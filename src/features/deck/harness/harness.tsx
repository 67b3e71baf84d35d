/**
 * A development page (served by `vite`, not part of the build) that mounts the deck feature exactly as the
 * app shell is asked to: the presenter view for `#presenter`, the presentation for `#present`, else the
 * deck panel. e2e/deck.spec.ts runs against it with DECK_E2E_ENTRY until the shell mounts the feature.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './harness.css';
import { startStore } from '../../../store';
import { DeckButton, DeckPanel, Presentation, PresenterView, usePresentMode } from '..';

function Harness() {
  const mode = usePresentMode();
  if (mode === 'presenter') return <PresenterView />;
  if (mode === 'present') return <Presentation />;
  return (
    <main className="flex h-screen flex-col">
      <header className="flex items-center gap-3 border-b border-slate-700 p-2">
        <h1 className="font-semibold">kubecanvas</h1>
        <DeckButton />
      </header>
      <div className="min-h-0 flex-1">
        <DeckPanel />
      </div>
    </main>
  );
}

startStore({ search: window.location.search });
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
