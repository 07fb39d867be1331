import { DataTable, type Column } from "./data-table.tsx";

type Line = { row: ReadonlyArray<string | number>; index: number };

/** A plain table of text cells with a header row: report sections, the data behind a chart. */
export function SimpleTable({ caption, header, rows }: { caption: string; header: string[]; rows: ReadonlyArray<ReadonlyArray<string | number>> }) {
  const columns: Array<Column<Line>> = header.map((title, index) => ({
    key: String(index),
    header: title,
    primary: index === 0,
    numeric: rows.some((row) => typeof row[index] === "number"),
    cell: ({ row }) => row[index],
  }));
  return <DataTable caption={caption} columns={columns} rows={rows.map((row, index) => ({ row, index }))} rowKey={({ index }) => String(index)} />;
}
