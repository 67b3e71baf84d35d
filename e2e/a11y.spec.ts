import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { canvasOf } from './helpers/canvas';

/** axe-core on the main screen (a template on the canvas, the dock open), in both themes. */

type Violation = { id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown }> };

function describe(violations: Violation[]): string[] {
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

async function scan(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return describe(result.violations as Violation[]);
}

for (const theme of ['dark', 'light'] as const) {
  test(`the main screen has no axe-core violations in the ${theme} theme`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/?demo=talk-app');
    const canvas = canvasOf(page);
    await expect(canvas.nodes).toHaveCount(3);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('[data-slot="dock"]')).toBeVisible();
    await page.getByRole('button', { name: '100×' }).click();
    await expect(page.locator('[data-kind="Pod"][data-ready="true"]')).toHaveCount(7, { timeout: 40_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    // An object selected, so the inspector's form is part of the scan.
    await canvas.card('Deployment', 'web').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: testInfo.outputPath(`main-${theme}.png`) });
    const violations = await scan(page);
    expect(violations).toEqual([]);
  });
}
