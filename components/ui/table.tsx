/**
 * The box every table sits in: on a narrow screen the table scrolls sideways inside it, never the
 * page (issue 19: /results was 558 px wide at 390 px). `contain-inline-size` keeps the table's
 * width out of the box's own minimum width, so a grid or flex parent never grows to fit the
 * table; the box is a labelled, focusable region so keyboard users can scroll it too.
 */
export function TableScroll({ label, className = "", children }: { label?: string; className?: string; children: React.ReactNode }) {
  // A scrollable region takes focus so it can be scrolled by keyboard (WCAG 2.1.1; axe scrollable-region-focusable).
  // Positioned, so screen-reader-only text (absolutely placed) inside a wide table is clipped with it
  // instead of widening the page.
  const focusable = label ? { tabIndex: 0, role: "region", "aria-label": label } : { tabIndex: 0 };
  return (
    <div
      {...focusable}
      className={`relative contain-inline-size overflow-x-auto rounded-xl border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-brand-700 ${className}`}
    >
      {children}
    </div>
  );
}

/** A bordered table with column headers that scrolls inside its own box; rows are passed as children. */
export function DataTable({ headers, caption, children }: { headers: readonly string[]; caption?: string; children: React.ReactNode }) {
  return (
    <TableScroll label={caption}>
      <table className="min-w-full text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-4 py-2 font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </TableScroll>
  );
}
