import { expect, test } from '@playwright/test';
import { app } from './helpers';

test('traffic is drawn as dots moving from a Service to its ready pods, and stops when the traffic stops', async ({
  page,
}, testInfo) => {
  const kc = app(page);
  await page.goto('/?seed=7');
  await expect(kc.readyPods('web-')).toHaveCount(3);
  await kc.kubectl('kubectl expose deployment web --port 80 --target-port 80');
  await kc.kubectl('kubecanvas traffic service/web --rps 200');
  const dots = page.locator('.react-flow__edge [data-traffic]');
  await expect.poll(() => dots.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.locator('.react-flow__edge [data-traffic="failed"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('traffic.png') });
  await kc.kubectl('kubecanvas traffic service/web --rps 0');
  await expect.poll(() => dots.count(), { timeout: 20_000 }).toBe(0);
});
