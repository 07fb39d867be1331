/** A titled section of a page, and the small label used in lists. */
export function Card({ title, children, className = "" }: { title: string; children: React.ReactNode; className?: string }) {
  const id = `card-${title.replace(/\s+/g, "-")}`;
  return (
    <section aria-labelledby={id} className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** A small coloured label: a status, a kind, a stage. Every tone meets 4.5:1 contrast on its ground. */
const badgeTones = {
  slate: "bg-slate-100 text-slate-700",
  brand: "bg-brand-50 text-brand-700",
  emerald: "bg-emerald-50 text-emerald-700",
  amber: "bg-amber-50 text-amber-800",
  sky: "bg-sky-50 text-sky-800",
  violet: "bg-violet-50 text-violet-800",
  red: "bg-red-50 text-red-700",
};

export type BadgeTone = keyof typeof badgeTones;

export function Badge({ children, tone = "slate" }: { children: React.ReactNode; tone?: BadgeTone }) {
  // Never broken over two lines (a phone's narrow list row squeezed "负责人" into "负责/人").
  return <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${badgeTones[tone]}`}>{children}</span>;
}
