import { expect, test, type Page } from '@playwright/test';
import { load } from 'js-yaml';
import { bigDeploymentsText } from '../bench/ioText';
import { app, readSaves, watchErrors } from './stories/helpers';

// Nothing a user made is lost, however big: a 3 MB design is saved in IndexedDB (a save earlier versions
// left in localStorage is moved there), comes back whole after a reload, and saving it never holds the page.

const KEY = 'kubecanvas:document';

/** The 3 MB design of issue #10 (10 Namespaces, 2,000 Deployments) as an earlier version saved it. */
function legacySave(): string {
  const objects = bigDeploymentsText()
    .split(/^---\n/m)
    .map((doc) => load(doc));
  return JSON.stringify({ formatVersion: 1, objects, positions: {}, seed: 1 });
}

/**
 * Before the app starts (once per tab): the earlier version's save in localStorage; on every load, the
 * page's long tasks and each save's call into storage (localStorage.setItem of the design, IndexedDB's put),
 * with when it started and how long it held the page.
 */
async function instrument(page: Page, saved: string): Promise<void> {
  await page.addInitScript(
    ({ key, saved }) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, saved);
        sessionStorage.setItem('seeded', '1');
      }
      const w = window as unknown as {
        __longTasks: Array<{ start: number; duration: number }>;
        __saves: Array<{ how: string; start: number; ms: number; chars: number }>;
      };
      w.__longTasks = [];
      w.__saves = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k: string, v: string) {
        const start = performance.now();
        try {
          setItem.call(this, k, v);
        } finally {
          if (k === key)
            w.__saves.push({ how: 'localStorage', start, ms: performance.now() - start, chars: v.length });
        }
      };
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, k?: IDBValidKey) {
        const start = performance.now();
        try {
          return put.call(this, value, k);
        } finally {
          if (k === key) {
            const chars = (value as { objects?: string }).objects?.length ?? 0;
            w.__saves.push({ how: 'IndexedDB', start, ms: performance.now() - start, chars });
          }
        }
      };
    },
    { key: KEY, saved },
  );
}

/** The saves since the last call, each with the longest long task running when it began (0: none). */
async function savesSince(
  page: Page,
): Promise<Array<{ how: string; ms: number; chars: number; task: number }>> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __longTasks: Array<{ start: number; duration: number }>;
      __saves: Array<{ how: string; start: number; ms: number; chars: number }>;
    };
    const out = w.__saves.map((s) => ({
      how: s.how,
      ms: Math.round(s.ms),
      chars: s.chars,
      task: Math.round(
        Math.max(
          0,
          ...w.__longTasks
            .filter((t) => t.start <= s.start && s.start <= t.start + t.duration)
            .map((t) => t.duration),
        ),
      ),
    }));
    w.__saves = [];
    return out;
  });
}

/** Asks the console until the answer matches (the engine loads a big design for a while). */
async function expectInCluster(kc: ReturnType<typeof app>, line: string, answer: RegExp): Promise<void> {
  await expect(async () => {
    await expect(await kc.kubectl(line)).toContainText(answer, { timeout: 2000 });
  }).toPass({ timeout: 240_000, intervals: [2000] });
}

/** The objects of the saved design, read from IndexedDB (or from localStorage, where an earlier version kept it). */
async function savedObjects(page: Page): Promise<Array<{ kind: string }>> {
  const legacy = await page.evaluate((key) => localStorage.getItem(key), KEY);
  if (legacy) return (JSON.parse(legacy) as { objects: Array<{ kind: string }> }).objects;
  const record = (await readSaves(page, { keys: [KEY] })).values[KEY] as { objects: string };
  // One object's JSON a line.
  return record.objects.split('\n').map((o) => JSON.parse(o) as { kind: string });
}

test('a 3 MB design saved by an earlier version: moved to IndexedDB, all there after reloads, saved without holding the page', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000);
  const errors = watchErrors(page);
  const kc = app(page);
  const saved = legacySave();
  expect(saved.length).toBeGreaterThan(2_400_000);
  await instrument(page, saved);

  await page.goto('/');
  // All of it is there: the last Deployment, asked for in the console.
  await expectInCluster(kc, 'kubectl get deploy app-1999 -n team-9', /app-1999\s+0\/5/);
  expect(await savedObjects(page)).toHaveLength(2010);
  await page.screenshot({ path: testInfo.outputPath('persist-big-opened.png') });
  // Moved: IndexedDB holds it, localStorage no longer does (its 5 MB stay free).
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY), { timeout: 30_000 }).toBeNull();

  // A change: a ConfigMap from the palette. It is saved within a second, without a long task of its own.
  await page.waitForTimeout(3000);
  await savesSince(page);
  await kc.add('ConfigMap');
  await expect.poll(async () => (await page.evaluate('window.__saves.length')) as number).toBeGreaterThan(0);
  await page.waitForTimeout(2000);
  const saves = await savesSince(page);
  const summary = saves
    .map(
      (s) => `${s.how} ${(s.chars / 1e6).toFixed(1)} MB: the call ${s.ms} ms, its task ${s.task || '<50'} ms`,
    )
    .join('; ');
  console.log(`save of the 3 MB design: ${summary}`);
  testInfo.annotations.push({ type: 'save', description: summary });
  expect(saves.length).toBeGreaterThan(0);
  for (const s of saves) {
    expect(s.how).toBe('IndexedDB');
    expect(s.chars).toBeGreaterThan(2_400_000);
    // localStorage.setItem of this design held the page 13 to 105 ms (once in a 186 ms task); handing
    // IndexedDB the text takes 4 to 14 ms mostly, on this page simulating 6,000 pods.
    expect(s.ms, summary).toBeLessThan(60);
  }

  // Reloaded: all of it, and the ConfigMap, are there (read from IndexedDB before the first render).
  await page.reload();
  await expectInCluster(kc, 'kubectl get configmap config', /config\s+1/);
  await expectInCluster(kc, 'kubectl get deploy app-1999 -n team-9', /app-1999\s+0\/5/);
  const kinds = (await savedObjects(page)).map((o) => o.kind);
  expect(kinds.filter((k) => k === 'Deployment')).toHaveLength(2000);
  expect(kinds.filter((k) => k === 'ConfigMap')).toHaveLength(1);
  await page.screenshot({ path: testInfo.outputPath('persist-big-reloaded.png') });
  expect(errors).toEqual([]);
});

test('an unreadable save is moved aside and kept, never deleted; a template opens and is saved', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const kc = app(page);
  await instrument(page, '{"formatVersion":1,"objects":[{"kind":"Deployment", cut off here');
  await page.goto('/');
  const notice = page.getByRole('alert').filter({ hasText: 'The saved design could not be read' });
  await expect(notice).toContainText('It was kept aside; a template opened instead.');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('persist-unreadable.png') });
  const kept = async () => {
    const { keys, values } = await readSaves(page, { prefix: 'kubecanvas:document:unreadable:' });
    return { keys, values: Object.values(values) };
  };
  await expect
    .poll(async () => (await kept()).values)
    .toEqual(['{"formatVersion":1,"objects":[{"kind":"Deployment", cut off here']);
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
  // The template is saved in its place; a reload opens it without a word, and the bad save is still kept.
  await expect.poll(async () => (await kept()).keys).toContain(KEY);
  await page.reload();
  await expect(kc.podsOf('web')).toHaveCount(3);
  await expect(notice).toHaveCount(0);
  expect((await kept()).values).toHaveLength(1);
});

test("the site's data cleared while the page is open: the next change is saved again", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=2');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await page.waitForTimeout(1000);
  // As the browser's "Clear site data" does: the database goes and the page's connection is closed.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL ?? page.url()).origin;
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
  await kc.add('ConfigMap');
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(kc.podsOf('web')).toHaveCount(3);
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a change followed at once by a reload (before the save was due) is kept: the page hands it over as it goes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=3');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await page.waitForTimeout(1000);
  for (let round = 1; round <= 3; round++) {
    await kc.add('ConfigMap');
    await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(round);
    await page.reload();
    await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(round);
  }
  expect(errors).toEqual([]);
});

test('IndexedDB that never answers: the page opens from localStorage after a few seconds and says where the design is; the next start opens the newer save and keeps the other', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/');
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.add('ConfigMap');
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  await expect
    .poll(async () => (await savedObjects(page)).map((o) => o.kind), { timeout: 30_000 })
    .toContain('ConfigMap');

  // Another tab, in which the browser's database never answers (as with a stuck profile).
  const stuck = await context.newPage();
  const stuckErrors = watchErrors(stuck);
  await stuck.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      return {} as IDBOpenDBRequest;
    };
  });
  const t0 = Date.now();
  await stuck.goto('/');
  const notice = stuck
    .getByRole('alert')
    .filter({ hasText: "The browser's database did not answer in time" });
  await expect(notice).toContainText('A design saved there is not lost: reload the page to try again.');
  await expect(notice).toContainText(
    "this page opened what the browser's localStorage holds and saves your changes there",
  );
  await expect(app(stuck).podsOf('web')).toHaveCount(3);
  const waited = Date.now() - t0;
  console.log(`opened ${waited} ms after the start of the load without IndexedDB`);
  expect(waited).toBeLessThan(20_000);
  await stuck.screenshot({ path: testInfo.outputPath('persist-idb-silent.png') });
  // Nothing is saved until a change (the template there must not become the newer save).
  await stuck.waitForTimeout(1000);
  expect(await stuck.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
  await app(stuck).add('Service');
  await expect(stuck.locator('[data-kind="Service"]')).toHaveCount(1);
  await expect.poll(() => stuck.evaluate((k) => localStorage.getItem(k), KEY)).not.toBeNull();
  await stuck.close();

  // The next start reads IndexedDB: localStorage's save is newer and opens; IndexedDB's is kept and offered.
  await page.reload();
  const two = page
    .getByRole('status')
    .filter({ hasText: 'Two saved designs were found: the newer one is open' });
  await expect(two).toContainText('is kept under "kubecanvas:document:older-save:');
  await expect(page.locator('[data-kind="Service"]')).toHaveCount(1);
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('persist-two-saves.png') });
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
  await two.getByRole('button', { name: 'Open the other' }).click();
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  await expect(page.locator('[data-kind="Service"]')).toHaveCount(0);
  // Both are kept: the design saved in IndexedDB before, and the one that was open.
  const { keys } = await readSaves(page);
  expect(keys.filter((k) => k.startsWith('kubecanvas:document:older-save:'))).toHaveLength(2);
  await page.reload();
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  expect([...errors, ...stuckErrors]).toEqual([]);
});
