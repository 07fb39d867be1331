/** Whether a string from outside (a form, the index, a stored row) is one of the known values, narrowing it to them. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}
