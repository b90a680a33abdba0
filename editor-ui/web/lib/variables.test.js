import { test } from "node:test";
import assert from "node:assert/strict";
import { useCatalogue } from "./catalogue.js";
import { docToGraph } from "./flowModel.js";
import { filterVariables, openPlaceholder, variablesAt } from "./variables.js";
import { callToRoots } from "./callVariables.js";
import { addMapping, jsonPathOf } from "./jsonPath.js";
import { History } from "./history.js";
import { traceOverlay } from "./trace.js";
import { TEST_CATALOGUE } from "./testCatalogue.js";

useCatalogue(TEST_CATALOGUE);
const graph = docToGraph({
  name: "f",
  nodes: [
    { id: "start", type: "start" },
    { id: "ticket", type: "api_request", response_mapping: { ticket_id: "$.ticket.id" } },
    { id: "keep", type: "set_variable", assignments: { kept: "{{ticket_id}}" } },
    { id: "other", type: "set_variable", assignments: { elsewhere: 1 } },
  ],
  edges: [{ from: "start", to: "ticket" }, { from: "ticket", to: "keep" }],
});

test("a node sees the variables set upstream, not its own nor unrelated ones", () => {
  const names = variablesAt("keep", graph.nodes, graph.edges, null).map((v) => v.name);
  assert.ok(names.includes("ticket_id"));
  assert.ok(names.includes("interaction.SUMMARY"));
  assert.ok(!names.includes("kept"));
  assert.ok(!names.includes("elsewhere"));
});

test("the sample call's metadata keys are offered", () => {
  const names = variablesAt("ticket", graph.nodes, graph.edges, { call_metadata: { lead_id: 7 } }).map((v) => v.name);
  assert.ok(names.includes("call_metadata.lead_id"));
});

test("{{ opens a placeholder until it is closed", () => {
  assert.equal(openPlaceholder("Call {{inter"), "inter");
  assert.equal(openPlaceholder("Call {{"), "");
  assert.equal(openPlaceholder("Call {{x}} and"), null);
  assert.deepEqual(filterVariables([{ name: "interaction.SUMMARY" }, { name: "summary_x" }], "summ").map((v) => v.name),
    ["summary_x", "interaction.SUMMARY"]);
});

test("a call becomes the template namespaces", () => {
  const roots = callToRoots({ call_id: "c1", call_duration: 0, transcript: [{ role: "user", content: "hi" }] });
  assert.equal(roots.interaction.CALL_ID, "c1");
  assert.equal(roots.interaction.CONNECTED, false);
  assert.equal(roots.interaction.TRANSCRIPT, "user: hi");
});

test("clicking a response field maps it by JSONPath", () => {
  assert.equal(jsonPathOf(["ticket", "id"]), "$.ticket.id");
  assert.equal(jsonPathOf(["items", 0, "odd key"]), "$.items[0]['odd key']");
  const { mapping, name } = addMapping({ ticket_id: "$.other" }, ["ticket", "id"]);
  assert.equal(name, "ticket_id_2");
  assert.equal(mapping.ticket_id_2, "$.ticket.id");
});

test("typing in one field is one undo step", () => {
  const history = new History();
  history.record("a", "url", 0);
  history.record("ab", "url", 100);
  history.record("abc", "body", 200);
  assert.equal(history.undo("abcd"), "abc");
  assert.equal(history.undo("abc"), "a");
  assert.equal(history.redo("a"), "abc");
});

test("the trace marks the nodes run and the edges followed", () => {
  const overlay = traceOverlay([
    { node: "start", port: "next" }, { node: "ticket", port: "ok" }, { node: "keep", port: "next" }]);
  assert.deepEqual(Object.keys(overlay.nodes), ["start", "ticket", "keep"]);
  assert.ok(overlay.edges.has("ticket:ok->keep"));
});
