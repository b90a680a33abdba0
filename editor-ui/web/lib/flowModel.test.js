import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useCatalogue, portsOf } from "./catalogue.js";
import { connect, docToGraph, followPorts, graphToDoc, newNodeId, renameNode } from "./flowModel.js";
import { TEST_CATALOGUE } from "./testCatalogue.js";

useCatalogue(TEST_CATALOGUE);
const helpdesk = JSON.parse(readFileSync(new URL("../../../flows-examples/helpdesk-ticket-on-escalation/flow.json", import.meta.url)));

test("an example flow survives the trip to the canvas and back", () => {
  assert.deepEqual(graphToDoc(docToGraph(helpdesk)), helpdesk);
});

test("edges without a port leave from the node's first port", () => {
  const graph = docToGraph(helpdesk);
  const fromTicket = graph.edges.find((e) => e.source === "ticket");
  assert.equal(fromTicket.sourceHandle, "ok");
});

test("a decision has one port per branch plus the default", () => {
  assert.deepEqual(portsOf("decision", { branches: [{ port: "yes" }, { port: "maybe" }], default_port: "no" }), ["yes", "maybe", "no"]);
  assert.deepEqual(portsOf("decision", {}), ["default"]);
});

test("new ids do not collide", () => {
  assert.equal(newNodeId("decision", ["start"]), "decision");
  assert.equal(newNodeId("decision", ["decision", "decision_2"]), "decision_3");
});

test("renaming a node moves its edges", () => {
  const graph = renameNode(docToGraph(helpdesk), "ticket", "open_ticket");
  assert.ok(graph.edges.some((e) => e.source === "escalated" && e.target === "open_ticket"));
  assert.ok(graph.edges.some((e) => e.source === "open_ticket" && e.target === "keep"));
});

test("edges follow a renamed branch and drop with a removed one", () => {
  const edges = docToGraph(helpdesk).edges;
  const renamed = followPorts(edges, "escalated", ["yes", "no"], ["escalate", "no"]);
  assert.ok(renamed.some((e) => e.source === "escalated" && e.sourceHandle === "escalate"));
  const removed = followPorts(edges, "escalated", ["yes", "no"], ["no"]);
  assert.ok(!removed.some((e) => e.source === "escalated"));
});

test("a port leads to one node", () => {
  const edges = connect(docToGraph(helpdesk).edges, "escalated", "yes", "keep");
  assert.deepEqual(edges.filter((e) => e.source === "escalated").map((e) => e.target), ["keep"]);
});
