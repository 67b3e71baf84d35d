import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App, loadBenchHooks } from './app';
import { engineSettled, startStore } from './store';

startStore({ search: window.location.search, hash: window.location.hash });

// `npm run bench` drives the real app through hooks it installs only with `?bench` (loaded lazily).
loadBenchHooks(window.location.search);

// The first render waits for the engine (a Web Worker) to hold the design, so the canvas opens on it and
// fits it; a worker that does not answer within a few seconds does not keep the page blank.
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
void engineSettled().then(renderOnce);
setTimeout(renderOnce, 3000);
