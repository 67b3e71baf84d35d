import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App, loadBenchHooks } from './app';
import { engineSettled, startStore } from './store';

// The first render waits for the saved design (read from IndexedDB: the page never shows a template
// before it; a database that does not answer within 4 s is given up for localStorage, and the person is
// told where the design is kept), then for the engine (a Web Worker) to hold it, so the canvas opens on
// it and fits it; a worker that does not answer within a few seconds does not keep the page blank.
const render = (): void =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
let rendered = false;
const renderOnce = (): void => {
  if (rendered) return;
  rendered = true;
  render();
};
void startStore({ search: window.location.search, hash: window.location.hash })
  .catch((e: unknown) => console.error('kubecanvas: start-up failed', e))
  .then(() => {
    // `npm run bench` drives the real app through hooks it installs only with `?bench` (loaded lazily).
    loadBenchHooks(window.location.search);
    void engineSettled().then(renderOnce);
    setTimeout(renderOnce, 3000);
  });
