import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices: the bar the app is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

/** What a report needs of a violation: the page sends back only this. */
interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary: string | undefined }>;
}

/** One violation per paragraph: the rule, its impact, and each element by its selector with what failed on it. */
function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => {
        const summary = (node.failureSummary ?? '').split('\n').map((line) => line.trim()).filter(Boolean).slice(1).join(' ');
        return `    ${node.target.map(String).join(' >> ')}${summary ? `: ${summary}` : ''}`;
      });
      return [`  ${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}`, ...nodes].join('\n');
    })
    .join('\n');
}

/**
 * Puts axe into the page's document unless an earlier check already did. @axe-core/playwright sent and evaluated its
 * 580 KB source twice on every check: two of the three CPU-seconds a whole-page check cost on a 2-core machine. A
 * document keeps it until the page navigates away.
 */
async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(axe.source);
}

/**
 * Runs axe on the page as it is now, or only inside `within` (a CSS selector), and records, as a soft failure, every
 * violation it finds, so one run of a spec that walks through many views names every problem at once and still fails.
 * `view` says where the page was.
 */
export async function checkAccessibility(page: Page, view: string, within?: string): Promise<void> {
  await injectAxe(page);
  // axe.run in the page itself (what @axe-core/playwright calls legacy mode): the app has no frames to stitch together.
  const results = await page.evaluate(
    async ({ include, tags }) => {
      const { run } = (window as unknown as { axe: typeof axe }).axe;
      const { passes, violations } = await run(include === undefined ? document : { include: [include] }, { runOnly: { type: 'tag', values: tags } });
      return {
        passes: passes.length,
        violations: violations.map(({ id, impact, help, nodes }): Violation => ({
          id,
          impact,
          help,
          nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
        })),
      };
    },
    { include: within, tags: [...AXE_TAGS] },
  );
  // A check that looked at nothing would pass vacuously.
  expect(results.passes, `axe checked nothing on ${view}`).toBeGreaterThan(0);
  expect.soft(results.violations.length, `axe found violations on ${view}:\n${describeViolations(results.violations)}`).toBe(0);
}
