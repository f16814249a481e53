import type { ClipboardEvent } from 'react';
import type { SignTone } from '../../lib/format';
import { shortId } from '../../lib/shortId';

interface FigureProps {
  /** The value as the table shows it, rounded for reading. */
  text: string;
  /** The exact value, for the tooltip; none where there is no value. */
  exact?: string | undefined;
  tone?: SignTone | undefined;
}

/**
 * A number for reading, rounded to its instrument or currency, with the exact value on hover. Right-aligned in
 * tabular figures, so values with the same places (money, lots, one instrument's prices) line up on the point.
 */
export function Figure({ text, exact, tone }: FigureProps) {
  return (
    <span className={tone ? `num pnl-${tone}` : 'num'} title={exact}>
      {text}
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
