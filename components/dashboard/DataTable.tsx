import { useMemo, useState, type ReactNode } from 'react';
import { toCsv } from '../../lib/export/csv-safe';
import { t } from '../../lib/i18n';
import { download } from './format';

export interface Column<R> {
  id: string;
  header: string;
  /** What the column sorts, filters and exports by. */
  value: (row: R) => string | number | null | undefined;
  /** What the cell shows, when not just the value. */
  render?: (row: R) => ReactNode;
  numeric?: boolean;
}

type Sort = { id: string; dir: 'ascending' | 'descending' } | null;

function compare(a: string | number | null | undefined, b: string | number | null | undefined) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // empty cells last, either way
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a).localeCompare(String(b));
}

/**
 * A table that sorts by any column (header buttons, `aria-sort`), filters by text, and exports
 * what it shows as a formula-safe CSV.
 */
export function DataTable<R>(props: {
  caption: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  testId: string;
  fileName: string;
  empty: string;
  filterable?: boolean;
  initialSort?: Sort;
}) {
  const { columns, rows, testId } = props;
  const [sort, setSort] = useState<Sort>(props.initialSort ?? null);
  const [filter, setFilter] = useState('');

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    let list = needle
      ? rows.filter((r) =>
          columns.some((c) =>
            String(c.value(r) ?? '')
              .toLowerCase()
              .includes(needle),
          ),
        )
      : [...rows];
    if (sort) {
      const col = columns.find((c) => c.id === sort.id);
      if (col) {
        const sign = sort.dir === 'ascending' ? 1 : -1;
        const nulls = (v: unknown) => v === null || v === undefined;
        list = list.sort((a, b) => {
          const va = col.value(a);
          const vb = col.value(b);
          if (nulls(va) || nulls(vb)) return compare(va, vb);
          return sign * compare(va, vb);
        });
      }
    }
    return list;
  }, [rows, columns, sort, filter]);

  const toggle = (id: string) =>
    setSort((s) =>
      s?.id === id
        ? { id, dir: s.dir === 'ascending' ? 'descending' : 'ascending' }
        : { id, dir: columns.find((c) => c.id === id)?.numeric ? 'descending' : 'ascending' },
    );

  const exportCsv = () =>
    download(
      props.fileName,
      toCsv(
        columns.map((c) => c.header),
        shown.map((r) => columns.map((c) => c.value(r) ?? '')),
      ),
    );

  return (
    <div className="table-block">
      <div className="table-tools no-print">
        {props.filterable !== false && rows.length > 0 && (
          <label>
            {t('dashFilterRows')}{' '}
            <input
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              data-testid={`${testId}-filter`}
              aria-label={t('dashFilterRowsOf', props.caption)}
            />
          </label>
        )}
        <button
          type="button"
          onClick={exportCsv}
          data-testid={`${testId}-csv`}
          aria-label={t('dashExportCsvOf', props.caption)}
          disabled={shown.length === 0}
        >
          {t('dashExportCsv')}
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="empty" data-testid={`${testId}-empty`}>
          {props.empty}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid={testId}>
            <caption>{props.caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c.id}
                    scope="col"
                    className={c.numeric ? 'num' : undefined}
                    aria-sort={sort?.id === c.id ? sort.dir : undefined}
                  >
                    <button type="button" className="sort" onClick={() => toggle(c.id)}>
                      {c.header}
                      <span aria-hidden="true" className="sort-mark">
                        {sort?.id === c.id ? (sort.dir === 'ascending' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={props.rowKey(r)} data-testid={`${testId}-row`} data-key={props.rowKey(r)}>
                  {columns.map((c, i) => {
                    const content = c.render ? c.render(r) : (c.value(r) ?? '–');
                    const cls = c.numeric ? 'num' : undefined;
                    return i === 0 ? (
                      <th key={c.id} scope="row" className={cls} data-col={c.id}>
                        {content}
                      </th>
                    ) : (
                      <td key={c.id} className={cls} data-col={c.id}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="empty">{t('dashNoRowsMatch')}</p>}
        </div>
      )}
    </div>
  );
}
