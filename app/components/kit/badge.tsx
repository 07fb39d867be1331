import type { ReactNode } from "react";

/** A small coloured label: a status, a kind, a stage. Tones meet 4.5:1 contrast on white. */
const tones = {
  neutral: "bg-slate-100 text-slate-700",
  info: "bg-sky-50 text-sky-800",
  success: "bg-emerald-50 text-emerald-800",
  warning: "bg-amber-50 text-amber-800",
  danger: "bg-red-50 text-red-700",
  accent: "bg-violet-50 text-violet-800",
  brand: "bg-brand-50 text-brand-700",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "neutral", children, className = "" }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]} ${className}`}>{children}</span>;
}
