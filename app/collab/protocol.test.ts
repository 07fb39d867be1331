import { describe, expect, it } from "vitest";
import { colorFor, PRESENCE_COLORS } from "./protocol.ts";

/** WCAG 2.1 relative luminance and contrast ratio of two sRGB colours ("#rrggbb"). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe("presence colours", () => {
  it("the check itself: white on amber-600 is the 3.19:1 the audit found, white on black 21:1", () => {
    expect(contrast("#ffffff", "#d97706")).toBeCloseTo(3.19, 2);
    expect(contrast("#ffffff", "#000000")).toBeCloseTo(21, 5);
  });

  it("give every person's avatar white initials at 4.5:1 or more", () => {
    for (const color of PRESENCE_COLORS) expect(contrast("#ffffff", color), color).toBeGreaterThanOrEqual(4.5);
  });

  it("stay the same for one person and spread over the palette", () => {
    expect(colorFor("user-1")).toBe(colorFor("user-1"));
    const used = new Set(Array.from({ length: 200 }, (_, i) => colorFor(`user-${i}`)));
    expect(used.size).toBe(PRESENCE_COLORS.length);
  });
});
