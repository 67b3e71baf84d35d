import { useSyncExternalStore } from 'react';

/** What the URL asks the app to be: the presentation, the presenter window, or the editor. */
export type PresentMode = 'present' | 'presenter' | null;

function hashMode(): PresentMode {
  if (typeof location === 'undefined') return null;
  const hash = location.hash.replace(/^#/, '');
  const query = new URLSearchParams(location.search);
  if (hash === 'presenter' || query.has('presenter')) return 'presenter';
  if (hash === 'present' || hash.startsWith('present/') || query.has('present')) return 'present';
  return null;
}

/** True when the URL asks for presentation mode (`#present` or `?present`). */
export function shouldPresent(): boolean {
  return hashMode() === 'present';
}

/** True when this window is the presenter view (`#presenter` or `?presenter`). */
export function isPresenterWindow(): boolean {
  return hashMode() === 'presenter';
}

const subscribe = (l: () => void): (() => void) => {
  window.addEventListener('hashchange', l);
  window.addEventListener('popstate', l);
  return () => {
    window.removeEventListener('hashchange', l);
    window.removeEventListener('popstate', l);
  };
};

/** The present mode, following the URL hash as it changes (for the app shell). */
export function usePresentMode(): PresentMode {
  return useSyncExternalStore(subscribe, hashMode, () => null);
}

/** Enters presentation mode (sets `#present`). */
export function startPresenting(): void {
  location.hash = 'present';
}

/** Leaves presentation mode (removes the hash without leaving a history entry behind). */
export function stopPresenting(): void {
  history.replaceState(null, '', location.pathname + location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** Opens the presenter view in a second window. */
export function openPresenterWindow(): Window | null {
  const url = `${location.pathname}${location.search}#presenter`;
  return window.open(url, 'kubecanvas-presenter', 'popup,width=1200,height=760');
}
