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

export function Badge({ children, tone = "slate" }: { children: React.ReactNode; tone?: "slate" | "brand" | "emerald" | "amber" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    brand: "bg-brand-50 text-brand-700",
    emerald: "bg-emerald-50 text-emerald-700",
    amber: "bg-amber-50 text-amber-800",
  };
  return <span className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
