import { expect, test, type Locator, type Page } from '@playwright/test';
import { ioBenchText } from '../bench/ioText';
import { app, dropFile, watchErrors } from './stories/helpers';

/** Presses Tab (or Shift+Tab) until the element has the focus, as a person tabs to a control. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The accessible name, as the tests read it (toHaveAccessibleName's). */
async function accessibleName(l: Locator): Promise<string> {
  return l.evaluate((el) => {
    const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/);
    return ids
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  });
}

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

// The same overview without a mouse: it takes the focus as one element whose current card the arrows move,
// named as the card is; Enter inspects that card, + zooms in on it, and zooming out again from a focused
// card hands the focus back to the overview, on that card.
test('the overview by keyboard alone: arrows move its current card, named as the card says it; Enter inspects, + zooms in, - zooms back out onto it', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const kc = app(page);
  const announcer = page.getByTestId('canvas-announcer');
  const caption = page.getByTestId('overview-caption');
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);
  await dropFile(page, 'shop.yaml', ioBenchText(300));
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 300 objects from shop.yaml' }),
  ).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('card-overview')).toBeVisible({ timeout: 60_000 });
  const overview = page.locator('.react-flow__node[data-id="area:overview"]');

  // Tab reaches the overview (the canvas's one stop here: no Node is drawn). It is named by its current
  // card (the top-left one) as that card's own element is named: kind, name, namespace, state, image.
  await tabTo(page, overview);
  const cardName = /^(Deployment|Service|ConfigMap) app-\d+ in team-\d, /;
  await expect(overview).toHaveAccessibleName(cardName);
  await expect(overview).toHaveAttribute('aria-roledescription', 'overview of cards');
  await expect(overview).toHaveAccessibleDescription(/^One of 290 objects drawn small\. Arrow keys/);
  const first = await accessibleName(overview);
  // Sighted, the same words at the foot of the canvas (the cards are too small to read).
  await expect(caption).toBeVisible();
  await expect(caption).toHaveText(first);

  // Right: the next card along the row, said in the live region, selected (outlined), the focus kept.
  await page.keyboard.press('ArrowRight');
  await expect(announcer).toHaveText(cardName);
  const second = (await announcer.textContent())!.trim();
  expect(second).not.toBe(first);
  await expect(overview).toBeFocused();
  await expect(overview).toHaveAccessibleName(second);
  await expect(caption).toHaveText(second);
  await expect(page.getByTestId('card-overview').locator('path.kc-overview-selected')).toHaveCount(1);
  // Down, then Up: the card under it and back.
  await page.keyboard.press('ArrowDown');
  await expect(announcer).not.toHaveText(second);
  await expect(announcer).toHaveText(cardName);
  await page.keyboard.press('ArrowUp');
  await expect(announcer).toHaveText(second);
  await expect(overview).toHaveAccessibleName(second);
  // The current card is outlined while the overview has the focus (the selection outline inside it).
  const ring = page.locator('path.kc-overview-current');
  await expect(ring).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('overview-keyboard.png') });
  const at = (await ring.boundingBox())!;
  await page.screenshot({
    path: testInfo.outputPath('overview-keyboard-current.png'),
    clip: { x: at.x - 40, y: at.y - 30, width: at.width + 80, height: at.height + 60 },
  });

  // Enter: the inspector shows that card and takes the focus.
  const [kind = '', name = ''] = second.split(/[ ,]+/);
  await page.keyboard.press('Enter');
  await expect(kc.inspector).toContainText(name);
  await expect(kc.inspector).toContainText(kind);
  await expect
    .poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-slot="inspector"]')))
    .toBe(true);

  // Back to the canvas (on through the inspector, round the page): the overview is still on that card.
  // + zooms in on it, drawn as itself, focused.
  await tabTo(page, overview);
  await expect(overview).toHaveAccessibleName(second);
  await page.keyboard.press('+');
  const card = page.locator(`[data-kind="${kind}"][data-name="${name}"]`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(overview).toHaveCount(0);
  const cardNode = page.locator('.react-flow__node').filter({ has: card });
  await expect(cardNode).toBeFocused();
  await expect(card).toHaveAttribute('aria-label', second);
  await expect(card).toHaveClass(/kc-selected/);

  // - zooms out step by step; once the cards are one overview again, it has the focus, on that card.
  for (let i = 0; i < 12 && (await overview.count()) === 0; i++) {
    await page.keyboard.press('-');
    await page.waitForTimeout(150);
  }
  await expect(overview).toBeFocused();
  await expect(overview).toHaveAccessibleName(second);
  await expect(caption).toHaveText(second);
  // And the arrows go on from there.
  await page.keyboard.press('ArrowLeft');
  await expect(announcer).toHaveText(cardName);
  await expect(announcer).not.toHaveText(second);
  await expect(overview).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('overview-zoomed-back-out.png') });
  expect(errors).toEqual([]);
});
