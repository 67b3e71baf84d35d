import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasOf, watchConsole } from './helpers/canvas';

/** Habits people bring from canvas editors: copy/paste, connect by dragging, tidy up, themes, export. */

const palette = (page: Page, item: string): Locator =>
  page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name: item, exact: true });

async function centre(l: Locator): Promise<{ x: number; y: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drags from one handle to another with the mouse, in small steps, as a person draws an edge. */
async function dragEdge(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

const flowNode = (page: Page, key: string): Locator => page.locator(`.react-flow__node[data-id="${key}"]`);

test('copy, paste and duplicate by keys and menus: new names, moved, one undo entry each', async ({
  page,
  baseURL,
}, testInfo) => {
  const problems = watchConsole(page);
  const canvas = canvasOf(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await page.goto('/?demo=web');
  await expect(canvas.nodes).toHaveCount(3);
  await page.getByRole('button', { name: '100×' }).click();

  await canvas.card('Deployment', 'web').click();
  await page.keyboard.press('Control+c');
  // The copied objects' YAML is on the clipboard, as kubectl would read it.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('name: web');
  await page.keyboard.press('Control+v');
  await expect(canvas.card('Deployment', 'web-2')).toBeVisible();
  // The copy runs pods of its own, and sits a little down and right of the original.
  await expect(page.locator('[data-kind="Pod"][data-name^="web-2-"][data-ready="true"]')).toHaveCount(3, {
    timeout: 30_000,
  });
  const original = await canvas.card('Deployment', 'web').boundingBox();
  const copy = await canvas.card('Deployment', 'web-2').boundingBox();
  expect(copy && original && copy.x > original.x && copy.y > original.y).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('1-pasted.png') });

  // One undo entry takes the paste back.
  await page.keyboard.press('Control+z');
  await expect(canvas.card('Deployment', 'web-2')).toHaveCount(0);
  await expect(canvas.card('Deployment', 'web')).toBeVisible();

  // Ctrl+D duplicates the selection.
  await canvas.card('Deployment', 'web').click();
  await page.keyboard.press('Control+d');
  await expect(canvas.card('Deployment', 'web-2')).toBeVisible();
  // The context menu does the same: Duplicate on the copy makes web-3, Copy then Paste on the pane web-4.
  await canvas.card('Deployment', 'web-2').click({ button: 'right' });
  await expect(page.getByRole('menu', { name: 'web-2' })).toBeVisible();
  await page.getByRole('menuitem', { name: /^Duplicate/ }).click();
  await expect(canvas.card('Deployment', 'web-3')).toBeVisible();
  await canvas.card('Deployment', 'web').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /^Copy/ }).click();
  await canvas.pane.click({ button: 'right', position: { x: 40, y: 300 } });
  await page.getByRole('menuitem', { name: /^Paste/ }).click();
  await expect(canvas.card('Deployment', 'web-4')).toBeVisible();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('connecting a Service to a workload and an Ingress to a Service by dragging an edge', async ({
  page,
}, testInfo) => {
  const problems = watchConsole(page);
  const canvas = canvasOf(page);
  await page.goto('/?demo=web');
  await expect(canvas.nodes).toHaveCount(3);
  await page.getByRole('button', { name: '100×' }).click();
  // A Service (wired to web by the palette), then a second Deployment nothing routes to yet.
  await palette(page, 'Service').click();
  await expect(canvas.card('Service', 'web')).toBeVisible();
  await palette(page, 'Deployment').click();
  await expect(canvas.card('Deployment', 'web-2')).toBeVisible();
  await expect(page.locator('[data-kind="Pod"][data-name^="web-2-"][data-ready="true"]')).toHaveCount(3, {
    timeout: 30_000,
  });
  const toWeb2 = page.locator('.react-flow__edge[data-id^="svc|Service/default/web|Pod/default/web-2-"]');
  await expect(toWeb2).toHaveCount(0);

  // Drag from the Service's link handle to web-2's handle.
  await dragEdge(
    page,
    flowNode(page, 'Service/default/web').locator('.kc-link-handle'),
    flowNode(page, 'Deployment/default/web-2').locator('.kc-accept-handle'),
  );
  await expect(toWeb2).toHaveCount(3);
  await expect(
    page.locator('.react-flow__edge[data-id^="svc|Service/default/web|Pod/default/web-"]'),
  ).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('1-connected.png') });
  // The inspector shows the new selector.
  await canvas.card('Service', 'web').click();
  await expect(page.locator('[data-slot="inspector"]').getByLabel('Selector', { exact: true })).toHaveValue(
    'app=web-2',
  );

  // Undo puts the old selector back in one step.
  await page.keyboard.press('Control+z');
  await expect(toWeb2).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(toWeb2).toHaveCount(3);

  // An Ingress routed to the first Service, then dragged to a second one: a rule for it is added.
  await palette(page, 'Service').click();
  await expect(canvas.card('Service', 'web-2')).toBeVisible();
  await palette(page, 'Ingress').click();
  await expect(canvas.card('Ingress', 'web')).toBeVisible();
  const toSvc2 = page.locator('.react-flow__edge[data-id="ing|Ingress/default/web|Service/default/web-2"]');
  await expect(toSvc2).toHaveCount(0);
  await dragEdge(
    page,
    flowNode(page, 'Ingress/default/web').locator('.kc-link-handle'),
    flowNode(page, 'Service/default/web-2').locator('.kc-accept-handle'),
  );
  await expect(toSvc2).toHaveCount(1);
  await expect(
    page.locator('.react-flow__edge[data-id="ing|Ingress/default/web|Service/default/web"]'),
  ).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('2-ingress.png') });
  expect(problems).toEqual([]);
});

test('tidy up lays the talk app out without overlaps, in one undo step', async ({ page }, testInfo) => {
  const problems = watchConsole(page);
  await page.goto('/?demo=talk-app');
  const canvas = canvasOf(page);
  await expect(canvas.nodes).toHaveCount(3);
  await expect(canvas.card('StatefulSet', 'mongo')).toBeVisible();
  // Messy first: drag the web Deployment onto a Node.
  const web = canvas.card('Deployment', 'web');
  const node = await centre(canvas.card('Node', 'node-2'));
  const from = await centre(web);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(node.x, node.y, { steps: 10 });
  await page.mouse.up();
  const messy = await web.boundingBox();

  await page.getByRole('button', { name: 'Tidy up' }).click();
  await page.waitForTimeout(800);
  const boxes = await page
    .locator('.react-flow__node-card, .react-flow__node-vm, .react-flow__node-unscheduled')
    .evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { id: e.getAttribute('data-id') ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
  expect(boxes.length).toBeGreaterThan(10);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlap =
        a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  await page.screenshot({ path: testInfo.outputPath('1-tidy.png') });

  // The pane's menu has it too; one Ctrl+Z puts the drag's layout back.
  await page.keyboard.press('Control+z');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.waitForTimeout(600);
  await canvas.pane.click({ button: 'right', position: { x: 30, y: 30 } });
  await expect(page.getByRole('menuitem', { name: 'Tidy up' })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(messy).not.toBeNull();
  expect(problems).toEqual([]);
});

test('light and dark themes: a toggle, remembered, following the system until chosen', async ({
  page,
  browser,
}, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?demo=talk-app');
  await expect(canvasOf(page).nodes).toHaveCount(3);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: testInfo.outputPath('1-dark.png') });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(11, 17, 32)');
  await page.waitForTimeout(500);
  await page.screenshot({ path: testInfo.outputPath('2-light.png') });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // A fresh browser that prefers light starts light.
  const other = await browser.newContext({ colorScheme: 'light' });
  const fresh = await other.newPage();
  await fresh.goto('/');
  await expect(fresh.locator('html')).toHaveAttribute('data-theme', 'light');
  await other.close();
});

test('export the canvas as PNG and SVG from the top bar', async ({ page }, testInfo) => {
  const problems = watchConsole(page);
  await page.goto('/?demo=web');
  await expect(canvasOf(page).nodes).toHaveCount(3);
  for (const format of ['PNG', 'SVG'] as const) {
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: `Canvas as ${format}` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^kubecanvas-\\d{4}-\\d{2}-\\d{2}\\.${format.toLowerCase()}$`),
    );
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    if (format === 'PNG') {
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(10_000);
      // Width and height from the IHDR chunk: a real picture, not a 0x0 one.
      expect(bytes.readUInt32BE(16)).toBeGreaterThan(400);
      expect(bytes.readUInt32BE(20)).toBeGreaterThan(200);
    } else {
      const text = bytes.toString();
      expect(text).toContain('<svg');
      expect(text).toContain('node-1');
    }
  }
  expect(problems).toEqual([]);
});

test('objects added by click land in view; drops land where dropped', async ({ page }) => {
  const canvas = canvasOf(page);
  await page.goto('/?demo=web');
  await expect(canvas.nodes).toHaveCount(3);
  // Pan far away from everything.
  const pane = await canvas.pane.boundingBox();
  if (!pane) throw new Error('no canvas');
  for (let i = 0; i < 3; i++) {
    await page.mouse.move(pane.x + pane.width - 100, pane.y + pane.height - 100);
    await page.mouse.down();
    await page.mouse.move(pane.x + 100, pane.y + 100, { steps: 5 });
    await page.mouse.up();
  }
  for (const item of ['Deployment', 'Service', 'ConfigMap', 'Node']) await palette(page, item).click();
  for (const [kind, name] of [
    ['Deployment', 'web-2'],
    ['Service', 'web'],
    ['ConfigMap', 'config'],
    ['Node', 'node-4'],
  ] as const) {
    const box = await canvas.card(kind, name).boundingBox();
    expect(box, `${kind} ${name}`).not.toBeNull();
    if (!box) continue;
    expect(box.x).toBeGreaterThanOrEqual(pane.x);
    expect(box.y).toBeGreaterThanOrEqual(pane.y);
    expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width);
    expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height);
  }
  // No two of them on top of each other.
  const a = await canvas.card('Deployment', 'web-2').boundingBox();
  const b = await canvas.card('Service', 'web').boundingBox();
  expect(a && b && (a.y + a.height <= b.y || b.y + b.height <= a.y || a.x + a.width <= b.x)).toBe(true);
  // A drop lands under the pointer.
  await canvas.drop('Job', { x: 500, y: 420 });
  const job = await canvas.card('Job', 'batch').boundingBox();
  expect(job).not.toBeNull();
  expect(Math.abs((job?.x ?? 0) - (pane.x + 500))).toBeLessThan(4);
  expect(Math.abs((job?.y ?? 0) - (pane.y + 420))).toBeLessThan(4);
});

test('the keyboard: Tab to the canvas, Enter inspects, Shift+arrows nudge, the menu key, Delete', async ({
  page,
}) => {
  const problems = watchConsole(page);
  const canvas = canvasOf(page);
  await page.goto('/?demo=web');
  await expect(canvas.nodes).toHaveCount(3);
  // Tab from the palette into the canvas: the first Node takes the focus.
  await palette(page, 'ConfigMap').focus();
  let focused = '';
  for (let i = 0; i < 20 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(
      () => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? '',
    );
  }
  expect(focused).toBe('Node//node-1');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', 'Node node-1');
  // Enter opens the inspector on it and moves the focus there.
  await page.keyboard.press('Enter');
  const inspector = page.locator('[data-slot="inspector"]');
  await expect(inspector).toContainText('node-1');
  await expect
    .poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-slot="inspector"]')))
    .toBe(true);

  // Shift+arrow keys nudge the selected Deployment (10 units a press, one undo entry each); plain arrows
  // move the focus (e2e/keyboard.spec.ts).
  await canvas.card('Deployment', 'web').click();
  const before = await canvas.card('Deployment', 'web').boundingBox();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  const after = await canvas.card('Deployment', 'web').boundingBox();
  expect((after?.x ?? 0) - (before?.x ?? 0)).toBeGreaterThan(5);
  expect((after?.y ?? 0) - (before?.y ?? 0)).toBeGreaterThan(2);
  await page.keyboard.press('Control+z');
  const undone = await canvas.card('Deployment', 'web').boundingBox();
  expect(Math.abs((undone?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(1);

  // The context-menu key opens the object's actions; Escape closes them.
  await flowNode(page, 'Deployment/default/web').focus();
  await page.keyboard.press('ContextMenu');
  await expect(page.getByRole('menu', { name: 'web' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /^Copy/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);

  // Delete removes it.
  await flowNode(page, 'Deployment/default/web').focus();
  await page.keyboard.press('Delete');
  await expect(canvas.card('Deployment', 'web')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(canvas.card('Deployment', 'web')).toBeVisible();
  expect(problems).toEqual([]);
});

test('templates open from the New menu and by ?demo=, and run Ready', async ({ page }, testInfo) => {
  const canvas = canvasOf(page);
  await page.goto('/?demo=shop');
  await expect(page.locator('[data-kind="Deployment"]')).toHaveCount(12);
  await page.getByRole('button', { name: '100×' }).click();
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(12, { timeout: 40_000 });
  await page.screenshot({ path: testInfo.outputPath('shop.png') });
  for (const [title, kind, pods] of [
    ["The talk's web app", 'StatefulSet', 7],
    ['A StatefulSet database', 'StatefulSet', 3],
    ['A DaemonSet agent on every node', 'DaemonSet', 6],
  ] as const) {
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByRole('menuitem', { name: new RegExp(`^${title.replace(/[()']/g, '.')}`) }).click();
    await expect(page.locator(`[data-kind="${kind}"]`).first()).toBeVisible();
    await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(pods, { timeout: 40_000 });
    await expect(canvas.pendingPods).toHaveCount(0);
  }
  await page.screenshot({ path: testInfo.outputPath('daemonset.png') });
});

test('a big cluster zoomed out draws each node’s pods as cells; zoomed in, pods are elements again', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const canvas = canvasOf(page);
  await page.goto('/?demo=scale-100');
  await expect(canvas.nodes).toHaveCount(100, { timeout: 60_000 });
  // Zoomed out to fit 100 nodes: no pod elements, but every node with pods shows them as cells.
  await expect(page.locator('.kc-pod-cells').first()).toBeVisible({ timeout: 60_000 });
  await expect(canvas.pods).toHaveCount(0);
  expect(await page.locator('.kc-pod-cells').count()).toBeGreaterThan(50);
  await page.screenshot({ path: testInfo.outputPath('1-cells.png') });
  // Zoom in on node-1 with the wheel: its pods are drawn one by one, with the testability attributes.
  const at = await centre(canvas.card('Node', 'node-1'));
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(150);
  }
  await expect(page.locator('[data-kind="Pod"][data-node="node-1"]').first()).toBeVisible({
    timeout: 20_000,
  });
  const pod = page.locator('[data-kind="Pod"][data-node="node-1"]').first();
  await expect(pod).toHaveAttribute('data-namespace', 'default');
  await expect(pod).toHaveAttribute('data-phase', /Pending|Running/);
  await expect(pod).toHaveAttribute('data-ready', /true|false/);
  await page.screenshot({ path: testInfo.outputPath('2-zoomed.png') });
});

test('a two-finger trackpad scroll pans the canvas; the mouse wheel and a pinch zoom', async ({ page }) => {
  await page.goto('/?demo=talk-app');
  const canvas = canvasOf(page);
  await expect(canvas.card('Node', 'node-1')).toBeVisible({ timeout: 30_000 });
  const viewport = page.locator('.react-flow__viewport');
  const read = (): Promise<{ x: number; y: number; zoom: number }> =>
    viewport.evaluate((el) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
      return { x: m.e, y: m.f, zoom: m.a };
    });
  // Away from any card and the controls: the right edge of the pane, halfway down.
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  await page.mouse.move(pane.x + pane.width - 20, pane.y + pane.height / 2);
  await page.waitForTimeout(300);
  const before = await read();
  // A trackpad scrolls in small pixel steps, down and to the right: the view moves, the zoom stays.
  for (let i = 0; i < 6; i++) await page.mouse.wheel(8, 14);
  await expect.poll(async () => (await read()).y).toBeLessThan(before.y - 40);
  const panned = await read();
  expect(panned.x).toBeLessThan(before.x - 20);
  expect(panned.zoom).toBeCloseTo(before.zoom, 5);
  // A mouse wheel notch (100 px) zooms, as before.
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await read()).zoom).toBeLessThan(panned.zoom - 0.01);
});
