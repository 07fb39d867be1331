import { describe, expect, it } from "vitest";
import { availabilitySchema, poolAvailabilitySchema, removeMentorSchema } from "./schemas.ts";

/** The buttons of the pool and of a profile page (学工部's), read by the feature's schemas. */
describe("the pool's and the profile page's buttons", () => {
  it("a profile page switches availability or removes the mentor, nothing else", () => {
    expect(availabilitySchema.parse({ intent: "availability", available: "no" })).toEqual({ intent: "availability", available: "no" });
    expect(removeMentorSchema.parse({ intent: "remove" })).toEqual({ intent: "remove" });
    expect(availabilitySchema.safeParse({ intent: "availability" }).success).toBe(false);
    expect(availabilitySchema.safeParse({ intent: "availability", available: "maybe" }).success).toBe(false);
    expect(removeMentorSchema.safeParse({ intent: "delete" }).success).toBe(false);
  });

  it("a row of the pool names the mentor it switches", () => {
    expect(poolAvailabilitySchema.parse({ intent: "availability", mentorId: "m1", available: "yes" })).toEqual({ intent: "availability", mentorId: "m1", available: "yes" });
    expect(poolAvailabilitySchema.safeParse({ intent: "availability", available: "yes" }).success).toBe(false);
    expect(poolAvailabilitySchema.safeParse({ intent: "availability", mentorId: "", available: "yes" }).success).toBe(false);
    expect(poolAvailabilitySchema.safeParse({ intent: "availability", mentorId: "x".repeat(65), available: "yes" }).success).toBe(false);
    expect(poolAvailabilitySchema.safeParse({ intent: "remove", mentorId: "m1", available: "yes" }).success).toBe(false);
  });
});
