import { test } from "node:test";
import assert from "node:assert/strict";
import { codeTemplate, fromApi, newFunction, parseAgents, toApi, where } from "./functionModel.js";

test("an advanced body carries code and none of the basic fields", () => {
  const body = toApi({ ...newFunction(), name: " calc ", code: "async function calc(context) {}" });
  assert.deepEqual(body, { name: "calc", mode: "advanced", enabled: true, code: "async function calc(context) {}" });
});

test("a basic body carries the request, variables and condition but no code", () => {
  const body = toApi({ ...newFunction(), name: "crm", mode: "basic", api_url: "https://x/{lead_id}", order: "2",
    variables: { lead_id: "call_metadata.lead_id" }, timeout_ms: "5000" });
  assert.equal(body.code, undefined);
  assert.equal(body.order, 2);
  assert.equal(body.timeout_ms, 5000);
  assert.deepEqual(body.condition, { call_type: "all", all: [] });
  assert.deepEqual(body.variables, { lead_id: "call_metadata.lead_id" });
});

test("a stored function opens with defaults for what it lacks", () => {
  const state = fromApi({ id: 3, name: "f", mode: "basic", api_url: "https://x", agents: null, condition: { call_type: "connected" } });
  assert.equal(state.code, codeTemplate(""));
  assert.deepEqual(state.agents, []);
  assert.deepEqual(state.condition, { call_type: "connected", all: [] });
});

test("the template is named after the function, problems say where", () => {
  assert.match(codeTemplate("calculateNDOA"), /^async function calculateNDOA\(context\)/);
  assert.match(codeTemplate("has space"), /^async function myFunction\(context\)/);
  assert.equal(where({ line: 3, column: 7 }), "line 3, column 7");
  assert.equal(where({ message: "x" }), "");
  assert.deepEqual(parseAgents(" a, b ,, c"), ["a", "b", "c"]);
});
