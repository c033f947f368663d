import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import { downloadCsv, toCsv } from '../csv';

/** A column: its header, the exact value behind a cell (for the CSV), and how the cell shows it. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
  /** A class for the cell by its value (the heatmap's colour), never an inline style (CSP). */
  cellClass?: (row: Row) => string;
  /** The row's header cell (`<th scope="row">`), for screen readers. */
  rowHeader?: boolean;
  /** `false` for a column the browser works out itself (a proof check): not in the CSV. */
  csv?: boolean;
}

/**
 * A table with a "Download CSV" button. Both read the same columns and rows,
 * so the file is exactly the table on screen: same rows, same order, same
 * columns (but those with `csv: false`), with the exact values (not the locale's formatting).
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  filename,
  testId,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  filename: string;
  testId: string;
}) {
  const { t } = useI18n();
  const exportCsv = () => {
    const inCsv = columns.filter((c) => c.csv !== false);
    downloadCsv(
      filename,
      toCsv(
        inCsv.map((c) => c.header),
        rows.map((row) => inCsv.map((c) => c.value(row))),
      ),
    );
  };
  return (
    <div className="data-table">
      {/* Wide tables scroll sideways: focusable, so that the keyboard scrolls them too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table data-testid={testId}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.numeric ? 'number' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => {
                  const content = c.render ? c.render(row) : c.value(row);
                  const className =
                    [c.numeric ? 'number' : '', c.cellClass?.(row) ?? ''].join(' ').trim() ||
                    undefined;
                  return c.rowHeader ? (
                    <th key={c.header} scope="row" className={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={c.header} className={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="csv-button" onClick={exportCsv} disabled={rows.length === 0}>
        {t('mfr.csv', { table: caption })}
      </button>
    </div>
  );
}
