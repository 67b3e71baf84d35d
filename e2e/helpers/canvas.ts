import { expect, type Locator, type Page } from '@playwright/test';

/** Test drivers that read like a person's steps on the canvas. */
export function canvasOf(page: Page) {
  const pane = page.locator('.react-flow__pane');
  return {
    pane,
    nodes: page.locator('[data-kind="Node"]'),
    pods: page.locator('[data-kind="Pod"]'),
    pendingPods: page.locator('[data-kind="Pod"][data-node=""]'),
    card: (kind: string, name: string): Locator => page.locator(`[data-kind="${kind}"][data-name="${name}"]`),
    /** Drags a palette item onto the canvas at a point relative to the canvas's top-left corner. */
    async drop(item: string, at: { x: number; y: number }) {
      const source = page
        .getByRole('navigation', { name: 'Palette' })
        .getByRole('button', { name: item, exact: true });
      await source.dragTo(pane, { targetPosition: at });
    },
    /** Starts from an empty cluster, as a person picks New > An empty cluster. */
    async startEmpty() {
      await page.getByRole('button', { name: 'New' }).click();
      await page.getByRole('menuitem', { name: 'An empty cluster' }).click();
      await expect(page.locator('[data-kind="Node"]')).toHaveCount(0);
    },
  };
}

/** Collects console errors and warnings and page errors. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}
