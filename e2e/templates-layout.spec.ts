import { expect, test } from '@playwright/test';
import { canvasOf } from './helpers/canvas';

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
