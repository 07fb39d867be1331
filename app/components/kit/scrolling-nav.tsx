import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * A row of navigation links that scrolls sideways when it does not fit (the main navigation and
 * the studio tabs on a phone). A fade on the side where more links wait shows that it scrolls,
 * and the current page's link (`aria-current="page"`) is brought to the middle, so it is never
 * cut off at the edge. Without JavaScript the row still scrolls, with its thin scrollbar.
 */
export function ScrollingNav({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const [more, setMore] = useState({ before: false, after: false });

  useEffect(() => {
    const row = ref.current;
    if (!row) return;
    const update = () => {
      const before = row.scrollLeft > 1;
      const after = row.scrollLeft + row.clientWidth < row.scrollWidth - 1;
      setMore((was) => (was.before === before && was.after === after ? was : { before, after }));
    };
    const current = row.querySelector<HTMLElement>('[aria-current="page"]');
    if (current && row.scrollWidth > row.clientWidth) {
      // Not scrollIntoView: that would also scroll the page vertically.
      const left = current.getBoundingClientRect().left - row.getBoundingClientRect().left + row.scrollLeft;
      row.scrollLeft = left - (row.clientWidth - current.offsetWidth) / 2;
    }
    update();
    row.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(row);
    return () => {
      row.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, [pathname]);

  return (
    <nav
      ref={ref}
      aria-label={label}
      data-more-before={more.before || undefined}
      data-more-after={more.after || undefined}
      className={`scrolling-nav flex overflow-x-auto ${className}`}
    >
      {children}
    </nav>
  );
}
