import { useEffect, useId, useRef } from 'react';
import type { BrokerKind } from '../../../shared/brokers';
import { shownColumnIds, toggleColumn, type ChoosableTable, type ColumnOption } from '../../lib/columnChoice';
import { useChosenColumns, useColumnPrefsActions } from '../../state/columnPrefs';
import './ColumnChooser.css';

/** The columns shown in a table at this broker: the user's choice, remembered per broker, else the defaults. */
export function useShownColumns(table: ChoosableTable, broker: BrokerKind, options: readonly ColumnOption[], defaults: readonly string[]): ReadonlySet<string> {
  const chosen = useChosenColumns(table, broker);
  return shownColumnIds(options, defaults, chosen);
}

interface ColumnChooserProps {
  table: ChoosableTable;
  broker: BrokerKind;
  /** e.g. "Positions columns". */
  label: string;
  options: readonly ColumnOption[];
  shown: ReadonlySet<string>;
}

/** A "Columns" button whose list turns each column on or off; the choice is kept per table and broker. */
export function ColumnChooser({ table, broker, label, options, shown }: ColumnChooserProps) {
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { choose } = useColumnPrefsActions();

  // The list opens in the top layer, so no scrolling table clips it; it is placed under its button as it opens.
  useEffect(() => {
    const element = panel.current;
    if (!element) return undefined;
    const place = (event: Event) => {
      if ((event as ToggleEvent).newState !== 'open' || !button.current) return;
      const anchor = button.current.getBoundingClientRect();
      element.style.top = `${Math.round(anchor.bottom + 4)}px`;
      element.style.left = `${Math.round(Math.max(8, anchor.right - 220))}px`;
    };
    element.addEventListener('beforetoggle', place);
    return () => element.removeEventListener('beforetoggle', place);
  }, []);

  return (
    <>
      <button ref={button} type="button" className="button button-small column-chooser-button" popoverTarget={panelId} aria-label={label} title={label}>
        Columns
      </button>
      <div ref={panel} id={panelId} popover="auto" className="column-chooser" role="group" aria-label={label}>
        {options.map((option) => {
          const on = shown.has(option.id);
          return (
            <label key={option.id}>
              <input
                type="checkbox"
                checked={on}
                // The last shown column stays: a table with no column could not be read or chosen back.
                disabled={on && shown.size === 1}
                onChange={(event) => choose(table, broker, toggleColumn(options, shown, option.id, event.target.checked))}
              />
              {option.header}
            </label>
          );
        })}
      </div>
    </>
  );
}
