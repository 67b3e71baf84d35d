import { expect, test, type Locator, type Page } from '@playwright/test';
import { canvasOf, watchConsole } from './helpers/canvas';

/**
 * The actions people look for on the canvas, done as a person does them: right-click an object, pick
 * the item (answer its small prompt), and see the effect on the canvas (data-* attributes).
 */

const menu = (page: Page) => page.locator('.kc-menu');
const item = (page: Page, name: string | RegExp) => page.getByRole('menuitem', { name });

async function rightClick(target: Locator, position = { x: 24, y: 12 }): Promise<void> {
  await target.click({ button: 'right', position });
  // The menu is the object's own (its title is the object's name).
  const name = (await target.getAttribute('data-name')) ?? '';
  await expect(page(target).getByRole('menu', { name })).toBeVisible();
}
const page = (l: Locator): Page => l.page();

/** Answers a menu item's prompt: types the value and presses Enter. */
async function answer(p: Page, label: string | RegExp, value: string): Promise<void> {
  const field = menu(p).getByLabel(label);
  await expect(field).toBeFocused();
  await field.fill(value);
  await field.press('Enter');
}

const livePods = (p: Page, prefix: string): Locator =>
  p.locator(`[data-kind="Pod"][data-name^="${prefix}"]:not([data-state="Terminating"])`);

test("a Node's menu: Cordon, Uncordon, Drain (kubectl's drain), and Fail node shows the VM down at once", async ({
  page: p,
}, testInfo) => {
  const problems = watchConsole(p);
  const canvas = canvasOf(p);
  await p.goto('/?demo=web&seed=21');
  await expect(canvas.nodes).toHaveCount(3);
  await p.getByRole('button', { name: '100×' }).click();
  await expect(p.locator('[data-kind="Pod"][data-name^="web-"][data-ready="true"]')).toHaveCount(3, {
    timeout: 30_000,
  });
  const node1 = canvas.card('Node', 'node-1');
  await rightClick(node1);
  await item(p, 'Cordon').click();
  await expect(node1).toHaveAttribute('data-cordoned', 'true');
  await expect(node1).toContainText('SchedulingDisabled');
  await rightClick(node1);
  await item(p, 'Uncordon').click();
  await expect(node1).toHaveAttribute('data-cordoned', 'false');

  // Drain the node that runs a web pod: kubectl's drain cordons it and evicts its pods, which the
  // ReplicaSet replaces on the other nodes.
  const busy =
    (await p.locator('[data-kind="Pod"][data-name^="web-"]').first().getAttribute('data-node')) ?? '';
  const drained = canvas.card('Node', busy);
  await rightClick(drained);
  await item(p, 'Drain').click();
  await expect(p.getByText(`node/${busy} drained`)).toBeVisible();
  await expect(drained).toHaveAttribute('data-cordoned', 'true');
  await expect(livePods(p, 'web-').and(p.locator(`[data-node="${busy}"]`))).toHaveCount(0, {
    timeout: 20_000,
  });
  await expect(
    p.locator(`[data-kind="Pod"][data-name^="web-"][data-ready="true"]:not([data-node="${busy}"])`),
  ).toHaveCount(3, { timeout: 30_000 });

  // Fail another node at 1x: its VM is drawn down at once, while Kubernetes still says Ready.
  await p.getByRole('button', { name: '1×', exact: true }).click();
  const other = canvas.card('Node', busy === 'node-3' ? 'node-2' : 'node-3');
  await rightClick(other);
  await item(p, 'Fail node').click();
  await expect(other).toHaveAttribute('data-machine', 'off');
  await expect(other).toHaveAttribute('data-ready', 'true');
  await expect(other.locator('[data-fault="down"]')).toContainText('VM down');
  await expect(other.locator('[data-fault="down"]')).toContainText(
    /Kubernetes notices in \d+ s \(grace period 50 s\)/,
  );
  await p.screenshot({ path: testInfo.outputPath('node-actions.png') });
  expect(problems).toEqual([]);
});

test("a Pod's menu: break its readiness or liveness probe, or delete it", async ({ page: p }, testInfo) => {
  const problems = watchConsole(p);
  await p.goto('/?demo=talk-app&seed=5');
  await p.getByRole('button', { name: '100×' }).click();
  const ready = p.locator('[data-kind="Pod"][data-name^="web-"][data-ready="true"]');
  await expect(ready).toHaveCount(3, { timeout: 40_000 });
  const names = await ready.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  const pod = (n: string) => p.locator(`[data-kind="Pod"][data-name="${n}"]`);

  // Readiness: the pod keeps running but is no longer ready (and leaves the Service's endpoints).
  await rightClick(pod(names[0] ?? ''), { x: 10, y: 10 });
  await item(p, 'Break readiness probe').click();
  await expect(pod(names[0] ?? '')).toHaveAttribute('data-ready', 'false', { timeout: 20_000 });
  await expect(pod(names[0] ?? '')).toHaveAttribute('data-phase', 'Running');

  // Liveness: the kubelet restarts the container.
  await rightClick(pod(names[1] ?? ''), { x: 10, y: 10 });
  await item(p, 'Break liveness probe').click();
  await expect(pod(names[1] ?? '').locator('.kc-restarts')).toBeVisible({ timeout: 20_000 });

  // Delete: it goes, and its ReplicaSet makes another.
  await rightClick(pod(names[2] ?? ''), { x: 10, y: 10 });
  await item(p, /^Delete/).click();
  await expect(pod(names[2] ?? '')).toHaveCount(0, { timeout: 20_000 });
  await expect(livePods(p, 'web-')).toHaveCount(3, { timeout: 20_000 });

  // A pod without probes says why the items are not offered.
  const redis = p.locator('[data-kind="Pod"][data-name^="redis-"]').first();
  await rightClick(redis, { x: 10, y: 10 });
  await expect(item(p, 'Break readiness probe')).toBeDisabled();
  await p.keyboard.press('Escape');
  await p.screenshot({ path: testInfo.outputPath('pod-actions.png') });
  expect(problems).toEqual([]);
});

test("a workload's menu: Scale… and Change image… (a rollout), undoable; a StatefulSet's Scale…", async ({
  page: p,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchConsole(p);
  const canvas = canvasOf(p);
  await p.goto('/?demo=talk-app&seed=6');
  await p.getByRole('button', { name: '100×' }).click();
  await expect(p.locator('[data-kind="Pod"][data-name^="web-"][data-ready="true"]')).toHaveCount(3, {
    timeout: 40_000,
  });
  const web = canvas.card('Deployment', 'web');

  // Scale…: a number that is not a replica count is refused in place; 5 scales.
  await rightClick(web);
  await item(p, 'Scale…').click();
  await answer(p, 'Replicas of web', '-1');
  await expect(menu(p).getByRole('alert')).toHaveText('Replicas must be a whole number from 0 to 1000.');
  await answer(p, 'Replicas of web', '5');
  await expect(menu(p)).toHaveCount(0);
  await expect(livePods(p, 'web-')).toHaveCount(5, { timeout: 20_000 });
  await expect(web).toContainText('/5 ready');
  // One undo entry takes it back.
  await p.keyboard.press('Control+z');
  await expect(web).toContainText('/3 ready');
  await expect(livePods(p, 'web-')).toHaveCount(3, { timeout: 20_000 });

  // Change image…: a rollout to web:2.0 replaces every pod.
  const before = await livePods(p, 'web-').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
  await rightClick(web);
  await item(p, 'Change image…').click();
  await answer(p, 'Image of container web', 'web:2.0');
  await expect(web).toContainText('web:2.0');
  await expect
    .poll(
      async () => {
        const now = await p
          .locator('[data-kind="Pod"][data-name^="web-"][data-ready="true"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
        return now.length === 3 && now.every((n) => !before.includes(n));
      },
      { timeout: 40_000 },
    )
    .toBe(true);

  // A StatefulSet scales too: mongo-1 starts.
  await rightClick(canvas.card('StatefulSet', 'mongo'));
  await item(p, 'Scale…').click();
  await answer(p, 'Replicas of mongo', '2');
  await expect(p.locator('[data-kind="Pod"][data-name="mongo-1"]')).toHaveCount(1, { timeout: 20_000 });
  await p.screenshot({ path: testInfo.outputPath('workload-actions.png') });
  expect(problems).toEqual([]);
});

test("a DaemonSet's menu: Change image… (no Scale: it runs one pod per node)", async ({ page: p }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(p);
  const canvas = canvasOf(p);
  await p.goto('/?demo=daemonset-agent&seed=7');
  await p.getByRole('button', { name: '100×' }).click();
  const agent = canvas.card('DaemonSet', 'log-agent');
  await expect(p.locator('[data-kind="Pod"][data-name^="log-agent-"][data-ready="true"]')).toHaveCount(4, {
    timeout: 40_000,
  });
  const old = await livePods(p, 'log-agent-').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-name')),
  );
  await rightClick(agent);
  await expect(item(p, 'Scale…')).toHaveCount(0);
  await item(p, 'Change image…').click();
  await answer(p, 'Image of container log-agent', 'fluent/fluent-bit:3.2');
  await expect(agent).toContainText('fluent/fluent-bit:3.2');
  await expect
    .poll(
      async () => {
        const now = await p
          .locator('[data-kind="Pod"][data-name^="log-agent-"][data-ready="true"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
        return now.length === 4 && now.every((n) => !old.includes(n));
      },
      { timeout: 40_000 },
    )
    .toBe(true);
  expect(problems).toEqual([]);
});

test("a Service's menu sends traffic: Clients appear with their requests per second, change, stop, undo", async ({
  page: p,
}, testInfo) => {
  const problems = watchConsole(p);
  const canvas = canvasOf(p);
  await p.goto('/?demo=web&seed=8');
  await expect(canvas.nodes).toHaveCount(3);
  await p
    .getByRole('navigation', { name: 'Palette' })
    .getByRole('button', { name: 'Service', exact: true })
    .click();
  const svc = canvas.card('Service', 'web');
  await expect(svc).toBeVisible();
  await expect(p.locator('[data-kind="Pod"][data-name^="web-"][data-ready="true"]')).toHaveCount(3, {
    timeout: 30_000,
  });
  await rightClick(svc);
  await item(p, 'Send traffic…').click();
  await answer(p, 'Requests per second to web (0 stops)', '30');
  const clients = p.locator('[data-kind="TrafficSource"][data-name="service-web"]');
  await expect(clients).toHaveAttribute('data-rps', '30');
  await expect(clients).toContainText('Clients');
  const dots = p.locator('.react-flow__edge[data-id="src|TrafficSource/default/service-web"] [data-traffic]');
  await expect.poll(() => dots.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect
    .poll(
      () => p.locator('.react-flow__edge[data-id^="svc|Service/default/web|"] [data-traffic="ok"]').count(),
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThanOrEqual(3);

  // The Clients' own menu changes the rate; Ctrl+Z puts it back.
  await rightClick(clients);
  await item(p, 'Change traffic…').click();
  await answer(p, 'Requests per second (0 stops)', '300');
  await expect(clients).toHaveAttribute('data-rps', '300');
  await p.keyboard.press('Control+z');
  await expect(clients).toHaveAttribute('data-rps', '30');
  await p.screenshot({ path: testInfo.outputPath('clients.png') });

  // Stop traffic: the Clients go and the dots stop; undo brings them back.
  await rightClick(svc);
  await item(p, 'Stop traffic').click();
  await expect(clients).toHaveCount(0);
  await expect.poll(() => p.locator('[data-traffic]').count(), { timeout: 20_000 }).toBe(0);
  await p.keyboard.press('Control+z');
  await expect(clients).toHaveAttribute('data-rps', '30');
  expect(problems).toEqual([]);
});

test('connecting: dropping an edge anywhere on a valid card connects it', async ({ page: p }, testInfo) => {
  const problems = watchConsole(p);
  const canvas = canvasOf(p);
  await p.goto('/?demo=web&seed=9');
  await expect(canvas.nodes).toHaveCount(3);
  const palette = p.getByRole('navigation', { name: 'Palette' });
  await palette.getByRole('button', { name: 'Service', exact: true }).click();
  await expect(canvas.card('Service', 'web')).toBeVisible();
  await palette.getByRole('button', { name: 'Deployment', exact: true }).click();
  const target = canvas.card('Deployment', 'web-2');
  await expect(target).toBeVisible();
  await expect(p.locator('[data-kind="Pod"][data-name^="web-2-"]')).toHaveCount(3);
  const toWeb2 = p.locator('.react-flow__edge[data-id^="svc|Service/default/web|Pod/default/web-2-"]');
  await expect(toWeb2).toHaveCount(0);
  const from = await p
    .locator('.react-flow__node[data-id="Service/default/web"] .kc-link-handle')
    .boundingBox();
  const card = await target.boundingBox();
  if (!from || !card) throw new Error('not on screen');
  // Onto the card's name, far from its small handle on the right.
  const to = { x: card.x + 30, y: card.y + 14 };
  await p.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await p.mouse.down();
  await p.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await p.mouse.move(to.x, to.y, { steps: 8 });
  await expect(
    p.locator('.react-flow__node[data-id="Deployment/default/web-2"] .kc-accept-handle.valid'),
  ).toHaveCount(1);
  await p.screenshot({ path: testInfo.outputPath('connect-over-card.png') });
  await p.mouse.up();
  await expect(toWeb2).toHaveCount(3);
  expect(problems).toEqual([]);
});

test('palette clicks place each new object in a free spot in view, never on another one', async ({
  page: p,
}, testInfo) => {
  const problems = watchConsole(p);
  const canvas = canvasOf(p);
  await p.goto('/?demo=talk-app&seed=10');
  await expect(canvas.nodes).toHaveCount(3);
  await expect(canvas.card('StatefulSet', 'mongo')).toBeVisible();
  await p.waitForTimeout(800);
  const drawn = () =>
    p.locator('.react-flow__node:not(.react-flow__node-pod)').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { id: e.getAttribute('data-id') ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
  const before = new Set((await drawn()).map((b) => b.id));
  const palette = p.getByRole('navigation', { name: 'Palette' });
  for (const name of ['Deployment', 'ConfigMap', 'Job', 'Service', 'Deployment'])
    await palette.getByRole('button', { name, exact: true }).click();
  await palette.getByRole('button', { name: 'ConfigMap', exact: true }).focus();
  await p.keyboard.press('Enter');
  await expect(p.locator('[data-kind="ConfigMap"]')).toHaveCount(2);
  await p.waitForTimeout(1500);
  const boxes = await drawn();
  const pane = await canvas.pane.boundingBox();
  if (!pane) throw new Error('no canvas');
  const added = boxes.filter((b) => !before.has(b.id));
  expect(added.length).toBe(6);
  for (const a of added) {
    for (const b of boxes) {
      if (a.id === b.id) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.id} on ${b.id}`).toBe(true);
    }
    expect(a.x >= pane.x && a.y >= pane.y, a.id).toBe(true);
    expect(a.x + a.w <= pane.x + pane.width && a.y + a.h <= pane.y + pane.height, a.id).toBe(true);
  }
  await p.screenshot({ path: testInfo.outputPath('palette-placed.png') });
  expect(problems).toEqual([]);
});
