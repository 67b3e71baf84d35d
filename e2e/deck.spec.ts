import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * Presenting the built-in deck with the keyboard, as a speaker with a clicker does. The app shell mounts
 * the deck feature for `#present` and `#presenter` (src/app/slots.tsx). DECK_E2E_ENTRY may point at another
 * page that mounts it the same way (src/features/deck/harness/index.html, served by `vite` in development).
 */
const ENTRY = process.env.DECK_E2E_ENTRY ?? '/';

function watchProblems(page: Page, into: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => into.push(`pageerror: ${e.message}`));
}

const slideNumber = (page: Page) => page.getByTestId('slide-number');

async function advanceTo(page: Page, heading: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.getByRole('heading', { name: heading }).isVisible()) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`never reached the slide "${heading}"`);
}

test('presenting the built-in deck: keys, a live scene, black screen, and the presenter window following', async ({
  page,
}, testInfo) => {
  const problems: string[] = [];
  watchProblems(page, problems);
  await page.goto(`${ENTRY}#present`);
  const presentation = page.getByRole('region', { name: 'Presentation' });
  await expect(presentation).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Kubernetes' })).toBeVisible();
  await expect(slideNumber(page)).toHaveText(/^1 \/ \d+$/);
  await page.screenshot({ path: testInfo.outputPath('1-title.png') });

  // What clickers send: ArrowRight, Space, PageDown; PageUp goes back.
  await page.keyboard.press('ArrowRight');
  await expect(slideNumber(page)).toHaveText(/^2 \//);
  await page.keyboard.press('Space');
  await expect(slideNumber(page)).toHaveText(/^3 \//);
  await page.keyboard.press('PageDown');
  await expect(slideNumber(page)).toHaveText(/^4 \//);
  await expect(page.getByTestId('diagram')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('2-diagram.png') });
  await page.keyboard.press('PageUp');
  await expect(slideNumber(page)).toHaveText(/^3 \//);

  // A scene: three replicas on three nodes, then the click step scales to five.
  await advanceTo(page, 'A Deployment: three replicas');
  const sceneSlide = await slideNumber(page).textContent();
  await expect(page.locator('[data-kind="Node"]')).toHaveCount(3);
  await expect(page.locator('[data-kind="Pod"]')).toHaveCount(3);
  await expect(page.locator('[data-kind="Pod"][data-node=""]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('3-three-replicas.png') });
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-kind="Pod"]')).toHaveCount(5);
  await expect(slideNumber(page)).toHaveText(sceneSlide ?? '');
  await expect(page.getByTestId('last-step')).toContainText('kubectl scale deployment/web --replicas=5');
  await page.screenshot({ path: testInfo.outputPath('4-five-replicas.png') });

  // R restarts the slide's scene from the same state.
  await page.keyboard.press('r');
  await expect(page.locator('[data-kind="Pod"]')).toHaveCount(3);

  // B blacks the screen, B again brings it back.
  await page.keyboard.press('b');
  await expect(page.getByTestId('blackout')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('5-black.png') });
  await page.keyboard.press('b');
  await expect(page.getByTestId('blackout')).toHaveCount(0);

  // S opens the presenter view, which follows the main window (and can drive it).
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  watchProblems(presenter, problems);
  const n = Number((sceneSlide ?? '').split(' ')[0]);
  await expect(presenter.getByTestId('presenter-slide')).toHaveText(new RegExp(`^Slide ${n} of \\d+$`));
  await expect(presenter.getByRole('region', { name: 'Speaker notes' })).toContainText('controller');
  await expect(presenter.getByTestId('presenter-timer')).toHaveText(/^\d\d:\d\d$/);
  await expect(presenter.getByTestId('presenter-next-click')).toContainText('--replicas=5');
  expect((await new AxeBuilder({ page: presenter }).analyze()).violations).toEqual([]);
  await page.keyboard.press('ArrowRight'); // the scene's click step was undone by R: it runs again
  await page.keyboard.press('ArrowRight');
  await expect(presenter.getByTestId('presenter-slide')).toHaveText(new RegExp(`^Slide ${n + 1} of`));
  await presenter.bringToFront();
  await presenter.screenshot({ path: testInfo.outputPath('6-presenter.png') });
  // The next slide has a click step too: the presenter's first → runs it, the second moves on.
  await presenter.keyboard.press('ArrowRight');
  await expect(page.getByTestId('last-step')).toContainText('--replicas=9');
  await expect(slideNumber(page)).toHaveText(new RegExp(`^${n + 1} /`));
  await presenter.keyboard.press('ArrowRight');
  await expect(slideNumber(page)).toHaveText(new RegExp(`^${n + 2} /`));
  await expect(presenter.getByTestId('presenter-slide')).toHaveText(new RegExp(`^Slide ${n + 2} of`));

  // O shows the overview; choosing a slide goes there.
  await page.bringToFront();
  await page.keyboard.press('o');
  const overview = page.getByRole('navigation', { name: 'Slide overview' });
  await expect(overview).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('7-overview.png') });
  await overview.getByRole('button', { name: /^Slide 1:/ }).click();
  await expect(slideNumber(page)).toHaveText(/^1 \//);
  await expect(presenter.getByTestId('presenter-slide')).toHaveText(/^Slide 1 of/);

  // F toggles full screen (the Fullscreen API).
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);

  // Escape leaves presentation mode.
  await page.keyboard.press('Escape');
  await expect(presentation).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a link to #present/N opens slide N, and a reload stays on the slide shown', async ({ page }) => {
  await page.goto(`${ENTRY}#present/12`);
  await expect(page.getByRole('heading', { name: 'A Deployment: three replicas' })).toBeVisible();
  await expect(page.locator('[data-kind="Pod"]')).toHaveCount(3);
  await expect(page.getByTestId('scene-clock')).toHaveText(/^[1-9]\d*s$/); // simulated time runs
  // The slide itself (the canvas has its own checks) meets axe's rules.
  const axe = await new AxeBuilder({ page }).exclude('[data-testid="canvas"]').analyze();
  expect(axe.violations).toEqual([]);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#present\/11$/);
  await page.reload();
  await expect(slideNumber(page)).toHaveText(/^11 \//);
});

test('presenting from the top bar, failing a node live and resetting the slide, then leaving brings back the design', async ({
  page,
}) => {
  // It walks the deck slide by slide to the node-failure scene, each slide loading its own cluster.
  test.setTimeout(180_000);
  const names = () =>
    page
      .locator('[data-kind="Node"], [data-kind="Deployment"]')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-kind')}/${e.getAttribute('data-name')}`).sort(),
      );
  await page.goto(ENTRY);
  await expect(page.locator('[data-kind="Node"]').first()).toBeVisible();
  const before = await names();
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Presentation' })).toBeVisible();
  await advanceTo(page, 'A node dies');
  // Wait for this slide's own cluster (six web pods): the slide before also has six pods and a node-1,
  // and a fault sent to that cluster would vanish when this scene loads.
  await expect(page.locator('[data-kind="Pod"][data-name^="web-"]')).toHaveCount(6);
  await expect(page.locator('[data-kind="Pod"][data-name^="node-exporter-"]')).toHaveCount(0);

  // "What if that node dies?": the presenter fails one live from the canvas, then R resets the slide.
  const node1 = page.locator('[data-kind="Node"][data-name="node-1"]');
  await node1.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Fail node' }).click();
  await expect(node1).toHaveAttribute('data-ready', 'false', { timeout: 20_000 });
  await page.keyboard.press('r');
  await expect(node1).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-kind="Pod"]')).toHaveCount(6);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Presentation' })).toHaveCount(0);
  await expect.poll(names).toEqual(before);
});

test('deck edits undo and redo with Ctrl+Z in the slide editor, and a share link brings the deck to a colleague as a copy', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  watchProblems(page, problems);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  await page.goto(`${ENTRY}?seed=7`);
  await expect(page.locator('[data-kind="Node"]').first()).toBeVisible();
  const designObjects = await page.locator('[data-kind="Node"], [data-kind="Deployment"]').count();
  await page.getByRole('tab', { name: 'Slides' }).click();
  const editor = page.getByRole('region', { name: 'Deck' });
  await editor.getByRole('button', { name: 'New deck' }).click();
  const slides = editor.getByRole('list', { name: 'Slides' }).getByRole('listitem');
  await expect(slides).toHaveCount(1);
  await editor.getByRole('textbox', { name: 'Name' }).fill('Shared talk');

  // Add two slides, type into one, capture the canvas as its scene.
  await editor.getByRole('button', { name: 'Add slide' }).click();
  await editor.getByRole('button', { name: 'Add slide' }).click();
  await expect(slides).toHaveCount(3);
  const body = editor.getByRole('textbox', { name: /^Slide \(Markdown/ });
  await body.fill('## Our cluster');
  await editor.getByRole('button', { name: /Capture canvas as this slide/ }).click();
  await expect(body).toHaveValue(/```scene/);

  // Ctrl+Z in the editor undoes the capture, then the typing, then an added slide; the design stays.
  await body.press('Control+z');
  await expect(body).toHaveValue('## Our cluster');
  await body.press('Control+z');
  await expect(body).toHaveValue('# New slide');
  await body.press('Control+z');
  await expect(slides).toHaveCount(2);
  await expect(page.locator('[data-kind="Node"], [data-kind="Deployment"]')).toHaveCount(designObjects);
  // Ctrl+Shift+Z redoes; the Undo and Redo buttons do the same.
  await editor.getByRole('button', { name: 'Add slide' }).focus();
  await page.keyboard.press('Control+Shift+z');
  await expect(slides).toHaveCount(3);
  await editor.getByRole('button', { name: 'Redo', exact: true }).click();
  await editor.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(body).toHaveValue(/```scene/);
  // Reorder and delete, each undoable.
  await editor.getByRole('button', { name: 'Move slide 3 up' }).click();
  await expect(slides.nth(1)).toContainText('Our cluster');
  await editor.getByRole('button', { name: 'Delete slide 1' }).click();
  await expect(slides).toHaveCount(2);
  await editor.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(slides).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('deck-editor.png') });

  // Share: the colleague opens the link and finds the deck beside the built-in one, as a copy.
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await browser.newContext();
  const colleague = await other.newPage();
  watchProblems(colleague, problems);
  await colleague.goto(link);
  await expect(colleague.getByRole('status').filter({ hasText: '1 shared deck was added' })).toBeVisible();
  await colleague.getByRole('tab', { name: 'Slides' }).click();
  const theirs = colleague.getByRole('region', { name: 'Deck' });
  await theirs.getByRole('combobox', { name: 'Deck' }).selectOption({ label: 'Shared talk' });
  const theirSlides = theirs.getByRole('list', { name: 'Slides' }).getByRole('listitem');
  await expect(theirSlides).toHaveCount(3);
  await expect(theirSlides.nth(1)).toContainText('Our cluster');
  await expect(theirSlides.nth(1)).toContainText('●'); // it carries its live scene
  await other.close();
  expect(problems).toEqual([]);
});
