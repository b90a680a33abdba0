// Flow documents (DESIGN.md "The flow document") to React Flow's nodes and edges, and back.
import { defaultPort, nodeType } from "./catalogue.js";

const GRID_X = 260;

/** {meta, nodes, edges} for the canvas; node data holds every field of the document node but id, type and ui. */
export function docToGraph(doc) {
  const { nodes = [], edges = [], ...meta } = doc ?? {};
  const graphNodes = nodes.map((node, index) => {
    const { id, type, ui, ...data } = node;
    return {
      id,
      type,
      position: { x: ui?.x ?? 80 + index * GRID_X, y: ui?.y ?? 200 },
      data,
      deletable: !nodeType(type).singleton,
    };
  });
  const byId = new Map(graphNodes.map((n) => [n.id, n]));
  const graphEdges = edges.map((edge) => {
    const from = byId.get(edge.from);
    const port = edge.port ?? (from ? defaultPort(from.type, from.data) : "next");
    return makeEdge(edge.from, port, edge.to);
  });
  return { meta: { name: meta.name ?? "", description: meta.description ?? "", ...meta }, nodes: graphNodes, edges: graphEdges };
}

/** The flow document the API stores: a fixed default port is left out, positions go under "ui". */
export function graphToDoc({ meta, nodes, edges }) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const doc = { ...meta };
  if (!doc.description) delete doc.description;
  if (!doc.agents || doc.agents.length === 0) delete doc.agents;
  doc.nodes = nodes.map((n) => ({
    id: n.id,
    type: n.type,
    ...clean(n.data),
    ui: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
  }));
  doc.edges = edges.map((e) => {
    const from = byId.get(e.source);
    const edge = { from: e.source };
    // Decision ports are always written: which branch an edge belongs to should not depend on branch order.
    const implicit = from && !nodeType(from.type).portsFrom && e.sourceHandle === defaultPort(from.type, from.data);
    if (!implicit) edge.port = e.sourceHandle;
    edge.to = e.target;
    return edge;
  });
  return doc;
}

export function makeEdge(from, port, to) {
  return { id: edgeId(from, port, to), source: from, sourceHandle: port, target: to, targetHandle: "in" };
}

export function edgeId(from, port, to) {
  return `${from}:${port}->${to}`;
}

/** A fresh id for a node of this type: "decision", then "decision_2", ... */
export function newNodeId(type, existingIds) {
  const taken = new Set(existingIds);
  if (!taken.has(type)) return type;
  for (let i = 2; ; i++) {
    if (!taken.has(`${type}_${i}`)) return `${type}_${i}`;
  }
}

/** A node dropped from the palette: the type's defaults, deep-copied. */
export function newNode(type, position, existingIds) {
  const described = nodeType(type);
  return {
    id: newNodeId(type, existingIds),
    type,
    position,
    data: structuredCloneJson(described.defaults ?? {}),
    deletable: !described.singleton,
  };
}

/** Renames a node and every edge that touches it. */
export function renameNode(graph, oldId, newId) {
  const nodes = graph.nodes.map((n) => (n.id === oldId ? { ...n, id: newId } : n));
  const edges = graph.edges.map((e) => {
    if (e.source !== oldId && e.target !== oldId) return e;
    const source = e.source === oldId ? newId : e.source;
    const target = e.target === oldId ? newId : e.target;
    return makeEdge(source, e.sourceHandle, target);
  });
  return { ...graph, nodes, edges };
}

/**
 * After a node's ports changed (a decision branch renamed, added or removed): edges from a renamed port follow
 * it, edges from a port that no longer exists are dropped.
 */
export function followPorts(edges, nodeId, oldPorts, newPorts) {
  const renamed = new Map();
  if (oldPorts.length === newPorts.length) {
    oldPorts.forEach((port, i) => port !== newPorts[i] && renamed.set(port, newPorts[i]));
  }
  return edges.flatMap((e) => {
    if (e.source !== nodeId) return [e];
    const port = renamed.get(e.sourceHandle) ?? e.sourceHandle;
    if (!newPorts.includes(port)) return [];
    return [port === e.sourceHandle ? e : makeEdge(e.source, port, e.target)];
  });
}

/** Connects source:port to target; a port leads to one node, so an earlier edge from it is replaced. */
export function connect(edges, source, port, target) {
  return [...edges.filter((e) => !(e.source === source && e.sourceHandle === port)), makeEdge(source, port, target)];
}

function clean(data) {
  const out = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || value === null || value === "") continue;
    out[key] = value;
  }
  return out;
}

export function structuredCloneJson(value) {
  return JSON.parse(JSON.stringify(value));
}
