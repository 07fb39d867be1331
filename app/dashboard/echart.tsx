import { useEffect, useRef } from "react";
import type { EChartsCoreOption } from "echarts/core";

/**
 * A thin React wrapper around Apache ECharts (tree-shaken: bar, pie and radar charts, SVG renderer).
 * ECharts is loaded in the browser after hydration, so pages stay light and render on the server
 * without it; `summary` is the chart's accessible description and `children` its data as a table
 * (for screen readers, printing and browsers without JavaScript).
 */
async function loadECharts() {
  const [core, charts, components, renderers] = await Promise.all([
    import("echarts/core"),
    import("echarts/charts"),
    import("echarts/components"),
    import("echarts/renderers"),
  ]);
  core.use([
    charts.BarChart,
    charts.PieChart,
    charts.RadarChart,
    components.GridComponent,
    components.TooltipComponent,
    components.LegendComponent,
    components.AriaComponent,
    components.TitleComponent,
    components.RadarComponent,
    renderers.SVGRenderer,
  ]);
  return core;
}

/** A chart's option for the width it is drawn at (labels that fit a phone are not those of a laptop). */
export type ChartOption = (width: number) => EChartsCoreOption;

export function EChart({ option, summary, height = 320, children }: { option: ChartOption; summary: string; height?: number; children?: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: EChartsCoreOption): void; resize(): void; dispose(): void } | null = null;
    let observer: ResizeObserver | null = null;
    loadECharts().then((echarts) => {
      const element = ref.current;
      if (disposed || !element) return;
      chart = echarts.init(element, null, { renderer: "svg" });
      // ECharts writes `sans-serif` on every label unless told; the page's own stack brings the
      // Chinese web font to machines without a Chinese system font.
      const fontFamily = getComputedStyle(element).fontFamily;
      let width = element.clientWidth;
      // No growing bars for who asks the system for less motion (and for tests reading drawn glyphs).
      const animation = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      chart.setOption({ aria: { enabled: true }, animation, textStyle: { fontFamily }, ...option(width) });
      observer = new ResizeObserver(() => {
        if (!chart) return;
        chart.resize();
        if (element.clientWidth === width) return;
        width = element.clientWidth;
        chart.setOption(option(width));
      });
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return (
    <figure className="space-y-2">
      {/* Its drawing never widens the page: the width comes from the layout (a phone turned, a window narrowed), and the chart follows. */}
      <div ref={ref} role="img" aria-label={summary} style={{ height, contain: "inline-size" }} className="w-full" data-testid="echart" />
      <figcaption className="sr-only">{summary}</figcaption>
      {children}
    </figure>
  );
}
