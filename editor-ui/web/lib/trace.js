// A run's trace (steps) laid over the canvas: which nodes ran and how, which edges were followed.
import { edgeId } from "./flowModel.js";

export function traceOverlay(steps) {
  const nodes = {};
  const edges = new Set();
  (steps ?? []).forEach((step, i) => {
    nodes[step.node] = step.error ? "error" : "ok";
    const next = steps[i + 1];
    if (next && step.port) edges.add(edgeId(step.node, step.port, next.node));
  });
  return { nodes, edges };
}

/** The last step of a node in a trace (a node runs at most once per run unless the flow loops). */
export function stepOf(steps, nodeId) {
  const mine = (steps ?? []).filter((s) => s.node === nodeId);
  return mine.length ? mine[mine.length - 1] : null;
}
