import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices: the bar the app is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
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
 * Runs axe on the page as it is now, or only inside `within` (a CSS selector), and records, as a soft failure, every
 * violation it finds, so one run of a spec that walks through many views names every problem at once and still fails.
 * `view` says where the page was.
 */
export async function checkAccessibility(page: Page, view: string, within?: string): Promise<void> {
  // Legacy mode runs axe in the page itself; the default finishes each run in a new blank page, which doubles the
  // time of a check (about 1.7 s against 3.8 s on a loaded 2-core machine) and buys nothing here: the app has no frames.
  const builder = new AxeBuilder({ page }).withTags([...AXE_TAGS]).setLegacyMode();
  const results = await (within ? builder.include(within) : builder).analyze();
  // A check that looked at nothing would pass vacuously.
  expect(results.passes.length, `axe checked nothing on ${view}`).toBeGreaterThan(0);
  expect.soft(results.violations.length, `axe found violations on ${view}:\n${describeViolations(results.violations)}`).toBe(0);
}
