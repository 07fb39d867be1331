import { describe, expect, it } from "vitest";
import { barsHeight, categoryAxis, categoryLabelWidth, countAxis, ringSeries } from "./chart-layout.ts";

describe("the dashboard's chart layout", () => {
  it("gives a category's name about a third of a phone's chart, and no more than 200 px on a wide one", () => {
    expect(categoryLabelWidth(300)).toBe(102);
    expect(categoryLabelWidth(1200)).toBe(200);
    expect(categoryLabelWidth(120)).toBe(64);
    expect(categoryAxis(["思想理论教育和价值引领"], 300).axisLabel).toMatchObject({ width: 102, overflow: "truncate", interval: 0 });
  });

  it("grows a bar chart with its categories", () => {
    expect(barsHeight(14)).toBe(14 * 28 + 72);
    expect(barsHeight(9, { row: 40 })).toBe(9 * 40 + 72);
    expect(barsHeight(1)).toBe(200);
  });

  it("puts fewer ticks on a phone's count axis, and the ring's names in its legend instead of around it", () => {
    expect(countAxis(300).splitNumber).toBe(3);
    expect(countAxis(800).splitNumber).toBe(5);
    const phone = ringSeries([{ name: "讲师", value: 3 }], 300);
    expect(phone.series[0]!.label).toEqual({ show: false });
    expect(phone.legend.type).toBe("plain");
    const wide = ringSeries([{ name: "讲师", value: 3 }], 800);
    expect(wide.series[0]!.label.show).toBe(true);
    expect(wide.legend.type).toBe("scroll");
  });
});
