import { expect, test, type Page } from '@playwright/test';
import { canvasOf } from './helpers/canvas';
import { app as storyApp } from './stories/helpers';

/**
 * The shop and the talk app fitted to a 1440x900 screen (the size a class sees): drawn at a zoom where
 * their cards read, every object in the pane, none under the minimap or the zoom controls.
 */
for (const demo of ['shop', 'talk-app'] as const)
  for (const theme of ['dark', 'light'] as const)
    test(`the ${demo} template reads at 1440x900 once fitted (${theme} theme)`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`/?demo=${demo}`);
      await expect(canvasOf(page).nodes).toHaveCount(3);
      await expect(page.locator('[data-kind="TrafficSource"]')).toHaveCount(1);
      await page.waitForTimeout(1500);
      const zoom = await page
        .locator('.react-flow__viewport')
        .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
      expect(zoom).toBeGreaterThan(0.6);
      const box = async (selector: string) => {
        const b = await page.locator(selector).boundingBox();
        if (!b) throw new Error(`no ${selector}`);
        return b;
      };
      const pane = await box('.react-flow__pane');
      const minimap = await box('.react-flow__minimap');
      const controls = await box('.react-flow__controls');
      const drawn = await page.locator('.react-flow__node:not(.react-flow__node-pod)').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { id: e.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      expect(drawn.length).toBeGreaterThan(10);
      type Box = { x: number; y: number; width: number; height: number };
      const meets = (a: Box, b: Box) =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      for (const d of drawn) {
        expect(d.x >= pane.x && d.y >= pane.y, `${d.id} in the pane`).toBe(true);
        expect(d.x + d.width <= pane.x + pane.width && d.y + d.height <= pane.y + pane.height, d.id).toBe(
          true,
        );
        expect(meets(d, minimap), `${d.id} under the minimap`).toBe(false);
        expect(meets(d, controls), `${d.id} under the controls`).toBe(false);
      }
      await page.screenshot({ path: testInfo.outputPath(`${demo}-${theme}.png`) });
    });

type Rect = { id: string; x: number; y: number; width: number; height: number };

/** The objects drawn on the canvas (not pods), where they stand on the canvas (at zoom 1). */
async function drawnObjects(page: Page): Promise<Rect[]> {
  return page.locator('.react-flow__node:not(.react-flow__node-pod)').evaluateAll((els) =>
    els.map((e) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(e).transform);
      const el = e as HTMLElement;
      return { id: el.dataset['id'] ?? '', x: m.e, y: m.f, width: el.offsetWidth, height: el.offsetHeight };
    }),
  );
}

/** Pairs of drawn objects that cover one another (touching edges do not count). */
function overlaps(drawn: Rect[]): string[] {
  const out: string[] = [];
  drawn.forEach((a, i) =>
    drawn.slice(i + 1).forEach((b) => {
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > 1 && dy > 1) out.push(`${a.id} / ${b.id}`);
    }),
  );
  return out;
}

/** Waits until `count` pods of `app` run on nodes and none waits, and the pods have glided in. */
async function settled(page: Page, app: string, count: number) {
  const pods = page.locator(`[data-kind="Pod"][data-name^="${app}-"]`);
  await expect(pods).toHaveCount(count, { timeout: 30_000 });
  await expect(page.locator(`[data-kind="Pod"][data-name^="${app}-"][data-node=""]`)).toHaveCount(0, {
    timeout: 30_000,
  });
  await page.waitForTimeout(1200);
}

for (const [demo, app, replicas] of [
  ['shop', 'frontend', 20],
  ['talk-app', 'memcache', 36],
] as const)
  test(`the ${demo} template makes room when a Node grows: ${app} scaled to ${replicas}, nothing covers anything, and back when scaled down`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/?demo=${demo}`);
    const kc = storyApp(page);
    await expect(kc.nodes).toHaveCount(3);
    await settled(page, app, 1);
    const before = await drawnObjects(page);
    expect(overlaps(before)).toEqual([]);

    await kc.kubectl(`kubectl scale deployment/${app} --replicas=${replicas}`);
    await settled(page, app, replicas);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(800);
    const grown = await drawnObjects(page);
    // A Node holds more than two rows of pods now (four pods a row): taller than 194, a card 72.
    const tallest = Math.max(...grown.filter((d) => d.id.startsWith('Node/')).map((d) => d.height));
    expect(tallest).toBeGreaterThan(194);
    expect(overlaps(grown)).toEqual([]);
    // Every pod is drawn inside its Node.
    const inside = await page.locator('[data-kind="Pod"]').evaluateAll((els) =>
      els.every((el) => {
        const pod = el.getBoundingClientRect();
        const vm = el
          .closest('.react-flow__node')
          ?.parentElement?.querySelector(`[data-id="Node//${el.getAttribute('data-node')}"]`)
          ?.getBoundingClientRect();
        return !!vm && pod.top >= vm.top && pod.bottom <= vm.bottom + 1;
      }),
    );
    expect(inside).toBe(true);
    await page.screenshot({ path: testInfo.outputPath(`${demo}-${app}-${replicas}.png`) });

    // Scaled back, every object is drawn where the template put it again.
    await kc.kubectl(`kubectl scale deployment/${app} --replicas=1`);
    await expect(page.locator(`[data-kind="Pod"][data-name^="${app}-"]`)).toHaveCount(1, { timeout: 60_000 });
    await page.waitForTimeout(1200);
    const after = await drawnObjects(page);
    const at = new Map(before.map((d) => [d.id, d]));
    for (const d of after) {
      const b = at.get(d.id);
      expect(b, d.id).toBeDefined();
      expect(Math.abs(d.x - (b?.x ?? 0)) + Math.abs(d.y - (b?.y ?? 0)), `${d.id} back in place`).toBeLessThan(
        2,
      );
    }
  });
