/** A plain table of text cells with a header row: report sections, the data behind a chart. */
export function SimpleTable({ caption, header, rows }: { caption: string; header: string[]; rows: ReadonlyArray<ReadonlyArray<string | number>> }) {
  return (
    <table className="min-w-full text-sm" aria-label={caption}>
      <thead className="text-left text-xs text-slate-500">
        <tr>
          {header.map((h) => (
            <th key={h} scope="col" className="py-1 pr-3">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j} className="py-1.5 pr-3 tabular-nums">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
