import { expect, test, type Page } from '@playwright/test';
import { app, watchErrors } from './helpers';

/** Seconds from an h:mm:ss.t clock. */
function seconds(text: string | null): number {
  const [h, m, s] = (text ?? '0:00:00.0').split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/** Drags the timeline's thumb (from where it is) to simulated second `to`, in small moves, and lets go. */
async function dragTimelineTo(page: Page, to: number): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Timeline' });
  const box = (await slider.boundingBox())!;
  const now = seconds(await page.getByLabel('Simulated time').textContent());
  const end = seconds(await page.getByLabel('Recorded until').textContent());
  // Chromium's range track runs between the thumb's half-widths (the thumb is 16 px wide).
  const x = (s: number) => box.x + 8 + ((box.width - 16) * s) / end;
  const y = box.y + box.height / 2;
  await page.mouse.move(x(now), y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(x(now + ((to - now) * i) / 12), y);
  await page.mouse.up();
}

test('story 25: drag the timeline back to before the node failure: the cluster is as it was; play it again', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=web&seed=25');
  await expect(kc.nodes).toHaveCount(3);
  await expect(kc.podsOf('web')).toHaveCount(3);
  await kc.speed('100×');
  await expect(kc.readyPods('web-')).toHaveCount(3, { timeout: 30_000 });
  await expect.poll(() => kc.simSeconds(), { timeout: 30_000 }).toBeGreaterThan(20);

  // Where each pod runs now; the node with pods on it is the one to fail.
  const placement = await kc.pods.evaluateAll((els) =>
    Object.fromEntries(
      els.map((e) => [e.getAttribute('data-name') ?? '', e.getAttribute('data-node') ?? '']),
    ),
  );
  expect(Object.keys(placement)).toHaveLength(3);
  const victim = Object.values(placement)[0]!;
  expect(victim).toMatch(/^node-\d$/);
  const victimCard = page.locator(`[data-kind="Node"][data-name="${victim}"]`);

  await page.getByRole('button', { name: '10×', exact: true }).click();
  await kc.card('Node', victim).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Fail node' }).click();
  const failMarker = page.getByRole('button', { name: new RegExp(`^Node ${victim} failed at `) });
  await expect(failMarker).toBeAttached();
  // The marker names the simulated moment of the failure.
  const failedAt = seconds((await failMarker.getAttribute('aria-label'))!.replace(/^.* at /, ''));
  expect(failedAt).toBeGreaterThan(20);
  expect(failedAt).toBeLessThanOrEqual(await kc.simSeconds());

  // At 100x: NotReady after about 40 s, the pods evicted five minutes later and made again elsewhere.
  await kc.speed('100×');
  await expect(victimCard).toHaveAttribute('data-ready', 'false', { timeout: 30_000 });
  await expect(
    page.locator(`[data-kind="Pod"][data-node="${victim}"]:not([data-state="Terminating"])`),
  ).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator(`[data-kind="Pod"][data-ready="true"]:not([data-node="${victim}"])`)).toHaveCount(
    3,
    { timeout: 30_000 },
  );
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${victim} NotReady at `) })).toBeAttached();
  await expect(page.getByRole('button', { name: /evicted/ }).first()).toBeAttached();
  await page.getByRole('button', { name: 'Pause' }).click();
  const end = seconds(await page.getByLabel('Recorded until').textContent());
  expect(end).toBeGreaterThan(failedAt + 300);
  await page
    .getByRole('region', { name: 'Time controls' })
    .screenshot({ path: testInfo.outputPath('timeline-after-failure.png') });

  // Drag the timeline back to before the failure: the pods are where they were, the node is Ready.
  const before = Math.max(5, failedAt - 6);
  await dragTimelineTo(page, before);
  // The replay runs in the engine's worker: the clock shows the moment once it is rebuilt.
  await expect.poll(() => kc.simSeconds()).toBeLessThan(failedAt);
  const at = await kc.simSeconds();
  expect(at).toBeLessThan(failedAt);
  expect(at).toBeGreaterThan(before - 3);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(victimCard).toHaveAttribute('data-ready', 'true');
  await expect(kc.pods).toHaveCount(3);
  const rewound = await kc.pods.evaluateAll((els) =>
    Object.fromEntries(
      els.map((e) => [e.getAttribute('data-name') ?? '', e.getAttribute('data-node') ?? '']),
    ),
  );
  expect(rewound).toEqual(placement);
  expect(seconds(await page.getByLabel('Recorded until').textContent())).toBe(end);
  await expect(failMarker).toBeAttached();
  await page.screenshot({ path: testInfo.outputPath('story-25-rewound.png') });

  // The keyboard moves it too: one second back per arrow press.
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => kc.simSeconds()).toBeCloseTo(at - 1, 0);

  // Play it again: the recorded failure happens again at its time, and the node goes NotReady.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(victimCard).toHaveAttribute('data-ready', 'false', { timeout: 30_000 });
  expect(await kc.simSeconds()).toBeGreaterThan(failedAt + 30);
  await victimCard.click();
  await expect(kc.inspector.getByRole('button', { name: 'Recover node' })).toBeVisible();

  // A marker takes the timeline to just before its moment.
  await page.getByRole('button', { name: 'Pause' }).click();
  await failMarker.click();
  // Just before it: 1 ms earlier (the clock shows tenths, as the marker's name does).
  await expect.poll(() => kc.simSeconds()).toBeLessThanOrEqual(failedAt);
  expect(await kc.simSeconds()).toBeGreaterThanOrEqual(failedAt - 0.1);
  await expect(victimCard).toHaveAttribute('data-ready', 'true');
  await expect(kc.inspector.getByRole('button', { name: 'Fail node' })).toBeVisible();
  await page
    .getByRole('region', { name: 'Time controls' })
    .screenshot({ path: testInfo.outputPath('timeline-rewound.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page
    .getByRole('region', { name: 'Time controls' })
    .screenshot({ path: testInfo.outputPath('timeline-rewound-dark.png') });
  expect(errors).toEqual([]);
});
