import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

/**
 * Story 23 (present it) and stories 1-3 (the talk's opening) as a speaker meets them: the built-in deck
 * from the first slide to the last with the keyboard alone, the presenter window following, each slide
 * rendering and each scene running; a node failed live and the slide reset to the same start; and the
 * opening's pictures of VMs, recipes and containers.
 */

const slideNumber = (page: Page) => page.getByTestId('slide-number');

async function slideNo(page: Page): Promise<{ n: number; total: number }> {
  const text = (await slideNumber(page).textContent()) ?? '';
  const [n, total] = text.split('/').map((x) => Number(x.trim()));
  return { n: n ?? 0, total: total ?? 0 };
}

/** The heading that names the slide shown (its first h1 or h2). */
function slideHeading(page: Page): Locator {
  return page.getByRole('region', { name: 'Presentation' }).locator('article').locator('h1, h2').first();
}

/** Opens the overview (O) and picks the slide whose title matches. */
async function goToSlide(page: Page, title: RegExp): Promise<void> {
  await page.keyboard.press('o');
  const overview = page.getByRole('navigation', { name: 'Slide overview' });
  await expect(overview).toBeVisible();
  await overview.getByRole('button', { name: title }).first().click();
  await expect(overview).toHaveCount(0);
}

const NEXT_KEYS = ['ArrowRight', 'Space', 'PageDown'] as const;

test('story 23: the built-in deck from start to end with the keyboard alone, the presenter window following', async ({
  page,
}, testInfo) => {
  test.setTimeout(900_000);
  const problems = watchErrors(page);
  await page.goto('/#present');
  await expect(page.getByRole('region', { name: 'Presentation' })).toBeVisible();
  await expect(slideNumber(page)).toHaveText(/^1 \/ \d+$/);
  const { total } = await slideNo(page);
  expect(total).toBeGreaterThan(20);

  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  problems.push(...watchErrors(presenter));
  await page.bringToFront();

  let presses = 0;
  let scenes = 0;
  let steps = 0;
  for (let n = 1; n <= total; n++) {
    await expect(slideNumber(page)).toHaveText(`${n} / ${total}`);
    // The slide renders: a heading, and the presenter shows the same slide with its title.
    const heading = slideHeading(page);
    await expect(heading).toBeVisible();
    const title = ((await heading.textContent()) ?? '').trim();
    expect(title).not.toBe('');
    await expect(presenter.getByTestId('presenter-slide')).toHaveText(`Slide ${n} of ${total}`);
    await expect(presenter.getByRole('region', { name: 'Current slide' })).toContainText(title);

    // A scene runs: no scene errors, no crashed canvas, objects drawn, simulated time moving.
    const cluster = page.getByRole('group', { name: 'Live cluster' });
    if ((await cluster.count()) > 0 || (await page.getByLabel('Scene errors').count()) > 0) {
      scenes++;
      await expect(page.getByLabel('Scene errors')).toHaveCount(0);
      await expect(cluster).toBeVisible();
      await expect(cluster.getByRole('alert')).toHaveCount(0);
      await expect(cluster.locator('[data-kind]').first()).toBeVisible({ timeout: 20_000 });
      await expect(page.getByTestId('scene-clock')).toHaveText(/^([1-9]\d*s|\d+m\d\ds)/, {
        timeout: 20_000,
      });
    }
    if (n === Math.floor(total / 2)) {
      // B blacks the screen and brings it back; F goes full screen and back; O opens and closes the overview.
      await page.keyboard.press('b');
      await expect(page.getByTestId('blackout')).toBeVisible();
      await page.keyboard.press('b');
      await expect(page.getByTestId('blackout')).toHaveCount(0);
      await page.keyboard.press('f');
      await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
      await page.keyboard.press('f');
      await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
      await page.keyboard.press('o');
      await expect(page.getByRole('navigation', { name: 'Slide overview' })).toBeVisible();
      await page.keyboard.press('o');
      await expect(page.getByRole('navigation', { name: 'Slide overview' })).toHaveCount(0);
      await expect(slideNumber(page)).toHaveText(`${n} / ${total}`);
    }
    if (n === total) break;

    // Next: each click step of a scene runs first (it stays on the slide), then the slide changes.
    for (let guard = 0; ; guard++) {
      expect(guard).toBeLessThan(12);
      const clicksLeft = await page.getByTestId('clicks-left').count();
      await page.keyboard.press(NEXT_KEYS[presses++ % NEXT_KEYS.length] as string);
      if (clicksLeft === 0) break;
      steps++;
      const last = page.getByTestId('last-step');
      await expect(last).toBeVisible();
      await expect(last).not.toHaveClass(/bg-rose-950/);
      await expect(slideNumber(page)).toHaveText(`${n} / ${total}`);
    }
    if (n === 1 || n % 10 === 0) await page.screenshot({ path: testInfo.outputPath(`slide-${n}.png`) });
  }
  expect(scenes).toBeGreaterThan(10);
  expect(steps).toBeGreaterThan(0);

  // On the last slide, → stays there; the presenter says it is the end.
  await page.keyboard.press('ArrowRight');
  await expect(slideNumber(page)).toHaveText(`${total} / ${total}`);
  await expect(presenter.getByRole('region', { name: 'Next slide' })).toContainText('End of the deck.');
  await presenter.screenshot({ path: testInfo.outputPath('presenter-last.png') });
  expect(problems).toEqual([]);
});

test('story 23: fail a node live during a scene, reset the slide, and it starts the same way again', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const problems = watchErrors(page);
  await page.goto('/#present');
  await expect(page.getByRole('region', { name: 'Presentation' })).toBeVisible();
  await goToSlide(page, /: A node dies$/);
  await expect(slideHeading(page)).toHaveText('A node dies');
  const pods = page.locator('[data-kind="Pod"][data-name^="web-"]');
  await expect(pods).toHaveCount(6, { timeout: 20_000 });
  await expect(page.locator('[data-kind="Pod"][data-node=""]')).toHaveCount(0, { timeout: 20_000 });

  const placement = () =>
    pods.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-name')}@${e.getAttribute('data-node')}`).sort(),
    );
  const first = await placement();
  expect(new Set(first.map((p) => p.split('@')[1])).size).toBeGreaterThan(1);
  await page.screenshot({ path: testInfo.outputPath('1-before.png') });

  // "What if that node dies?" — the presenter fails it from the canvas.
  const node1 = page.locator('[data-kind="Node"][data-name="node-1"]');
  const onNode1 = first.filter((p) => p.endsWith('@node-1'));
  expect(onNode1.length).toBeGreaterThan(0);
  await node1.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Fail node' }).click();
  await expect(node1).toHaveAttribute('data-ready', 'false', { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('2-failed.png') });

  // R resets the slide: the same cluster, the same pods on the same nodes as the first time.
  await page.keyboard.press('r');
  await expect(node1).toHaveAttribute('data-ready', 'true');
  await expect(pods).toHaveCount(6);
  await expect(page.locator('[data-kind="Pod"][data-node=""]')).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(placement).toEqual(first);
  await page.screenshot({ path: testInfo.outputPath('3-reset.png') });

  // And leaving the slide and coming back starts it the same way too.
  await page.keyboard.press('ArrowLeft');
  await goToSlide(page, /: A node dies$/);
  await expect(pods).toHaveCount(6, { timeout: 20_000 });
  await expect.poll(placement).toEqual(first);
  expect(problems).toEqual([]);
});

test("stories 1-3: the talk's opening shows a VM as a box of processes, recipes, and containers on one host", async ({
  page,
}, testInfo) => {
  const problems = watchErrors(page);
  await page.goto('/#present');
  await expect(page.getByRole('region', { name: 'Presentation' })).toBeVisible();
  const slide = page.getByRole('region', { name: 'Presentation' });
  const box = (name: string) => slide.getByRole('group', { name, exact: true });

  // Story 1: one VM with everything installed on it, drawn as a box of processes, not a Kubernetes node.
  await goToSlide(page, /: The old way: one machine, set up by hand$/);
  await expect(box('VM app-1')).toHaveAttribute('data-tone', 'vm');
  for (const p of ['app server', 'redis', 'memcache']) await expect(box('VM app-1')).toContainText(p);
  await expect(slide).toContainText('A second app server? Do everything again');
  await expect(page.locator('[data-kind="Node"]')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Live cluster' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('story-1.png') });

  // Story 2: a recipe applied to one VM or many; then one VM per component, finding each other by DNS.
  await goToSlide(page, /: Recipes: configuration management$/);
  await expect(box('recipe')).toHaveAttribute('data-tone', 'file');
  for (const vm of ['VM app-1', 'VM app-2', 'VM app-3']) await expect(box(vm)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(slideHeading(page)).toHaveText('One VM per component');
  await expect(box('DNS')).toContainText('redis.internal');
  for (const vm of ['VM app', 'VM redis', 'VM memcache']) await expect(box(vm)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('story-2.png') });

  // Story 3: containers on one host with a private network: the app reaches redis by its name.
  await goToSlide(page, /: A private network with names$/);
  const host = box('one host');
  await expect(host).toHaveAttribute('data-tone', 'vm');
  for (const c of ['app', 'redis', 'memcache'])
    await expect(host.getByRole('group', { name: c, exact: true })).toHaveAttribute('data-tone', 'container');
  await expect(host.getByRole('group', { name: 'app', exact: true })).toContainText('redis:6379');
  // Images from a registry, built by a Dockerfile, each from a base image: debian → ruby → your app.
  await page.keyboard.press('ArrowRight');
  await expect(slideHeading(page)).toHaveText('Images, registries and base images');
  await expect(box('Dockerfile')).toContainText('FROM ruby');
  await expect(box('registry')).toBeVisible();
  const chain = await slide
    .locator('[data-tone="container"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(chain).toEqual(expect.arrayContaining(['image', 'debian', 'ruby', 'your app']));
  expect(chain.indexOf('debian')).toBeLessThan(chain.indexOf('ruby'));
  expect(chain.indexOf('ruby')).toBeLessThan(chain.indexOf('your app'));
  await page.screenshot({ path: testInfo.outputPath('story-3.png') });
  expect(problems).toEqual([]);
});

test('a restarted container tells why in its previous log, on the slide "Not well? Restart it"', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchErrors(page);
  await page.goto('/#present');
  await expect(page.getByRole('region', { name: 'Presentation' })).toBeVisible();
  await goToSlide(page, /: Not well\? Restart it$/);
  // At one simulated minute (15 s at 4x) the scene runs kubectl logs --previous on a restarted web pod.
  const step = page.getByTestId('last-step');
  await expect(step).toContainText('$ kubectl logs deploy/web --previous --tail=3', { timeout: 60_000 });
  await expect(step).toContainText(/Found 2 pods, using pod\/web-/);
  await expect(step).toContainText(/"GET \/_health HTTP\/1\.1" 500 \d+ "-" "kube-probe\/1\.33"/);
  await expect(step).toContainText('INFO received SIGTERM, shutting down');
  await expect(page.locator('[data-kind="Pod"][data-name^="web-"]').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('previous-log.png') });
  expect(problems).toEqual([]);
});
