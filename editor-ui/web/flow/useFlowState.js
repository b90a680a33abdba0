import { useCallback, useMemo, useRef, useState } from "react";
import { applyEdgeChanges, applyNodeChanges } from "@xyflow/react";
import { portsOf, nodeType } from "../lib/catalogue.js";
import { connect, docToGraph, followPorts, graphToDoc, newNode, newNodeId, renameNode, structuredCloneJson } from "../lib/flowModel.js";
import { History } from "../lib/history.js";

/** What undo restores: the flow without selection and React Flow's measurements. */
function snapshot(graph) {
  return {
    meta: graph.meta,
    nodes: graph.nodes.map(({ id, type, position, data, deletable }) => ({ id, type, position, data, deletable })),
    edges: graph.edges.map(({ id, source, sourceHandle, target, targetHandle }) => ({ id, source, sourceHandle, target, targetHandle })),
  };
}

/**
 * The flow being edited: the canvas graph with undo/redo, and every change the editor can make to it. `revision`
 * counts changes so the page knows when the draft differs from what was saved.
 */
export function useFlowState(initialDoc) {
  const [graph, setGraph] = useState(() => docToGraph(initialDoc));
  const [revision, setRevision] = useState(0);
  const history = useRef(new History());
  const current = useRef(graph);
  current.current = graph;

  /** Applies a change that undo can take back; edits with the same key in quick succession are one step. */
  const change = useCallback((update, key = null) => {
    setGraph((before) => {
      const after = update(before);
      if (after === before) return before;
      history.current.record(snapshot(before), key);
      return after;
    });
    setRevision((r) => r + 1);
  }, []);

  const onNodesChange = useCallback((changes) => {
    // Start nodes refuse removal here too: React Flow honours `deletable`, this guards programmatic removals.
    const allowed = changes.filter((c) => c.type !== "remove" || nodeType(current.current.nodes.find((n) => n.id === c.id)?.type).singleton !== true);
    const structural = allowed.some((c) => c.type === "remove");
    if (structural) {
      // React Flow removes a node's edges in a separate change: both are one undo step.
      change((g) => ({ ...g, nodes: applyNodeChanges(allowed, g.nodes) }), "delete");
    } else {
      const moved = allowed.some((c) => c.type === "position" && c.dragging === false);
      setGraph((g) => ({ ...g, nodes: applyNodeChanges(allowed, g.nodes) }));
      if (moved) setRevision((r) => r + 1);
    }
  }, [change]);

  const onEdgesChange = useCallback((changes) => {
    const structural = changes.some((c) => c.type === "remove");
    if (structural) change((g) => ({ ...g, edges: applyEdgeChanges(changes, g.edges) }), "delete");
    else setGraph((g) => ({ ...g, edges: applyEdgeChanges(changes, g.edges) }));
  }, [change]);

  /** Before a drag moves nodes: the positions undo goes back to. */
  const onNodeDragStart = useCallback(() => {
    history.current.record(snapshot(current.current), null);
  }, []);

  const onConnect = useCallback(({ source, sourceHandle, target }) => {
    change((g) => ({ ...g, edges: connect(g.edges, source, sourceHandle, target) }));
  }, [change]);

  const addNode = useCallback((type, position) => {
    let created = null;
    change((g) => {
      created = newNode(type, position, g.nodes.map((n) => n.id));
      return { ...g, nodes: [...g.nodes.map((n) => ({ ...n, selected: false })), { ...created, selected: true }] };
    });
    return created;
  }, [change]);

  const updateNodeData = useCallback((id, data, key) => {
    change((g) => {
      const node = g.nodes.find((n) => n.id === id);
      if (!node) return g;
      const nodes = g.nodes.map((n) => (n.id === id ? { ...n, data } : n));
      const edges = followPorts(g.edges, id, portsOf(node.type, node.data), portsOf(node.type, data));
      return { ...g, nodes, edges };
    }, key ? `${id}:${key}` : null);
  }, [change]);

  const rename = useCallback((oldId, newId) => {
    change((g) => (g.nodes.some((n) => n.id === newId) ? g : renameNode(g, oldId, newId)), `rename:${oldId}`);
  }, [change]);

  const removeNode = useCallback((id) => {
    change((g) => {
      const node = g.nodes.find((n) => n.id === id);
      if (!node || nodeType(node.type).singleton) return g;
      return { ...g, nodes: g.nodes.filter((n) => n.id !== id), edges: g.edges.filter((e) => e.source !== id && e.target !== id) };
    });
  }, [change]);

  const duplicateNode = useCallback((id) => {
    change((g) => {
      const node = g.nodes.find((n) => n.id === id);
      if (!node || nodeType(node.type).singleton) return g;
      const copy = {
        ...node,
        id: newNodeId(node.type, g.nodes.map((n) => n.id)),
        position: { x: node.position.x + 40, y: node.position.y + 60 },
        data: structuredCloneJson(node.data),
        selected: true,
      };
      return { ...g, nodes: [...g.nodes.map((n) => ({ ...n, selected: false })), copy] };
    });
  }, [change]);

  const setMeta = useCallback((meta, key) => change((g) => ({ ...g, meta: { ...g.meta, ...meta } }), key), [change]);

  /** Replaces the whole flow (an import); undo brings the previous one back. */
  const replaceDoc = useCallback((doc) => change(() => docToGraph(doc)), [change]);

  const undo = useCallback(() => {
    const previous = history.current.undo(snapshot(current.current));
    if (previous) {
      setGraph(previous);
      setRevision((r) => r + 1);
    }
  }, []);

  const redo = useCallback(() => {
    const next = history.current.redo(snapshot(current.current));
    if (next) {
      setGraph(next);
      setRevision((r) => r + 1);
    }
  }, []);

  const selectNode = useCallback((id) => {
    setGraph((g) => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, selected: n.id === id })) }));
  }, []);

  const doc = useMemo(() => graphToDoc(graph), [graph]);

  return {
    graph, doc, revision,
    canUndo: history.current.canUndo, canRedo: history.current.canRedo,
    onNodesChange, onEdgesChange, onNodeDragStart, onConnect,
    addNode, updateNodeData, rename, removeNode, duplicateNode, setMeta, replaceDoc, undo, redo, selectNode,
  };
}
