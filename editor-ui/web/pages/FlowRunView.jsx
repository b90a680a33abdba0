import { useEffect, useMemo, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { api } from "../lib/api.js";
import { docToGraph } from "../lib/flowModel.js";
import { traceOverlay } from "../lib/trace.js";
import { Canvas } from "../flow/Canvas.jsx";
import { StepDetails } from "../flow/StepDetails.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";

/** One flow run of a call: the version that ran, on a read-only canvas with the path taken, and every step. */
export function FlowRunView({ run }) {
  const [doc, setDoc] = useState(null);
  const [selected, setSelected] = useState(null);
  useEffect(() => {
    api(`/flows/${run.flow_id}/export?version=${run.version}`).then(setDoc).catch(() => setDoc(false));
  }, [run.flow_id, run.version]);
  const graph = useMemo(() => (doc ? docToGraph(doc) : null), [doc]);
  const overlay = useMemo(() => traceOverlay(run.steps), [run.steps]);
  const nodes = useMemo(() => graph?.nodes.map((n) => ({ ...n, selected: n.id === selected, draggable: false })) ?? [], [graph, selected]);
  const steps = run.steps ?? [];
  return (
    <section className="run card" data-testid={`run-${run.flow_id}`}>
      <header className="run-head">
        <h3>{run.flow_name ?? `Flow ${run.flow_id}`} <span className="muted">v{run.version}</span></h3>
        <StatusBadge status={run.status} />
        {run.error && <span className="error-text">{run.error}</span>}
        <a className="button small ghost" href={`/editor/flows/${run.flow_id}`}>Open flow</a>
      </header>
      <div className="run-body">
        <div className="run-canvas">
          {graph ? (
            <ReactFlowProvider>
              <Canvas nodes={nodes} edges={graph.edges} trace={overlay} readOnly minimap={false}
                handlers={{ onNodeClick: (_, node) => setSelected(node.id) }} />
            </ReactFlowProvider>
          ) : <p className="muted padded">{doc === false ? "The flow version could not be loaded." : "Loading…"}</p>}
        </div>
        <ol className="run-steps">
          {steps.map((step) => (
            <li key={step.index} className={step.node === selected ? "open" : ""}>
              <button type="button" className="run-step" onClick={() => setSelected(step.node === selected ? null : step.node)}>
                <span className={`dot ${step.error ? "bad" : "good"}`} />
                <span className="strong">{step.node}</span>
                <span className="muted small">{step.type}{step.port ? ` → ${step.port}` : ""}</span>
                <span className="muted small right">{step.duration_ms} ms</span>
              </button>
              {step.node === selected && <StepDetails step={step} />}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
