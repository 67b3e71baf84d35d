import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { app, dropFile, watchErrors } from './stories/helpers';

// Nothing a user made is lost: YAML typed and not applied, and an import that failed, are still there
// after a reload (or a crash), marked as unapplied, until the person applies or discards them.

const MANIFESTS = path.join(import.meta.dirname, 'fixtures/manifests');

test("unapplied YAML survives reloads: an object's draft and the whole design's, each marked, gone once applied or reverted", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?seed=4');
  await expect(kc.podsOf('web')).toHaveCount(3);

  // The Deployment's replicas typed from 3 to 7, not applied.
  await kc.card('Deployment', 'web').click();
  await kc.dockTab('YAML').click();
  const authored = kc.dock.getByRole('textbox', { name: 'Authored YAML' });
  await expect(authored).toContainText('replicas: 3', { timeout: 30_000 });
  await authored.locator('.cm-line', { hasText: /^\s*replicas: 3$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('7');
  const state = kc.dock.getByRole('status', { name: 'Editor state' });
  await expect(state).toHaveText('● Unapplied changes');
  await page.waitForTimeout(1000);

  await page.reload();
  await expect(kc.podsOf('web')).toHaveCount(3);
  // Said once, at start, where it is.
  await expect(
    page.getByRole('status').filter({ hasText: 'Unapplied text from before the reload is kept' }),
  ).toContainText('YAML of Deployment/default/web');
  await kc.card('Deployment', 'web').click();
  await kc.dockTab('YAML').click();
  await expect(authored).toContainText('replicas: 7', { timeout: 30_000 });
  await expect(state).toHaveText('● Unapplied changes');
  const note = kc.dock.getByRole('note', { name: 'Kept from before the reload' });
  await expect(note).toContainText('Unapplied draft kept from before the reload');
  await page.screenshot({ path: testInfo.outputPath('drafts-object-restored.png') });
  await expect(kc.podsOf('web')).toHaveCount(3);

  // Applied: the note goes, and so does the draft (a reload shows the design's text, not a draft).
  await authored.click();
  await page.keyboard.press('Control+s');
  await expect(state).toHaveText('Applied: 1 changed. Ctrl+Z undoes it.');
  await expect(note).toHaveCount(0);
  await expect(kc.podsOf('web')).toHaveCount(7);
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(kc.podsOf('web')).toHaveCount(7);
  await kc.card('Deployment', 'web').click();
  await kc.dockTab('YAML').click();
  await expect(authored).toContainText('replicas: 7', { timeout: 30_000 });
  await expect(state).toHaveText('No unapplied changes');
  await expect(note).toHaveCount(0);

  // The whole design's text: node-1 renamed by typing, and the page reloaded at once (kept as it hides).
  await page.locator('.react-flow__pane').click({ position: { x: 500, y: 480 } });
  const design = kc.dock.getByRole('textbox', { name: 'Design YAML' });
  await expect(design).toBeVisible({ timeout: 30_000 });
  await design.locator('.cm-line', { hasText: /^\s*name: node-1$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await expect(state).toHaveText('● Unapplied changes');
  await page.reload();
  await expect(kc.card('Node', 'node-1')).toBeVisible();
  await kc.dockTab('YAML').click();
  await expect(design).toContainText('name: node-10', { timeout: 30_000 });
  await expect(note).toContainText('Unapplied draft kept from before the reload');
  await expect(kc.card('Node', 'node-10')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('drafts-design-restored.png') });

  // Reverted: gone, and not back after a reload.
  await kc.dock.getByRole('button', { name: 'Revert' }).click();
  await expect(state).toHaveText('No unapplied changes');
  await expect(note).toHaveCount(0);
  await page.waitForTimeout(1000);
  await page.reload();
  await kc.dockTab('YAML').click();
  await expect(design).toContainText('name: node-1', { timeout: 30_000 });
  await expect(design).not.toContainText('name: node-10');
  await expect(state).toHaveText('No unapplied changes');
  await expect(
    page.getByRole('status').filter({ hasText: 'Unapplied text from before the reload is kept' }),
  ).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a rejected import opens at its first error, cursor there; its text (with edits) survives a reload until retried', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const kc = app(page);
  await page.goto('/?demo=empty');
  await expect(kc.nodes).toHaveCount(0);
  // Three documents: the mistake is on line 57, far below what the dock shows at first.
  const nginx = readFileSync(path.join(MANIFESTS, 'nginx-deployment.yaml'), 'utf8');
  const configMaps = Array.from(
    { length: 4 },
    (_, i) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n  LOG_LEVEL: info\n  REGION: eu-west-${i}\n  FEATURE_X: "true"\n`,
  ).join('---\n');
  const broken = `${configMaps}---\n${nginx.replace(
    '          image: nginx:1.14.2\n',
    '          image: nginx:1.14.2\n          imagePullPolicy: Sometimes\n',
  )}`;
  const errorLine = broken.split('\n').findIndex((l) => l.includes('Sometimes')) + 1;
  expect(errorLine).toBeGreaterThan(40);

  await dropFile(page, 'shop.yaml', broken);
  const editor = kc.dock.getByRole('textbox', { name: 'Import shop.yaml' });
  await expect(editor).toBeVisible({ timeout: 30_000 });
  const problems = kc.dock.getByRole('alert', { name: 'YAML problems' });
  await expect(problems).toContainText(`line ${errorLine}:11 Deployment nginx-deployment: unsupported value`);
  // The first error is in view, the cursor on it and the keyboard in the editor.
  const mark = kc.dock.locator('.cm-lintRange-error');
  await expect(mark).toBeInViewport();
  await expect(kc.dock.locator('.cm-activeLine')).toContainText('imagePullPolicy: Sometimes');
  await expect(kc.dock.locator('.cm-content')).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('drafts-import-first-error.png') });

  // The person starts fixing it where the cursor is, then the page reloads (or crashes).
  await page.keyboard.press('End');
  await page.keyboard.type(' # ask the team');
  await expect(editor).toContainText('Sometimes # ask the team');
  await page.waitForTimeout(1000);
  await page.reload();
  const importTab = kc.dock.getByRole('tab', { name: 'Import: shop.yaml' });
  await expect(importTab).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(kc.dock.getByRole('note', { name: 'Kept from before the reload' })).toContainText(
    'this text was never imported',
  );
  await expect(problems).toContainText(`line ${errorLine}:11`);
  await expect(mark).toBeInViewport();
  await expect(editor).toContainText('Sometimes # ask the team');
  await expect(kc.dock.locator('.cm-activeLine')).toContainText('imagePullPolicy: Sometimes');
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('drafts-import-restored.png') });

  // Fixed and retried: imported; the kept text goes, and a reload does not bring it back.
  await mark.click();
  await page.keyboard.press('End');
  for (let i = 0; i < 'Sometimes # ask the team'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('Always');
  await expect(problems).toHaveCount(0, { timeout: 20_000 });
  await kc.dock.getByRole('button', { name: 'Retry import' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 5 objects from shop.yaml' }),
  ).toBeVisible();
  await expect(importTab).toHaveCount(0);
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(kc.card('Deployment', 'nginx-deployment')).toBeVisible();
  await expect(page.locator('[data-kind="ConfigMap"]')).toHaveCount(4);
  await expect(importTab).toHaveCount(0);
  expect(errors).toEqual([]);
});
