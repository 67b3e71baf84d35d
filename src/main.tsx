import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './app';
import { startStore } from './store';

startStore({ search: window.location.search, hash: window.location.hash });

// `npm run bench` drives the real app through hooks it installs only with `?bench` (loaded lazily, and
// only if the bench helper's module exists).
if (new URLSearchParams(window.location.search).has('bench')) {
  const load = Object.values(
    import.meta.glob<{ installBenchHooks?: (search: string) => void }>('./app/benchHooks.ts'),
  )[0];
  void load?.().then((m) => m.installBenchHooks?.(window.location.search));
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
