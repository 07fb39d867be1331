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
  return (
    <table role="table" className="w-full text-sm max-sm:block">
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
      <tbody role="rowgroup" className="divide-y divide-slate-100 max-sm:block max-sm:space-y-3 max-sm:divide-y-0">
        {rows.map((row) => (
          <tr role="row" key={rowKey(row)} className="max-sm:block max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:bg-white max-sm:p-3">
            {columns.map((column) => {
              const label = column.label ?? (typeof column.header === "string" ? column.header : undefined);
              return (
                <td
                  key={column.key}
                  role="cell"
                  data-label={column.primary ? undefined : label}
                  className={[
                    "py-2 pr-3 align-top",
                    column.numeric ? "text-right tabular-nums max-sm:text-left" : "",
                    "max-sm:flex max-sm:gap-2 max-sm:py-0.5 max-sm:pr-0",
                    column.primary ? "max-sm:text-base max-sm:font-semibold" : "max-sm:before:w-28 max-sm:before:shrink-0 max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]",
                    column.hideOnPhone ? "max-sm:hidden" : "",
                    column.className ?? "",
                  ].join(" ")}
                >
                  {column.primary ? <div className="min-w-0">{column.cell(row)}</div> : <div className="min-w-0 break-words">{column.cell(row)}</div>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
