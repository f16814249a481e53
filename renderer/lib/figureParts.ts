/** A formatted number cut where the decimal point lines up: "+1,234", ".56", " %". */
export interface FigureParts {
  /** Sign, grouped whole digits, and anything before them; the whole text when it holds no digit ("—"). */
  whole: string;
  /** The point and the digits after it; empty for a whole number. */
  fraction: string;
  /** What follows the digits (" %"). */
  suffix: string;
  /** Invisible digits (and a point, for a whole number) that bring the fraction up to `places`; empty when none. */
  padding: string;
}

const FRACTION = /^\.\d*/;

/** The number of digits after the point in a formatted number ("1,234.50" has 2, "36,012" and "—" none). */
export function fractionPlaces(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : (FRACTION.exec(text.slice(point))?.[0].length ?? 1) - 1;
}

export function splitFigure(text: string, places = 0): FigureParts {
  const point = text.indexOf('.');
  let whole: string;
  let fraction = '';
  let suffix: string;
  if (point >= 0) {
    whole = text.slice(0, point);
    fraction = FRACTION.exec(text.slice(point))?.[0] ?? '.';
    suffix = text.slice(point + fraction.length);
  } else {
    const lastDigit = text.search(/\d\D*$/);
    whole = lastDigit < 0 ? text : text.slice(0, lastDigit + 1);
    suffix = text.slice(whole.length);
  }
  const missing = places - Math.max(0, fraction.length - 1);
  const padding = missing <= 0 ? '' : `${fraction ? '' : '.'}${'0'.repeat(missing)}`;
  return { whole, fraction, suffix, padding };
}

/** Widths of the characters a figure holds besides digits, in digit widths (about right for common UI fonts). */
const POINT_WIDTH = 0.5;
const CHARACTER_WIDTHS: Readonly<Record<string, number>> = { ',': 0.5, '.': POINT_WIDTH, ' ': 0.5, '-': 0.75, '+': 1.4, '%': 1.5, '—': 1.6 };

/**
 * How many digit widths a figure takes once padded to `places`: what its column needs to show it uncut. Digits count
 * one each (figures are tabular), separators half, a sign or a dash what it takes in common UI fonts.
 */
export function paddedWidth(text: string, places: number): number {
  const { whole, suffix } = splitFigure(text);
  let width = places > 0 ? places + POINT_WIDTH : 0;
  for (const character of whole + suffix) width += CHARACTER_WIDTHS[character] ?? 1;
  return width;
}
