import { expect } from "vitest";

/**
 * Asserts |actual − expected| ≤ max(abs, rel · |expected|). One tolerance rule for the whole suite.
 */
export function expectClose(actual: number, expected: number, tol: { rel?: number; abs?: number } = {}): void {
  const rel = tol.rel ?? 1e-9;
  const abs = tol.abs ?? 1e-9;
  const bound = Math.max(abs, rel * Math.abs(expected));
  if (!(Math.abs(actual - expected) <= bound)) {
    expect.fail(`expected ${actual} to be within ${bound} of ${expected}`);
  }
}

/** Deep-freezes a value so that any mutation by the code under test throws. */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
