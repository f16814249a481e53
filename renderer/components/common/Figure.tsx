import type { ClipboardEvent } from 'react';
import type { SignTone } from '../../lib/format';
import { splitFigure } from '../../lib/figureParts';
import { shortId } from '../../lib/shortId';

/** A number as a cell shows it. */
export interface FigureValue {
  /** The value rounded for reading. */
  text: string;
  /** The exact value, for the tooltip; none where there is no value. */
  exact?: string | undefined;
  tone?: SignTone | undefined;
}

interface FigureProps extends FigureValue {
  /**
   * The most decimal places any row of the column shows: a figure with fewer is padded after its digits with
   * invisible ones, so right-aligned figures of one column line up on the decimal point whatever their scale.
   */
  places?: number | undefined;
}

/**
 * A number for reading, rounded to its instrument or currency, with the exact value on hover, in tabular figures. The
 * whole part and the fraction sit in their own spans; the padding is generated content, so it is neither read out,
 * copied nor part of the cell's text.
 */
export function Figure({ text, exact, tone, places }: FigureProps) {
  const { whole, fraction, suffix, padding } = splitFigure(text, places);
  return (
    <span className={tone ? `num pnl-${tone}` : 'num'} title={exact}>
      <span className="num-whole">{whole}</span>
      {fraction ? <span className="num-fraction">{fraction}</span> : null}
      {padding ? <span className="num-pad" data-pad={padding} aria-hidden="true" /> : null}
      {suffix}
    </span>
  );
}

/** A long id shown short; the whole id on hover, and whole when the cell's text is copied. */
export function ShortId({ id }: { id: string }) {
  const shown = shortId(id);
  if (shown === id) return <span className="mono">{id}</span>;
  const copyWhole = (event: ClipboardEvent<HTMLSpanElement>) => {
    event.clipboardData.setData('text/plain', id);
    event.preventDefault();
  };
  return (
    <span className="mono" title={id} data-full-id={id} onCopy={copyWhole}>
      {shown}
    </span>
  );
}
