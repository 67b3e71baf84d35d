import { expect, test, type Page } from '@playwright/test';
import { app, dropFile } from './stories/helpers';

type Rect = { id: string; x: number; y: number; width: number; height: number };

/** The objects drawn on the canvas (not pods), where they stand on the canvas (at zoom 1). */
async function drawnObjects(page: Page): Promise<Map<string, Rect>> {
  const list = await page.locator('.react-flow__node:not(.react-flow__node-pod)').evaluateAll((els) =>
    els.map((e) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(e).transform);
      const el = e as HTMLElement;
      return { id: el.dataset['id'] ?? '', x: m.e, y: m.f, width: el.offsetWidth, height: el.offsetHeight };
    }),
  );
  return new Map(list.map((r) => [r.id, r]));
}

function overlaps(drawn: Map<string, Rect>): string[] {
  const list = [...drawn.values()];
  const out: string[] = [];
  list.forEach((a, i) =>
    list.slice(i + 1).forEach((b) => {
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > 1 && dy > 1) out.push(`${a.id} / ${b.id}`);
    }),
  );
  return out;
}

async function settled(page: Page, prefix: string, count: number) {
  await expect(page.locator(`[data-kind="Pod"][data-name^="${prefix}-"]`)).toHaveCount(count, {
    timeout: 30_000,
  });
  await expect(page.locator(`[data-kind="Pod"][data-node=""]`)).toHaveCount(0, { timeout: 30_000 });
  await page.waitForTimeout(1200);
}

test('a card a person put just below a Node is drawn below it while the Node grows, and back where it was put after (a design without fixed positions)', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?demo=web');
  const kc = app(page);
  await expect(kc.nodes).toHaveCount(3);
  await settled(page, 'web', 3);

  // Drag the Deployment from its column to just below node-1 (a few units under its bottom edge).
  const zoom = await page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
  const start = await drawnObjects(page);
  const vm = start.get('Node//node-1');
  const web = start.get('Deployment/default/web');
  if (!vm || !web) throw new Error('no node-1 or Deployment web');
  const card = kc.card('Deployment', 'web');
  const box = await card.boundingBox();
  if (!box) throw new Error('Deployment web not drawn');
  const target = { x: vm.x + 24, y: vm.y + vm.height + 18 };
  const from = { x: box.x + 40, y: box.y + 12 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const to = { x: from.x + (target.x - web.x) * zoom, y: from.y + (target.y - web.y) * zoom };
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  const put = (await drawnObjects(page)).get('Deployment/default/web');
  // Below the Node and beside nothing, where one more row of pods (30 units) would cover it.
  if (!put) throw new Error('Deployment web gone');
  expect(put.y).toBeGreaterThanOrEqual(vm.y + vm.height);
  expect(put.y).toBeLessThan(vm.y + vm.height + 30);
  expect(put.x < vm.x + vm.width && vm.x < put.x + put.width).toBe(true);
  expect(overlaps(await drawnObjects(page))).toEqual([]);

  // 24 replicas: eight on each 2-CPU Node, two rows; node-1 grows past where the card was put.
  await kc.kubectl('kubectl scale deployment/web --replicas=24');
  await settled(page, 'web', 24);
  const grown = await drawnObjects(page);
  const vmNow = grown.get('Node//node-1');
  const webNow = grown.get('Deployment/default/web');
  expect(vmNow?.height ?? 0).toBeGreaterThan(vm.height);
  expect(webNow?.x).toBe(put.x);
  expect(webNow?.y ?? 0).toBeGreaterThanOrEqual((vmNow?.y ?? 0) + (vmNow?.height ?? 0));
  expect(overlaps(grown)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('web-24-card-below-node.png') });

  // Scaled back, the card is drawn where the person put it.
  await kc.kubectl('kubectl scale deployment/web --replicas=3');
  await expect(page.locator('[data-kind="Pod"][data-name^="web-"]')).toHaveCount(3, { timeout: 60_000 });
  await page.waitForTimeout(1200);
  const back = (await drawnObjects(page)).get('Deployment/default/web');
  expect(back?.x).toBe(put.x);
  expect(back?.y).toBe(put.y);
});

/** Services of each shape a class meets: one port, two, a NodePort, a LoadBalancer, three, headless. */
const SERVICES = `
apiVersion: v1
kind: Service
metadata: {name: one}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: two-ports}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]
---
apiVersion: v1
kind: Service
metadata: {name: node-port}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
---
apiVersion: v1
kind: Service
metadata: {name: load-balancer}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}]
---
apiVersion: v1
kind: Service
metadata: {name: dns}
spec:
  selector: {app: web}
  ports: [{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53}, {name: metrics, port: 9153}]
---
apiVersion: v1
kind: Service
metadata: {name: headless}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 5432}]}
`;

test.describe('Service cards', () => {
  test.use({ deviceScaleFactor: 2 });
  for (const theme of ['dark', 'light'] as const)
    test(`show TYPE and CLUSTER-IP, and PORT(S) whole on a line of its own, as kubectl get svc does (${theme} theme)`, async ({
      page,
    }, testInfo) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.emulateMedia({ colorScheme: theme });
      await page.goto('/?demo=web');
      const kc = app(page);
      await expect(kc.nodes).toHaveCount(3);
      await dropFile(page, 'services.yaml', SERVICES);
      await expect(page.getByRole('status').filter({ hasText: 'Imported 6 objects' })).toBeVisible();
      await page.getByRole('button', { name: 'Fit View' }).click();
      await page.waitForTimeout(1000);
      // The last Service lands under the minimap: pan the canvas up a little, as a person would.
      await page.mouse.move(340, 570);
      await page.mouse.down();
      await page.mouse.move(340, 470, { steps: 6 });
      await page.mouse.up();
      await expect(kc.card('Service', 'headless')).toBeInViewport();
      const table = (await (await kc.kubectl('kubectl get svc')).textContent()) ?? '';
      const rows = new Map(
        table
          .split('\n')
          .map((line) => line.trim().split(/\s+/))
          .map((cells) => [cells[0] ?? '', cells] as const),
      );
      for (const [name, ports] of [
        ['one', /^80\/TCP$/],
        ['two-ports', /^80\/TCP,443\/TCP$/],
        ['node-port', /^80:30080\/TCP$/],
        ['load-balancer', /^80:3\d{4}\/TCP,443:3\d{4}\/TCP$/],
        ['dns', /^53\/UDP,53\/TCP,9153\/TCP$/],
        ['headless', /^5432\/TCP$/],
      ] as const) {
        // kubectl get svc: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE.
        const [, type = '', clusterIp = '', external = '', column = ''] = rows.get(name) ?? [];
        // A LoadBalancer shows its EXTERNAL-IP, the address it is reached at from outside.
        const ip = type === 'LoadBalancer' ? external : clusterIp;
        expect(column, `kubectl's PORT(S) of ${name}`).toMatch(ports);
        const card = kc.card('Service', name);
        const lines = await card.evaluate((el) =>
          [...el.children]
            .filter((c) => c.tagName === 'DIV' && !c.classList.contains('react-flow__handle'))
            .map((c) => ({
              text: (c.children.length
                ? [...c.children].map((x) => x.textContent ?? '').join(' ')
                : c.textContent
              )
                ?.replace(/\s+/g, ' ')
                .trim(),
              cut: [c, ...c.querySelectorAll('span')].some((x) => x.scrollWidth > x.clientWidth + 0.5),
            })),
        );
        expect(lines.map((l) => l.text)).toEqual([`svc ${name}`, `${type} ${ip}`, column]);
        expect(
          lines.filter((l) => l.cut),
          `${name}: no line cut`,
        ).toEqual([]);
        // The card's name for a screen reader says the same.
        await expect(card).toHaveAttribute('aria-label', `Service ${name}, ${type}, ${ip}, ${column}`);
        await card.screenshot({ path: testInfo.outputPath(`${name}-${theme}.png`) });
      }
      // Nothing is cut off at the card's bottom edge either.
      const overflow = await page
        .locator('[data-kind="Service"]')
        .evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight).length);
      expect(overflow).toBe(0);
      await page.screenshot({ path: testInfo.outputPath(`services-${theme}.png`) });
    });
});
