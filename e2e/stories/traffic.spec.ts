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

test("the talk's web app opens with clients sending traffic to its load balancer: dots within seconds", async ({
  page,
}, testInfo) => {
  const kc = app(page);
  await page.goto('/?demo=talk-app');
  const clients = page.locator('[data-kind="TrafficSource"][data-name="service-web"]');
  await expect(clients).toBeVisible();
  await expect(clients).toHaveAttribute('data-rps', '50');
  await expect(clients).toContainText('svc web');
  // Requests reach the load balancer at once (red while no web pod is ready yet: 503s, as upstream).
  const started = Date.now();
  await expect
    .poll(
      () =>
        page
          .locator('.react-flow__edge[data-id="src|TrafficSource/default/service-web"] [data-traffic]')
          .count(),
      {
        timeout: 8_000,
      },
    )
    .toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(8_000);
  // Once the pods are ready, green dots run from the Service to each of them.
  await kc.speed('10×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 40_000 });
  await kc.speed('1×');
  const okToPods = page.locator('.react-flow__edge[data-id^="svc|Service/default/web|"] [data-traffic="ok"]');
  await expect.poll(() => okToPods.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(clients).toContainText('100% OK', { timeout: 20_000 });
  // Both themes, as a projector shows them.
  for (const theme of ['dark', 'light'] as const) {
    const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
    if (await toggle.isVisible()) await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.waitForTimeout(400);
    await page.screenshot({ path: testInfo.outputPath(`talk-app-traffic-${theme}.png`) });
    const lb = await page.locator('.react-flow__node[data-id="Service/default/web"]').boundingBox();
    if (lb)
      await page.screenshot({
        path: testInfo.outputPath(`talk-app-traffic-${theme}-close.png`),
        clip: { x: lb.x - 420, y: lb.y - 260, width: 760, height: 400 },
      });
  }
});

test("the inspector's Send traffic on a Service: N requests/s, 0 stops, each one undo entry", async ({
  page,
}) => {
  const kc = app(page);
  await page.goto('/?seed=7');
  await expect(kc.readyPods('web-')).toHaveCount(3);
  await kc.kubectl('kubectl expose deployment web --port 80 --target-port 80 --type NodePort');
  await kc.card('Service', 'web').click();
  const form = kc.inspector.getByRole('form', { name: 'Send traffic' });
  const field = form.getByRole('spinbutton', { name: 'Send traffic' });
  await expect(field).toHaveValue('0');
  await field.fill('120');
  await field.press('Enter');
  const clients = page.locator('[data-kind="TrafficSource"][data-name="service-web"]');
  await expect(clients).toHaveAttribute('data-rps', '120');
  await expect(form).toContainText('send 120 requests/s to web');
  const dots = page.locator('.react-flow__edge [data-traffic]');
  await expect.poll(() => dots.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
  // A rate that is not one is refused where it was typed.
  await field.fill('-5');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(form.getByRole('alert')).toHaveText('Requests per second must be a number from 0 to 100,000.');
  await field.fill('0');
  await form.getByRole('button', { name: 'Stop' }).click();
  await expect(clients).toHaveCount(0);
  await expect.poll(() => dots.count(), { timeout: 20_000 }).toBe(0);
  // Undo brings the clients back at their rate, redo stops them again.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(clients).toHaveAttribute('data-rps', '120');
  await page.keyboard.press('Control+Shift+z');
  await expect(clients).toHaveCount(0);
});
