import { expect, test } from '@playwright/test';
import { canvasOf } from './helpers/canvas';

/**
 * The dock's Events as `kubectl get events` prints them: one line per Event, a long message ending in an
 * ellipsis with its full text kept (the cell's tooltip, the document), and "Wrap messages" to read every
 * message whole.
 */
test('the dock shows one line per Event; a long message is cut with its full text kept, and can be wrapped', async ({
  page,
}, testInfo) => {
  await page.goto('/?demo=shop');
  await expect(canvasOf(page).nodes).toHaveCount(3);
  await page.getByRole('button', { name: '100×' }).click();
  await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(12, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();

  const dock = page.locator('[data-slot="dock"]');
  await dock.getByRole('tab', { name: 'Events', exact: true }).click();
  const table = dock.getByRole('table', { name: 'Cluster events' });
  // Still an ARIA table: a header row of kubectl's columns, then a row of five cells per Event.
  const header = table.getByRole('row').first();
  await expect(header.getByRole('columnheader')).toHaveText([
    'LAST SEEN',
    'TYPE',
    'REASON',
    'OBJECT',
    'MESSAGE',
  ]);

  await dock.getByRole('searchbox', { name: 'Filter events' }).fill('Successfully pulled image');
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(12);
  await expect(rows.first().getByRole('cell')).toHaveCount(5);

  // Every row is one line high, as high as the header row.
  const lineHeight = (await header.boundingBox())?.height ?? 0;
  expect(lineHeight).toBeGreaterThan(10);
  expect(lineHeight).toBeLessThan(22);
  const heights = await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(heights).toEqual(heights.map(() => lineHeight));

  // The image's long message ends in an ellipsis; its full text is still there and in the tooltip.
  const row = rows.filter({ hasText: 'pod/emailservice-' });
  const message = row.getByRole('cell').last();
  const full = await message.textContent();
  expect(full).toMatch(
    /^Successfully pulled image "us-central1-docker\.pkg\.dev\/google-samples\/microservices-demo\/emailservice:v0\.10\.1" in .* Image size: \d+ bytes\.$/,
  );
  await expect(message).toHaveAttribute('title', full ?? '');
  expect(await message.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  expect(await message.evaluate((e) => getComputedStyle(e).textOverflow)).toBe('ellipsis');
  await page.screenshot({ path: testInfo.outputPath('events-one-line.png') });

  // Wrap messages: the message is shown whole, over several lines; unticked, one line again.
  const wrap = dock.getByRole('checkbox', { name: 'Wrap messages' });
  await wrap.check();
  await expect.poll(async () => (await row.boundingBox())?.height ?? 0).toBeGreaterThan(lineHeight * 1.5);
  expect(await message.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(false);
  await page.screenshot({ path: testInfo.outputPath('events-wrapped.png') });
  await wrap.uncheck();
  await expect.poll(async () => (await row.boundingBox())?.height ?? 0).toBe(lineHeight);

  // The OBJECT link still selects its object.
  await row.getByRole('button').click();
  await expect(page.locator('[data-kind="Pod"][data-name^="emailservice-"]')).toHaveClass(/kc-selected/);
});
