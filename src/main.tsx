import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App, loadBenchHooks } from './app';
import { startStore } from './store';

startStore({ search: window.location.search, hash: window.location.hash });

// `npm run bench` drives the real app through hooks it installs only with `?bench` (loaded lazily).
loadBenchHooks(window.location.search);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
