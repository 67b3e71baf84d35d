import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasOf, watchConsole } from './helpers/canvas';

/**
 * The canvas with the keyboard alone (Tab, arrows, Enter, Escape, the keys the canvas lists): what a
 * person does with the mouse, done without it, and its real effect on the cluster.
 */

/** Presses Tab (or Shift+Tab) until the element has the focus, as a person tabs to a control. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The React Flow element of an object on the canvas. */
const flowNode = (page: Page, key: string): Locator => page.locator(`.react-flow__node[data-id="${key}"]`);

const focusedKey = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? '');

async function centreOf(l: Locator): Promise<{ x: number; y: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * Walks the focus to an object with the arrow keys, as a person does looking at the screen: each press
 * goes toward it, along the axis where it is farther; every press must move the focus somewhere.
 */
async function arrowTo(page: Page, key: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const at = await focusedKey(page);
    if (at === key) return;
    const from = await centreOf(flowNode(page, at));
    const to = await centreOf(flowNode(page, key));
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const order =
      Math.abs(dx) >= Math.abs(dy)
        ? [dx > 0 ? 'ArrowRight' : 'ArrowLeft', dy > 0 ? 'ArrowDown' : 'ArrowUp']
        : [dy > 0 ? 'ArrowDown' : 'ArrowUp', dx > 0 ? 'ArrowRight' : 'ArrowLeft'];
    let moved = false;
    for (const arrow of order) {
      await page.keyboard.press(arrow);
      if ((await focusedKey(page)) !== at) {
        moved = true;
        break;
      }
    }
    if (!moved) throw new Error(`the arrows do not move on from ${at} toward ${key}`);
  }
  throw new Error(`the arrows never reached ${key}`);
}

const palette = (page: Page, item: string): Locator =>
  page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name: item, exact: true });

test('connecting a Service to a workload and an Ingress to a Service with the keyboard', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const problems = watchConsole(page);
  const canvas = canvasOf(page);
  const announcer = page.getByTestId('canvas-announcer');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?demo=web');
  await expect(canvas.nodes).toHaveCount(3);
  await tabTo(page, page.getByRole('button', { name: '100×' }));
  await page.keyboard.press('Enter');
  // A Service (the palette wires it to web), then a second Deployment nothing routes to yet.
  await tabTo(page, palette(page, 'Service'), true);
  await page.keyboard.press('Enter');
  await expect(canvas.card('Service', 'web')).toBeVisible();
  await tabTo(page, palette(page, 'Deployment'), true);
  await page.keyboard.press('Enter');
  await expect(canvas.card('Deployment', 'web-2')).toBeVisible();
  await expect(page.locator('[data-kind="Pod"][data-name^="web-2-"][data-ready="true"]')).toHaveCount(3, {
    timeout: 40_000,
  });
  const toWeb2 = page.locator('.react-flow__edge[data-id^="svc|Service/default/web|Pod/default/web-2-"]');
  const toWeb = page.locator('.react-flow__edge[data-id^="svc|Service/default/web|Pod/default/web-"]');
  await expect(toWeb2).toHaveCount(0);

  // Into the canvas, then over to the Service with the arrows; its description names the key.
  await tabTo(page, flowNode(page, 'Node//node-1'));
  await arrowTo(page, 'Service/default/web');
  const service = flowNode(page, 'Service/default/web');
  await expect(service).toBeFocused();
  await expect(service).toHaveAccessibleDescription(/C connects it/);
  await expect(flowNode(page, 'Node//node-1')).toHaveAccessibleDescription(/Arrow keys move/);

  // C opens the chooser: the workloads it can select, the one it selects now marked.
  await page.keyboard.press('c');
  const chooser = page.getByRole('dialog', { name: 'Connect Service web to…' });
  await expect(chooser).toBeVisible();
  const filter = chooser.getByRole('combobox', { name: 'Filter' });
  await expect(filter).toBeFocused();
  const options = chooser.getByRole('option');
  await expect(options).toHaveText([/^Deployment webConnected already/, /^Deployment web-2/]);
  await page.keyboard.press('ArrowDown');
  await expect(chooser.getByRole('option', { selected: true })).toHaveText(/^Deployment web-2/);
  await page.screenshot({ path: testInfo.outputPath('1-chooser-dark.png') });
  expect((await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations).toEqual([]);

  // Enter connects: the Service selects web-2's pods, the edges appear, and it is said aloud.
  await page.keyboard.press('Enter');
  await expect(chooser).toHaveCount(0);
  await expect(toWeb2).toHaveCount(3);
  await expect(toWeb).toHaveCount(3);
  await expect(announcer).toHaveText(/^Service web now selects Deployment web-2/);
  await expect(service).toBeFocused();

  // The Service's YAML has the new selector (Enter inspects it; the dock's tabs by arrows).
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-slot="inspector"]')).toContainText('web');
  await tabTo(page, page.getByRole('tab', { selected: true }).first());
  for (let i = 0; i < 6; i++) {
    if ((await page.getByRole('tab', { name: 'YAML', exact: true }).getAttribute('aria-selected')) === 'true')
      break;
    await page.keyboard.press('ArrowRight');
  }
  const yaml = page.locator('[data-slot="dock"] .cm-content');
  await expect(yaml).toContainText('kind: Service');
  await expect(yaml).toContainText(/selector:\s*app: web-2/);

  // One Ctrl+Z takes the link back; Ctrl+Shift+Z puts it again.
  await page.keyboard.press('Control+z');
  await expect(toWeb2).toHaveCount(0);
  await expect(yaml).toContainText(/selector:\s*app: web\s*ports:/);
  await page.keyboard.press('Control+Shift+z');
  await expect(toWeb2).toHaveCount(3);

  // An Ingress (routed to the Service web by the palette) and a second Service.
  await tabTo(page, palette(page, 'Ingress'), true);
  await page.keyboard.press('Enter');
  await expect(canvas.card('Ingress', 'web')).toBeVisible();
  await tabTo(page, palette(page, 'Service'), true);
  await page.keyboard.press('Enter');
  await expect(canvas.card('Service', 'web-2')).toBeVisible();
  const toSvc2 = page.locator('.react-flow__edge[data-id="ing|Ingress/default/web|Service/default/web-2"]');
  await expect(toSvc2).toHaveCount(0);

  // The menu key has "Connect to…" too; Escape in the chooser changes nothing.
  await tabTo(page, flowNode(page, 'Node//node-1'));
  await arrowTo(page, 'Ingress/default/web');
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'web' });
  await expect(menu).toBeVisible();
  await tabTo(page, menu.getByRole('menuitem', { name: /^Connect to…/ }));
  await expect(menu.getByRole('menuitem', { name: /^Connect to…/ })).toHaveAttribute(
    'aria-keyshortcuts',
    'C',
  );
  await page.keyboard.press('Enter');
  const ingressChooser = page.getByRole('dialog', { name: 'Connect Ingress web to…' });
  await expect(ingressChooser.getByRole('option')).toHaveText([
    /^Service webConnected already/,
    /^Service web-2/,
  ]);
  await page.keyboard.press('Escape');
  await expect(ingressChooser).toHaveCount(0);
  await expect(flowNode(page, 'Ingress/default/web')).toBeFocused();
  await expect(toSvc2).toHaveCount(0);

  // C, a filter typed, Enter: the Ingress gets a rule for web-2 beside the one for web.
  await page.keyboard.press('c');
  await page.keyboard.type('web-2');
  await expect(ingressChooser.getByRole('option')).toHaveText([/^Service web-2/]);
  await page.keyboard.press('Enter');
  await expect(toSvc2).toHaveCount(1);
  await expect(
    page.locator('.react-flow__edge[data-id="ing|Ingress/default/web|Service/default/web"]'),
  ).toHaveCount(1);
  await expect(announcer).toHaveText(/^Ingress web now routes to Service web-2/);

  // The chooser in the light theme (the theme toggle by keyboard too), opened on a workload: it lists
  // the Services, and the link still goes from the Service (its selector takes web-2's labels).
  await tabTo(page, page.getByRole('button', { name: 'Switch to light theme' }), true);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await tabTo(page, flowNode(page, 'Node//node-1'));
  await arrowTo(page, 'Deployment/default/web-2');
  await page.keyboard.press('c');
  const workloadChooser = page.getByRole('dialog', { name: 'Connect Deployment web-2 to…' });
  await expect(workloadChooser.getByRole('option')).toHaveText([
    /^Service webConnected already. Selects the pods of Deployment web-2/,
    /^Service web-2Selects the pods of Deployment web-2/,
  ]);
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(300);
  await page.screenshot({ path: testInfo.outputPath('2-chooser-light.png') });
  expect((await new AxeBuilder({ page }).include('[role="dialog"]').analyze()).violations).toEqual([]);
  const svc2ToWeb2 = page.locator(
    '.react-flow__edge[data-id^="svc|Service/default/web-2|Pod/default/web-2-"]',
  );
  await expect(svc2ToWeb2).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(svc2ToWeb2).toHaveCount(3);
  await expect(announcer).toHaveText(/^Service web-2 now selects Deployment web-2/);
  await expect(flowNode(page, 'Deployment/default/web-2')).toBeFocused();
  expect(problems).toEqual([]);
});

test('arrows move the focus by what is drawn; Shift+arrows nudge; keys select, pin a Pod, zoom and fit', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const problems = watchConsole(page);
  const canvas = canvasOf(page);
  const announcer = page.getByTestId('canvas-announcer');
  await page.goto('/?demo=web');
  await expect(canvas.nodes).toHaveCount(3);
  await expect(canvas.pendingPods).toHaveCount(0, { timeout: 20_000 });

  // Pin five Pods to node-1 from its menu, as dropping the palette's Pod onto it does.
  const node1 = flowNode(page, 'Node//node-1');
  await tabTo(page, node1);
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+F10');
    const add = page.getByRole('menu', { name: 'node-1' }).getByRole('menuitem', { name: 'Add a Pod here' });
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await expect(announcer).toHaveText(/^Added a Pod pinned to Node node-1/);
    // The menu gives the focus back to the Node.
    await expect(node1).toBeFocused();
  }
  const onNode1 = page.locator('[data-kind="Pod"][data-node="node-1"]');
  await expect.poll(() => onNode1.count()).toBeGreaterThanOrEqual(6);
  await expect(page.locator('[data-kind="Pod"][data-name^="pod"][data-node="node-1"]')).toHaveCount(5);
  // Pods glide to their node (a 600 ms transition): measure the grid once they have stopped.
  const podBoxes = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('[data-kind="Pod"][data-node="node-1"]')]
        .map((el) => {
          const b = el.getBoundingClientRect();
          return `${Math.round(b.x)},${Math.round(b.y)}`;
        })
        .join(' '),
    );
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await podBoxes();
        const still = now === last;
        last = now;
        return still;
      },
      { intervals: [400] },
    )
    .toBe(true);

  // Down from the Node enters its pods; the arrows then follow the drawn grid, not the list order.
  await page.keyboard.press('ArrowDown');
  const focusedBox = async () => {
    const key = await focusedKey(page);
    const box = await flowNode(page, key).boundingBox();
    if (!box) throw new Error(`${key} not on screen`);
    return { key, ...box };
  };
  let at = await focusedBox();
  expect(at.key).toMatch(/^Pod\//);
  expect(await flowNode(page, at.key).locator('[data-kind="Pod"]').getAttribute('data-node')).toBe('node-1');
  // To the first pod of the top row (the left-most, top-most one drawn in node-1).
  const firstKey = await page.evaluate(() => {
    const pods = [...document.querySelectorAll('[data-kind="Pod"][data-node="node-1"]')].map((el) => ({
      key: el.closest('.react-flow__node')?.getAttribute('data-id') ?? '',
      box: el.getBoundingClientRect(),
    }));
    pods.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    return pods[0]?.key ?? '';
  });
  await arrowTo(page, firstKey);
  const first = await focusedBox();
  await page.keyboard.press('ArrowRight');
  at = await focusedBox();
  expect(at.x).toBeGreaterThan(first.x);
  expect(Math.abs(at.y - first.y)).toBeLessThan(2);
  // Down from the first pod is the pod under it (the fifth in order), not the second.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  at = await focusedBox();
  expect(Math.abs(at.x - first.x)).toBeLessThan(2);
  expect(at.y).toBeGreaterThan(first.y + 10);
  // Selection follows the focus (the inspector shows it).
  await expect(flowNode(page, at.key)).toHaveClass(/selected/);
  await page.keyboard.press('ArrowUp');
  expect((await focusedBox()).key).toBe(first.key);
  await page.keyboard.press('ArrowUp');
  expect(await focusedKey(page)).toBe('Node//node-1');
  await page.keyboard.press('ArrowRight');
  expect(await focusedKey(page)).toBe('Node//node-2');
  await page.screenshot({ path: testInfo.outputPath('1-focus.png') });

  // Ctrl+arrow moves the focus only; Space adds to the selection; Ctrl+A selects all; Escape clears.
  await page.keyboard.press('Control+ArrowLeft');
  expect(await focusedKey(page)).toBe('Node//node-1');
  await expect(node1).not.toHaveClass(/selected/);
  await page.keyboard.press('Space');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await expect(announcer).toHaveText(/^Node node-1 added to the selection: 2 selected/);
  await page.keyboard.press('Control+a');
  const drawn = await page.locator('.react-flow__node[tabindex="0"]').count();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(drawn);
  await page.keyboard.press('Escape');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
  // The mouse's box select still reaches the selection (and stays: nothing swings back).
  const n1 = await node1.boundingBox();
  const n2 = await flowNode(page, 'Node//node-2').boundingBox();
  if (!n1 || !n2) throw new Error('nodes not on screen');
  await page.keyboard.down('Shift');
  await page.mouse.move(n1.x - 12, n1.y - 12);
  await page.mouse.down();
  await page.mouse.move(n2.x + n2.width + 12, n2.y + Math.max(n1.height, n2.height) + 12, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(node1).toHaveClass(/selected/);
  await expect(flowNode(page, 'Node//node-2')).toHaveClass(/selected/);
  await page.waitForTimeout(500);
  await expect(node1).toHaveClass(/selected/);
  await tabTo(page, node1);
  await page.keyboard.press('Escape');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);

  // Shift+arrows nudge the focused Deployment (selected by the arrows): one undo entry a press.
  await arrowTo(page, 'Deployment/default/web');
  const web = canvas.card('Deployment', 'web');
  const before = await web.boundingBox();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  const after = await web.boundingBox();
  expect((after?.y ?? 0) - (before?.y ?? 0)).toBeGreaterThan(5);
  await expect(announcer).toHaveText(/^Moved Deployment web down/);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => Math.abs(((await web.boundingBox())?.y ?? 0) - (before?.y ?? 0)))
    .toBeLessThan(1);

  // + and - zoom, Shift+1 fits everything into view again.
  const scale = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
  const fitted = await scale();
  await page.keyboard.press('+');
  await expect.poll(scale).toBeGreaterThan(fitted * 1.1);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect.poll(scale).toBeLessThan(fitted);
  await page.keyboard.press('Shift+1');
  await expect.poll(scale).toBeCloseTo(fitted, 2);

  // Zoomed in, moving the focus to something out of sight pans the view to it (the keyboard's pan).
  for (let i = 0; i < 5; i++) await page.keyboard.press('+');
  await expect.poll(scale).toBeGreaterThan(fitted * 1.4);
  await page.waitForTimeout(400);
  const pane = await canvas.pane.boundingBox();
  const inView = async (key: string) => {
    const b = await flowNode(page, key).boundingBox();
    return !!b && !!pane && b.x >= pane.x && b.y >= pane.y && b.x + b.width <= pane.x + pane.width;
  };
  expect(await inView('Node//node-3')).toBe(false);
  await arrowTo(page, 'Node//node-3');
  await expect.poll(() => inView('Node//node-3')).toBe(true);
  await page.keyboard.press('Shift+1');
  await expect.poll(scale).toBeCloseTo(fitted, 2);

  // ? lists the keys; Escape closes the list and gives the focus back.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Canvas keys' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('rowheader', { name: 'Shift + arrows' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('2-help.png') });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  expect(await focusedKey(page)).toBe('Node//node-3');

  // The canvas is one tab stop: Tab leaves it for its controls, Shift+Tab for the palette.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Zoom In' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedKey(page)).toMatch(/^(Pod|Node|Deployment)\//);
  await page.keyboard.press('Shift+Tab');
  await expect(palette(page, 'ConfigMap')).toBeFocused();
  expect(problems).toEqual([]);
});
