import { expect, test } from '@playwright/test';
import { ioBenchText } from '../bench/ioText';
import { app, dropFile, watchErrors } from './stories/helpers';

// A design of hundreds of objects is seen whole: its cards wrap into a block, the import's fit shows all of
// it, and zoomed that far out the cards are one overview drawing. A card in it can be inspected (click)
// and zoomed in on (double-click), where it is drawn as itself again.

test('hundreds of objects imported: fitted whole as an overview; a click inspects a card, a double-click zooms in on it', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);

  // 10 Namespaces, then Deployments, Services and ConfigMaps: 290 cards.
  await dropFile(page, 'shop.yaml', ioBenchText(300));
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 300 objects from shop.yaml' }),
  ).toBeVisible({ timeout: 120_000 });
  const overview = page.getByTestId('card-overview');
  await expect(overview).toBeVisible({ timeout: 60_000 });
  await expect(overview).toHaveAttribute('data-cards', '290');
  await expect(overview).toHaveAccessibleName('290 objects drawn small: zoom in to see each one');
  // No card is drawn one by one at this zoom, and the whole design is in view.
  await expect(page.locator('.react-flow__node-card')).toHaveCount(0);
  const canvasBox = await page.getByTestId('canvas').boundingBox();
  await expect
    .poll(async () => {
      const box = await overview.boundingBox();
      if (!box || !canvasBox) return false;
      return (
        box.x >= canvasBox.x &&
        box.y >= canvasBox.y &&
        box.x + box.width <= canvasBox.x + canvasBox.width &&
        box.y + box.height <= canvasBox.y + canvasBox.height
      );
    })
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath('overview-fitted.png') });

  // Hover: the tooltip names the card under the pointer. Look for one near the block's top-left.
  const box = (await overview.boundingBox())!;
  let at: { x: number; y: number } | null = null;
  let title = '';
  for (let i = 0; i < 40 && !at; i++) {
    const p = { x: box.x + 4 + (i % 8) * 3, y: box.y + 3 + Math.floor(i / 8) * 2 };
    await page.mouse.move(p.x, p.y);
    title = (await overview.getAttribute('title')) ?? '';
    if (/^(Deployment|Service|ConfigMap) app-\d+/.test(title)) at = p;
  }
  expect(at, 'a card near the top-left of the overview').not.toBeNull();
  const [kind = '', name = ''] = title.split(/[ :]/);

  // Click: the inspector shows it, and the overview outlines it.
  await page.mouse.click(at!.x, at!.y);
  await expect(kc.inspector).toContainText(name);
  await expect(kc.inspector).toContainText(kind);
  await expect(overview.locator('path.kc-overview-selected')).toHaveCount(1);

  // Double-click: zoomed in on it, drawn as itself, still selected.
  await page.mouse.dblclick(at!.x, at!.y);
  const card = page.locator(`[data-kind="${kind}"][data-name="${name}"]`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toHaveClass(/kc-selected/);
  await expect(overview).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('overview-zoomed-in.png') });
  expect(errors).toEqual([]);
});
