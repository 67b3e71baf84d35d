import { expect, test, type Page } from '@playwright/test';
import { app, readSaves, watchErrors } from './stories/helpers';

// Two tabs of kubecanvas on one design: a save of one never silently overwrites the other's. A tab with no
// changes of its own opens the newer design the other saved; a tab with changes of its own is asked
// (Load theirs / Keep mine), and whichever design is not chosen is kept aside in the browser.

/** The keys IndexedDB holds, and the objects of the design saved under `key` (one object's JSON a line). */
async function saved(page: Page, key = 'kubecanvas:document') {
  const { keys, values } = await readSaves(page, { keys: [key] });
  const record = values[key] as { objects: string } | undefined;
  const names = record
    ? record.objects.split('\n').map((o) => {
        const obj = JSON.parse(o) as { kind: string; metadata: { name: string } };
        return `${obj.kind}/${obj.metadata.name}`;
      })
    : [];
  return { keys, names };
}

/**
 * Leaves IndexedDB as 64 more saves of the saved design would: its revision 64 higher, the claims of the
 * last 64 revisions only (older ones are removed as saves go on), the blocks of revisions marked.
 */
async function as64SavesLater(page: Page) {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('kubecanvas');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('saves', 'readwrite');
    const store = tx.objectStore('saves');
    const key = 'kubecanvas:document';
    const claim = (r: number) => `${key}:revision:${r}`;
    const req = store.get(key);
    req.onsuccess = () => {
      const record = req.result as { rev: number };
      const rev = record.rev + 64;
      store.put({ ...record, rev }, key);
      for (let r = 1; r <= record.rev; r++) store.delete(claim(r));
      for (let r = record.rev + 1; r <= rev; r++) store.put(1, claim(r));
      for (let b = 0; b <= Math.floor(rev / 64); b++) store.put(1, `${key}:revision-block:${b}`);
    };
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

/** Two tabs on the design the first one saved. */
async function twoTabs(page: Page) {
  const a = page;
  await a.goto('/');
  await expect(app(a).podsOf('web')).toHaveCount(3);
  await expect.poll(async () => (await saved(a)).names).toContain('Deployment/web');
  const b = await a.context().newPage();
  await b.goto('/');
  await expect(app(b).podsOf('web')).toHaveCount(3);
  return { a, b };
}

const asked = (p: Page) => p.getByRole('alert').filter({ hasText: 'This design was changed in another tab' });

/**
 * Both tabs change the design at once (each deletes an object, before either's save is due): the tab
 * whose save came second is asked. Returns it (`mine`: what it deleted) and the other tab.
 */
async function changeBothAtOnce(
  a: Page,
  b: Page,
): Promise<{ x: Page; y: Page; xDeleted: [string, string]; yDeleted: [string, string] }> {
  // Selected (a view still fitting to a design just opened may move the card from under a click).
  for (const [p, kind, name] of [
    [a, 'Deployment', 'web'],
    [b, 'Node', 'node-1'],
  ] as const)
    await expect(async () => {
      await app(p).card(kind, name).click();
      await expect(app(p).inspector).toContainText(name, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  await Promise.all([a.keyboard.press('Delete'), b.keyboard.press('Delete')]);
  await expect(app(a).card('Deployment', 'web')).toHaveCount(0);
  await expect(app(b).card('Node', 'node-1')).toHaveCount(0);
  await expect
    .poll(async () => (await asked(a).count()) + (await asked(b).count()), { timeout: 15_000 })
    .toBe(1);
  return (await asked(a).count()) === 1
    ? { x: a, y: b, xDeleted: ['Deployment', 'web'], yDeleted: ['Node', 'node-1'] }
    : { x: b, y: a, xDeleted: ['Node', 'node-1'], yDeleted: ['Deployment', 'web'] };
}

test('a change in one tab opens in another tab that has no changes of its own', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const { a, b } = await twoTabs(page);
  const errors = [...watchErrors(a), ...watchErrors(b)];
  await app(a).add('ConfigMap');
  await expect(b.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  await expect(
    b.getByRole('status').filter({ hasText: 'Opened the newer design saved in another tab' }),
  ).toBeVisible();
  await b.screenshot({ path: testInfo.outputPath('tabs-opened-newer.png') });
  // It saves nothing back: the design saved is still the one tab A saved, at the same revision.
  await b.waitForTimeout(1000);
  await expect(a.getByRole('status').filter({ hasText: 'another tab' })).toHaveCount(0);
  // And the other way round.
  await app(b).card('Deployment', 'web').click();
  await b.keyboard.press('Delete');
  await expect(app(a).card('Deployment', 'web')).toHaveCount(0);
  await expect(a.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('both tabs change at once: the one that saved second is asked; Keep mine saves it, the other tab opens it, nothing is lost', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const { a, b } = await twoTabs(page);
  const errors = [...watchErrors(a), ...watchErrors(b)];
  const { x, y, xDeleted, yDeleted } = await changeBothAtOnce(a, b);
  await expect(asked(x)).toContainText('kept under "kubecanvas:document:unsaved-in-tab:');
  await x.screenshot({ path: testInfo.outputPath('tabs-asked.png') });
  // Meanwhile the saved design is the other tab's.
  expect((await saved(x)).names).not.toContain(`${yDeleted[0]}/${yDeleted[1]}`);

  await asked(x).getByRole('button', { name: 'Keep mine' }).click();
  await expect(x.getByRole('status').filter({ hasText: "Kept this tab's design" })).toContainText(
    'the other tab\'s is kept under "kubecanvas:document:before-other-tab:',
  );
  // The other tab is told, and opens it (it had no changes since its save).
  const told = y.getByRole('status').filter({ hasText: 'Opened the newer design saved in another tab' });
  await expect(told).toContainText(
    'The other tab kept its design over this tab\'s, which is kept under "kubecanvas:document:before-other-tab:',
  );
  await y.screenshot({ path: testInfo.outputPath('tabs-told.png') });
  await expect(app(y).card(...xDeleted)).toHaveCount(0);
  await expect(app(y).card(...yDeleted)).toHaveCount(1);
  // The design kept aside is the other tab's, whole.
  const { keys, names } = await saved(y);
  const aside = keys.filter((k) => k.startsWith('kubecanvas:document:before-other-tab:'));
  expect(aside).toHaveLength(1);
  expect((await saved(y, aside[0])).names).not.toContain(`${yDeleted[0]}/${yDeleted[1]}`);
  expect(names).not.toContain(`${xDeleted[0]}/${xDeleted[1]}`);
  // A reload opens the kept design.
  await x.reload();
  await expect(app(x).card(...yDeleted)).toHaveCount(1);
  await expect(app(x).card(...xDeleted)).toHaveCount(0);
  // The told tab can bring its design back (as the newest: the first tab, unchanged, opens it).
  await told.getByRole('button', { name: "Bring back this tab's design" }).click();
  await expect(app(y).card(...xDeleted)).toHaveCount(1);
  await expect(app(y).card(...yDeleted)).toHaveCount(0);
  await expect(app(x).card(...xDeleted)).toHaveCount(1);
  await expect(app(x).card(...yDeleted)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('both tabs change at once: Load theirs opens the other tab design, keeps this one aside, and Undo brings it back', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const { a, b } = await twoTabs(page);
  const errors = [...watchErrors(a), ...watchErrors(b)];
  const { x, xDeleted, yDeleted } = await changeBothAtOnce(a, b);
  await asked(x).getByRole('button', { name: 'Load theirs' }).click();
  await expect(x.getByRole('status').filter({ hasText: "Opened the other tab's design" })).toContainText(
    'kept under "kubecanvas:document:before-other-tab:',
  );
  await expect(app(x).card(...yDeleted)).toHaveCount(0);
  await expect(app(x).card(...xDeleted)).toHaveCount(1);
  await x.screenshot({ path: testInfo.outputPath('tabs-loaded-theirs.png') });
  const { keys } = await saved(x);
  // This tab's design is kept aside; the copy kept while it was asked is gone (no later start offers it).
  expect(keys.filter((k) => k.startsWith('kubecanvas:document:unsaved-in-tab:'))).toEqual([]);
  const kept = keys.filter((k) => k.startsWith('kubecanvas:document:before-other-tab:'));
  expect(kept).toHaveLength(1);
  expect((await saved(x, kept[0])).names).not.toContain(`${xDeleted[0]}/${xDeleted[1]}`);
  // Undo brings this tab's design back (and saves it as the newest).
  await app(x)
    .card(...xDeleted)
    .click();
  await x.keyboard.press('Control+z');
  await expect(app(x).card(...xDeleted)).toHaveCount(0);
  await expect(app(x).card(...yDeleted)).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a tab that hears nothing from the others (no BroadcastChannel) still never saves over a newer design: its save is refused and it asks', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const a = page;
  await a.goto('/');
  await expect(app(a).podsOf('web')).toHaveCount(3);
  await expect.poll(async () => (await saved(a)).names).toContain('Deployment/web');
  const b = await a.context().newPage();
  await b.addInitScript(() => {
    // As in a browser without it: this tab is told nothing of the other's saves.
    Reflect.deleteProperty(window, 'BroadcastChannel');
  });
  await b.goto('/');
  await expect(app(b).podsOf('web')).toHaveCount(3);
  const errors = [...watchErrors(a), ...watchErrors(b)];
  await app(a).add('ConfigMap');
  await expect.poll(async () => (await saved(a)).names).toContain('ConfigMap/config');
  // As after 64 more saves of A: the claim of the revision B claims next is no longer there.
  await as64SavesLater(a);
  expect((await saved(a)).keys).not.toContain('kubecanvas:document:revision:2');
  // B has not heard: it still shows the design without the ConfigMap, and changes it.
  await b.waitForTimeout(1000);
  await expect(b.locator('[data-kind="ConfigMap"]')).toHaveCount(0);
  await app(b).card('Node', 'node-1').click();
  await b.keyboard.press('Delete');
  // Its save meets the mark of a later block of revisions: refused, kept aside, and the person is asked.
  await expect(asked(b)).toBeVisible();
  await b.screenshot({ path: testInfo.outputPath('tabs-refused.png') });
  const { keys, names } = await saved(b);
  expect(names).toContain('ConfigMap/config');
  expect(names).toContain('Node/node-1');
  const kept = keys.filter((k) => k.startsWith('kubecanvas:document:unsaved-in-tab:'));
  expect(kept).toHaveLength(1);
  expect((await saved(b, kept[0])).names).not.toContain('Node/node-1');
  // Load theirs: A's design, with its ConfigMap, opens in B.
  await asked(b).getByRole('button', { name: 'Load theirs' }).click();
  await expect(b.locator('[data-kind="ConfigMap"]')).toHaveCount(1);
  await expect(app(b).card('Node', 'node-1')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('where saves live in localStorage (no IndexedDB) and nothing is broadcast, the storage event tells the other tab', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const context = page.context();
  await context.addInitScript(() => {
    Reflect.deleteProperty(window, 'indexedDB');
    Reflect.deleteProperty(window, 'BroadcastChannel');
  });
  const a = page;
  await a.goto('/');
  await expect(app(a).podsOf('web')).toHaveCount(3);
  await expect.poll(() => a.evaluate(() => localStorage.getItem('kubecanvas:document'))).not.toBeNull();
  const b = await context.newPage();
  await b.goto('/');
  await expect(app(b).podsOf('web')).toHaveCount(3);
  const errors = [...watchErrors(a), ...watchErrors(b)];
  // A Node (it links to nothing, so the clicks below reach what they aim at).
  await app(a).add('Node');
  await expect(app(b).nodes).toHaveCount(4);
  await expect(
    b.getByRole('status').filter({ hasText: 'Opened the newer design saved in another tab' }),
  ).toBeVisible();
  // Both change at once: one is asked, and nothing is saved over the other.
  const { x, y } = await changeBothAtOnce(a, b);
  await expect(asked(x)).toContainText('kept under "kubecanvas:document:unsaved-in-tab:');
  await asked(x).getByRole('button', { name: 'Keep mine' }).click();
  await expect(
    y.getByRole('status').filter({ hasText: 'Opened the newer design saved in another tab' }).last(),
  ).toContainText('kept under "kubecanvas:document:before-other-tab:');
  const keys = await y.evaluate(() => Object.keys(localStorage));
  expect(keys.filter((k) => k.startsWith('kubecanvas:document:before-other-tab:'))).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('a tab closed while it was asked: the next tab opened offers its design, kept beside the saved one', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const { a, b } = await twoTabs(page);
  const errors = [...watchErrors(a), ...watchErrors(b)];
  const { x, y, xDeleted, yDeleted } = await changeBothAtOnce(a, b);
  // The person closes the asked tab without choosing.
  await x.close();
  const z = await y.context().newPage();
  errors.push(...watchErrors(z));
  await z.goto('/');
  // The saved design (the other tab's) opens, and the closed tab's is offered.
  await expect(app(z).card(...yDeleted)).toHaveCount(0);
  await expect(app(z).card(...xDeleted)).toHaveCount(1);
  const offer = z
    .getByRole('status')
    .filter({ hasText: 'A design of another tab is kept beside the saved one' });
  await expect(offer).toContainText('kept under "kubecanvas:document:unsaved-in-tab:');
  await z.screenshot({ path: testInfo.outputPath('tabs-offered-closed-tab.png') });
  await offer.getByRole('button', { name: 'Open it' }).click();
  await expect(app(z).card(...xDeleted)).toHaveCount(0);
  await expect(app(z).card(...yDeleted)).toHaveCount(1);
  await expect(z.getByRole('status').filter({ hasText: 'Opened the other saved design' })).toContainText(
    'kept under "kubecanvas:document:older-save:',
  );
  expect(errors).toEqual([]);
});
