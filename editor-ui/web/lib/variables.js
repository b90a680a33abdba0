// The variables a template may use at one node: the call's, and those set by nodes that run before it.
import { catalogue } from "./catalogue.js";

/** Ids of the nodes that can run before nodeId (every node with a path to it). */
export function upstreamIds(nodeId, edges) {
  const incoming = new Map();
  for (const e of edges) {
    if (!incoming.has(e.target)) incoming.set(e.target, []);
    incoming.get(e.target).push(e.source);
  }
  const seen = new Set();
  const queue = [...(incoming.get(nodeId) ?? [])];
  while (queue.length) {
    const id = queue.shift();
    if (seen.has(id) || id === nodeId) continue;
    seen.add(id);
    queue.push(...(incoming.get(id) ?? []));
  }
  return seen;
}

/** What each node sets: Set Variable assignments and API Request response mappings. */
export function variablesSetBy(node) {
  if (node.type === "set_variable") return Object.keys(node.data.assignments ?? {});
  if (node.type === "api_request") return Object.keys(node.data.response_mapping ?? {});
  return [];
}

/**
 * Suggestions for {{ at nodeId: [{name, detail}], flow variables first. sampleCall (optional) adds the keys of its
 * call_metadata and post_call.
 */
export function variablesAt(nodeId, nodes, edges, sampleCall) {
  const upstream = nodeId == null ? new Set(nodes.map((n) => n.id)) : upstreamIds(nodeId, edges);
  const out = [];
  const seen = new Set();
  const add = (name, detail) => {
    if (!seen.has(name)) {
      seen.add(name);
      out.push({ name, detail });
    }
  };
  for (const node of nodes) {
    if (!upstream.has(node.id)) continue;
    for (const name of variablesSetBy(node)) add(name, `set by ${node.id}`);
  }
  const { interaction = {}, namespaces = {} } = catalogue().variables ?? {};
  for (const [name, detail] of Object.entries(interaction)) add(`interaction.${name}`, detail);
  for (const namespace of Object.keys(namespaces)) {
    const sample = sampleCall?.[namespace];
    const keys = sample && typeof sample === "object" ? Object.keys(sample) : [];
    for (const key of keys) add(`${namespace}.${key}`, `from the sample call's ${namespace}`);
    add(`${namespace}.`, namespaces[namespace]);
  }
  return out;
}

/** The partial placeholder just before the caret ("{{inter" -> "inter"), or null outside one. */
export function openPlaceholder(textBeforeCaret) {
  const match = /\{\{\s*([\w.\-]*)$/.exec(textBeforeCaret);
  return match ? match[1] : null;
}

/** Suggestions matching a partial name: prefix matches first, then matches anywhere. */
export function filterVariables(variables, partial) {
  const q = partial.toLowerCase();
  const starts = variables.filter((v) => v.name.toLowerCase().startsWith(q));
  const inside = variables.filter((v) => !v.name.toLowerCase().startsWith(q) && v.name.toLowerCase().includes(q));
  return [...starts, ...inside];
}
