import { useCallback, useEffect, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { api, ApiError } from "../lib/api.js";
import { FlowEditor } from "./FlowEditor.jsx";

/** /editor/flows/{id}: loads the flow (another outlet's flow is "not found") and opens the editor on it. */
export function FlowEditorPage({ flowId }) {
  const [flow, setFlow] = useState(null);
  const [failure, setFailure] = useState(null);
  const load = useCallback(() => api(`/flows/${encodeURIComponent(flowId)}`).then(setFlow), [flowId]);
  useEffect(() => {
    load().catch((e) => setFailure(e instanceof ApiError && e.status === 404 ? "not-found" : e.message));
  }, [load]);
  if (failure === "not-found") {
    return (
      <div className="page-message" data-testid="flow-not-found">
        <h1>Flow not found</h1>
        <p>There is no flow {flowId} for the outlet you are signed in as.</p>
        <a className="button" href="/editor/">All flows</a>
      </div>
    );
  }
  if (failure) return <div className="page-message"><h1>Could not load the flow</h1><p>{failure}</p></div>;
  if (!flow) return <div className="page-message muted">Loading…</div>;
  return (
    <ReactFlowProvider>
      <FlowEditor initial={flow} />
    </ReactFlowProvider>
  );
}
