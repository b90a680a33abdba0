import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldInfo, formatDuration, sinceTimestamp } from "./callFormat.js";
import { ApiError } from "./api.js";
import { isMissingApi } from "./apiStatus.js";

test("since choices count back from now; any time sends none", () => {
  const now = Date.parse("2026-01-02T12:00:00Z");
  assert.equal(sinceTimestamp("1h", now), "2026-01-02T11:00:00.000Z");
  assert.equal(sinceTimestamp("7d", now), "2025-12-26T12:00:00.000Z");
  assert.equal(sinceTimestamp("", now), null);
});

test("durations read as seconds or minutes and seconds", () => {
  assert.equal(formatDuration(42.5), "43 s");
  assert.equal(formatDuration(185), "3 m 05 s");
  assert.equal(formatDuration(null), "–");
});

test("an extracted field's source and reason are found in any of the record's shapes", () => {
  assert.deepEqual(fieldInfo({ fields: [{ name: "email", source: "embedded" }] }, "email"), { name: "email", source: "embedded" });
  assert.deepEqual(fieldInfo({ fields: { email: { source: "llm" } } }, "email"), { source: "llm" });
  assert.deepEqual(fieldInfo({ email: { reason: "not said" } }, "email"), { reason: "not said" });
  assert.equal(fieldInfo(null, "email"), null);
});

test("a missing API is told apart from a missing resource", () => {
  assert.equal(isMissingApi(new ApiError(404, { error: "not found: /api/v1/functions" })), true);
  assert.equal(isMissingApi(new ApiError(405, { error: "method not allowed on /api/v1/x" })), true);
  assert.equal(isMissingApi(new ApiError(404, { error: "function 7 not found" })), false);
  assert.equal(isMissingApi(new ApiError(404, { success: false, message: "Variable with ID not found" })), false);
  assert.equal(isMissingApi(new Error("network")), false);
});
