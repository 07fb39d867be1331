import type { ReactNode } from "react";

/**
 * The kit's table. One markup for every width: a normal table from 640 px up; below that each row
 * becomes a card whose cells carry their column's name (`data-label`), so a phone never scrolls
 * sideways and nothing is crushed to one character per line. Screen readers keep the table
 * semantics at every width (the roles are set explicitly because `display: block` drops them).
 */
export interface Column<Row> {
  /** Stable key of the column (React key, test hook). */
  key: string;
  header: ReactNode;
  /** The column's name on a phone card (plain text); defaults to `header` when it is a string. */
  label?: string;
  cell: (row: Row) => ReactNode;
  /** The row's title: first on a phone card, shown without its label and in bold. */
  primary?: boolean;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** Left out on phones (secondary detail the card does not need). */
  hideOnPhone?: boolean;
  className?: string;
}

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  captionVisible = false,
}: {
  /** Names the table for assistive technology (and visibly when captionVisible). */
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey: (row: Row) => string;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  captionVisible?: boolean;
}) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  // The cells' styles are the `data-table` rules of app/styles/app.css, chosen by data attributes:
  // a large table (forty series, two hundred cases) would otherwise repeat the same class lists in
  // every cell (more than half of such a page's HTML), each inside a wrapper.
  return (
    <table role="table" className="data-table w-full text-sm max-sm:block">
      <caption className={captionVisible ? "mb-2 text-left text-sm font-medium text-slate-700 max-sm:block" : "sr-only"}>{caption}</caption>
      <thead role="rowgroup" className="text-left text-xs text-slate-500 max-sm:sr-only">
        <tr role="row">
          {columns.map((column) => (
            <th key={column.key} role="columnheader" scope="col" className={`py-2 pr-3 font-medium ${column.numeric ? "text-right" : ""}`}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => (
          <tr role="row" key={rowKey(row)}>
            {columns.map((column) => (
              <td
                key={column.key}
                role="cell"
                data-label={column.primary ? undefined : (column.label ?? (typeof column.header === "string" ? column.header : ""))}
                data-primary={column.primary ? "" : undefined}
                data-numeric={column.numeric ? "" : undefined}
                data-phone={column.hideOnPhone ? "hidden" : undefined}
                className={column.className}
              >
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
