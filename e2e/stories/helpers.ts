import { expect, type Locator, type Page } from '@playwright/test';

/** What a person uses in the stories: the canvas, the top bar, the inspector and the dock's console. */
export function app(page: Page) {
  const inspector = page.locator('[data-slot="inspector"]');
  const dock = page.locator('[data-slot="dock"]');
  const log = dock.getByRole('log', { name: 'Console output' });
  const pods = page.locator('[data-kind="Pod"]');
  return {
    inspector,
    dock,
    log,
    pods,
    nodes: page.locator('[data-kind="Node"]'),
    card: (kind: string, name: string): Locator => page.locator(`[data-kind="${kind}"][data-name="${name}"]`),
    podsOf: (app: string): Locator => page.locator(`[data-kind="Pod"][data-name^="${app}-"]`),
    readyPods: (prefix = ''): Locator =>
      page.locator(`[data-kind="Pod"][data-name^="${prefix}"][data-ready="true"]`),
    pendingPods: page.locator('[data-kind="Pod"][data-node=""]'),
    inspectorTab: (name: string) => inspector.getByRole('tab', { name: new RegExp(`^${name}`) }),
    dockTab: (name: string) => dock.getByRole('tab', { name, exact: true }),
    /** Clicks a palette button (the keyboard-and-click way to add an object). */
    async add(item: string) {
      await page
        .getByRole('navigation', { name: 'Palette' })
        .getByRole('button', { name: item, exact: true })
        .click();
    },
    /** Drops a palette item onto the canvas at a point. */
    async drop(item: string, at: { x: number; y: number }) {
      const source = page
        .getByRole('navigation', { name: 'Palette' })
        .getByRole('button', { name: item, exact: true });
      await source.dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
    },
    async startEmpty() {
      await page.getByRole('button', { name: 'New' }).click();
      await page.getByRole('menuitem', { name: 'An empty cluster' }).click();
      await expect(page.locator('[data-kind="Node"]')).toHaveCount(0);
    },
    async speed(s: '1×' | '2×' | '10×' | '100×') {
      await page.getByRole('button', { name: s, exact: true }).click();
    },
    /** Types a line into the console and presses Enter; returns the output of that line. */
    async kubectl(line: string): Promise<Locator> {
      const tab = dock.getByRole('tab', { name: 'Console', exact: true });
      if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
      const input = dock.getByRole('textbox', { name: 'kubectl command' });
      await input.fill(line);
      await input.press('Enter');
      const entry = log
        .locator('div.mb-1')
        .filter({ hasText: `$ ${line}` })
        .last();
      await expect(entry).toBeVisible();
      return entry;
    },
    /** Simulated time in seconds, read from the top bar's clock. */
    async simSeconds(): Promise<number> {
      const t = (await page.getByLabel('Simulated time').textContent()) ?? '0:00:00.0';
      const [h, m, s] = t.split(':').map(Number);
      return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
    },
  };
}

/** Collects page errors and console errors. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Pod name -> state -> the simulated second it was first drawn in that state (sampled every 20 ms). */
export type StateLog = Record<string, Record<string, number>>;

/** Starts recording, in the page, when each pod is first drawn in each state (by the top bar's clock). */
export async function recordPodStates(page: Page): Promise<() => Promise<StateLog>> {
  await page.evaluate(() => {
    const log: Record<string, Record<string, number>> = {};
    (window as unknown as { __podLog: typeof log }).__podLog = log;
    const clock = () => {
      const t = document.querySelector('[aria-label="Simulated time"]')?.textContent ?? '0:00:00.0';
      const [h, m, s] = t.split(':').map(Number);
      return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
    };
    setInterval(() => {
      const now = clock();
      for (const el of document.querySelectorAll('[data-kind="Pod"]')) {
        const name = el.getAttribute('data-name') ?? '';
        const state = el.getAttribute('data-state') ?? '';
        const seen = (log[name] ??= {});
        if (seen[state] === undefined) seen[state] = now;
      }
    }, 20);
  });
  return () => page.evaluate(() => (window as unknown as { __podLog: StateLog }).__podLog);
}

/**
 * Waits, in the page, until `selector` matches `count` elements, and returns the simulated second on the
 * top bar's clock at that moment (sampled every 10 ms, so at 100x speed within about a second).
 */
export async function simTimeWhen(
  page: Page,
  selector: string,
  count: number,
  timeout = 30_000,
): Promise<number> {
  const handle = await page.waitForFunction(
    ([sel, n]) => {
      if (document.querySelectorAll(sel as string).length !== n) return false;
      const t = document.querySelector('[aria-label="Simulated time"]')?.textContent ?? '0:00:00.0';
      const [h, m, s] = t.split(':').map(Number);
      return String((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0));
    },
    [selector, count] as const,
    { polling: 10, timeout },
  );
  return Number(await handle.jsonValue());
}

/** Puts text on the clipboard and pastes it onto the canvas with Ctrl+V, as a person pastes a manifest. */
export async function pasteOnCanvas(page: Page, text: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('.react-flow__pane').click({ position: { x: 15, y: 15 } });
  await page.keyboard.press('Control+v');
}

/** Drops a file onto the canvas, as a person dragging it from their file manager. */
export async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/yaml' }));
      return dt;
    },
    { name, text },
  );
  const pane = page.locator('.react-flow__pane');
  await pane.dispatchEvent('dragover', { dataTransfer: transfer });
  await pane.dispatchEvent('drop', { dataTransfer: transfer });
}

/**
 * kubecanvas's saves in the page's IndexedDB (`kubecanvas`/`saves`): every key, in key order, and the
 * values of the keys asked for (`keys`, and those starting with `prefix`).
 */
export async function readSaves(
  page: Page,
  want: { keys?: string[]; prefix?: string } = {},
): Promise<{ keys: string[]; values: Record<string, unknown> }> {
  return page.evaluate(
    async ({ wanted, prefix }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('kubecanvas');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const store = db.transaction('saves').objectStore('saves');
      const get = <T>(req: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const keys = (await get(store.getAllKeys())).map(String);
      const read = keys.filter((k) => wanted.includes(k) || (prefix !== null && k.startsWith(prefix)));
      const got = await Promise.all(read.map((k) => get(store.get(k))));
      db.close();
      return { keys, values: Object.fromEntries(read.map((k, i) => [k, got[i]])) };
    },
    { wanted: want.keys ?? [], prefix: want.prefix ?? null },
  );
}
