import { afterAll, afterEach, beforeEach } from "vitest";
import { beginTest, endFile, endTest } from "../support/e2e-database.ts";

/**
 * Every e2e file: after each test (passed or failed) its pages are closed, the people signed in
 * there are signed out, and what it registered with undoChangesTo is put back; after the file,
 * what its beforeAll registered. See tests/support/e2e-database.ts.
 */
beforeEach(() => beginTest());
afterEach(() => endTest());
afterAll(() => endFile());
