/**
 * Light and dark themes: `data-theme` on the root element (src/index.css remaps the colours under it).
 * The person's choice is remembered in localStorage; until they choose, the system's
 * prefers-color-scheme decides, and follows it when it changes.
 */
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

/** Where the choice is remembered. */
export const THEME_KEY = 'kubecanvas.theme';

const listeners = new Set<() => void>();

function stored(): Theme | null {
  try {
    const v = window.localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function system(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

/** The theme in force: the remembered choice, else the system's. */
export function currentTheme(): Theme {
  return stored() ?? system();
}

function apply(): void {
  const theme = currentTheme();
  const root = document.documentElement;
  if (root.dataset['theme'] !== theme) root.dataset['theme'] = theme;
  root.style.colorScheme = theme;
  listeners.forEach((l) => l());
}

/** Chooses a theme (remembered), or `null` to follow the system again. */
export function setTheme(theme: Theme | null): void {
  try {
    if (theme) window.localStorage.setItem(THEME_KEY, theme);
    else window.localStorage.removeItem(THEME_KEY);
  } catch {
    // Storage refused (private mode): the choice lasts for this page.
  }
  if (theme && stored() !== theme) {
    document.documentElement.dataset['theme'] = theme;
    document.documentElement.style.colorScheme = theme;
    listeners.forEach((l) => l());
    return;
  }
  apply();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const read = (): Theme => (document.documentElement.dataset['theme'] as Theme | undefined) ?? currentTheme();

/** The theme in force, re-rendering when it changes. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, read, () => 'dark');
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  apply();
  window.matchMedia?.('(prefers-color-scheme: light)').addEventListener?.('change', apply);
}
