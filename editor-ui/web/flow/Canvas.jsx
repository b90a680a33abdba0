import { useEffect, useMemo, useRef, useState } from "react";
import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow } from "@xyflow/react";
import { nodeType } from "../lib/catalogue.js";
import { CanvasContext } from "./CanvasContext.js";
import { NODE_TYPES } from "./FlowNodeCard.jsx";

const FIT = { padding: 0.25, maxZoom: 1 };

/**
 * The React Flow canvas with Aftercall's node cards. Editable in the flow editor; read-only (pan and zoom only)
 * on the call page, where it shows a run's trace. Once the flow has been fitted into view the canvas carries
 * `data-fitted`: until then nodes may still move, and a click aimed at one can land on the empty pane.
 */
export function Canvas({ nodes, edges, errorsByNode, trace, readOnly = false, handlers = {}, onInit, minimap = true, children }) {
  const styledEdges = useMemo(() => edges.map((edge) => {
    const followed = trace?.edges?.has(edge.id);
    const isError = edge.sourceHandle === "error";
    return {
      ...edge,
      className: [followed ? "edge-followed" : "", trace && !followed ? "edge-dimmed" : "", isError ? "edge-error-port" : ""].join(" "),
      animated: Boolean(followed),
    };
  }), [edges, trace]);
  const context = useMemo(() => ({ errorsByNode, trace, readOnly }), [errorsByNode, trace, readOnly]);
  const [fitted, setFitted] = useState(false);

  return (
    <CanvasContext.Provider value={context}>
      <ReactFlow
        nodes={nodes}
        edges={styledEdges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={2}
        defaultEdgeOptions={{ type: "default" }}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly || Boolean(handlers.onNodeClick)}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        isValidConnection={(c) => c.source !== c.target && nodeType(nodes.find((n) => n.id === c.target)?.type).hasInput !== false}
        proOptions={{ hideAttribution: true }}
        data-fitted={fitted || undefined}
        onInit={onInit}
        {...handlers}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.4} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" fitViewOptions={FIT} />
        {minimap && (
          <MiniMap position="bottom-right" pannable zoomable nodeStrokeWidth={3}
            nodeColor={(n) => nodeType(n.type).color} maskColor="rgba(241,245,249,0.7)" />
        )}
        <FitWhenMeasured onFitted={() => setFitted(true)} />
        {children}
      </ReactFlow>
    </CanvasContext.Provider>
  );
}

/** Fits the flow into view once every node has been measured (the initial fitView can run before that). */
function FitWhenMeasured({ onFitted }) {
  const measured = useNodesInitialized();
  const { fitView } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (measured && !done.current) {
      done.current = true;
      // fitView's promise settles once the viewport has moved (React Flow queues the fit for its next render).
      requestAnimationFrame(() => Promise.resolve(fitView(FIT)).then(onFitted));
    }
  }, [measured, fitView]);
  return null;
}
