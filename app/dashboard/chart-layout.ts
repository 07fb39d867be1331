/**
 * How the dashboard's charts lay themselves out at the width they are drawn at, so that on a
 * phone (about 300 px of chart) no label is cut at the edge or drawn over another: category names
 * beside horizontal bars (one row each, the chart as tall as its rows), at most a third of the
 * width and cut with "…" beyond it (the tooltip and the data table under the chart say them
 * whole), fewer ticks on the value axis, legends that scroll instead of running off the side.
 */

/** Below this width a chart is on a phone. */
export const NARROW_CHART = 480;

/** Room for a category's name beside the bars. */
export function categoryLabelWidth(width: number): number {
  return Math.round(Math.min(200, Math.max(64, width * 0.34)));
}

/** The axis of category names (top to bottom in data order). */
export function categoryAxis(names: string[], width: number) {
  return {
    type: "category" as const,
    data: names,
    inverse: true,
    axisTick: { show: false },
    axisLabel: { interval: 0, width: categoryLabelWidth(width), overflow: "truncate" as const, ellipsis: "…" },
  };
}

/** The axis of counts: whole numbers, three ticks on a phone so their numbers keep apart. */
export function countAxis(width: number) {
  return { type: "value" as const, minInterval: 1, splitNumber: width < NARROW_CHART ? 3 : 5 };
}

/** Height of a chart of horizontal bars: a row for each category, plus room for axis and legend. */
export function barsHeight(categories: number, { row = 28, extra = 72 }: { row?: number; extra?: number } = {}): number {
  return Math.max(200, categories * row + extra);
}

/** A legend on one row that pages with arrows when its names do not fit. */
export function scrollingLegend(position: { top?: number; bottom?: number }) {
  return { type: "scroll" as const, left: 0, right: 0, ...position };
}

/** The tooltip of bar charts: the category's whole name with its values, kept inside the chart. */
export const barTooltip = { trigger: "axis" as const, axisPointer: { type: "shadow" as const }, confine: true };

/** Room around the plot; `containLabel` keeps the axis labels inside the chart. */
export function barsGrid(legend: boolean) {
  return { left: 4, right: 16, top: legend ? 36 : 8, bottom: 4, containLabel: true };
}

/**
 * A ring of shares: on a phone its names go to a legend below that wraps (labels around the ring
 * would be cut at the edges), on a wider chart they sit around it.
 */
export function ringSeries(data: Array<{ name: string; value: number }>, width: number) {
  const narrow = width < NARROW_CHART;
  return {
    legend: narrow ? { type: "plain" as const, bottom: 0, left: 0, right: 0 } : scrollingLegend({ bottom: 0 }),
    series: [
      {
        type: "pie" as const,
        radius: narrow ? ["30%", "55%"] : ["35%", "65%"],
        center: narrow ? ["50%", "38%"] : ["50%", "45%"],
        label: narrow ? { show: false } : { show: true, width: categoryLabelWidth(width) / 1.5, overflow: "truncate" as const, ellipsis: "…" },
        labelLine: { show: !narrow },
        data,
      },
    ],
  };
}
