export { App } from './App';

/** Installs `npm run bench`'s hooks when the URL has `?bench`; the module loads only then. */
export function loadBenchHooks(search: string): void {
  if (!new URLSearchParams(search).has('bench')) return;
  void import('./benchHooks').then((m) => m.installBenchHooks(search));
}
