import { useEffect, useState } from "react";
import { api, ApiError } from "../lib/api.js";
import { Tabs } from "../components/Tabs.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";
import { JsonTree } from "../components/JsonTree.jsx";
import { FlowRunView } from "./FlowRunView.jsx";
import { formatTime } from "./CallsPage.jsx";

const FINISHED = new Set(["completed", "failed"]);

/** /editor/calls/{id}: one call, what was extracted, and the trace of every flow that ran for it. */
export function CallPage({ callId }) {
  const [call, setCall] = useState(null);
  const [failure, setFailure] = useState(null);
  const [tab, setTab] = useState("flows");
  useEffect(() => {
    let timer = null;
    const load = () => api(`/calls/${encodeURIComponent(callId)}`).then((detail) => {
      setCall(detail);
      // A call still queued or running is polled until it finishes.
      if (!FINISHED.has(detail.status)) timer = setTimeout(load, 1000);
    }).catch((e) => setFailure(e instanceof ApiError && e.status === 404 ? "This call does not exist for your outlet." : e.message));
    load();
    return () => clearTimeout(timer);
  }, [callId]);
  if (failure) return <div className="page-message"><h1>Call not found</h1><p>{failure}</p><a className="button" href="/editor/calls">All calls</a></div>;
  if (!call) return <div className="page-message muted">Loading…</div>;
  const doc = call.call ?? {};
  const runs = call.flow_runs ?? [];
  const tabs = [
    { id: "analysis", label: "AI Analysis" },
    { id: "functions", label: "Functions" },
    { id: "flows", label: "Flows", count: runs.length },
    { id: "deliveries", label: "Deliveries" },
    { id: "call", label: "Call data" },
  ];
  return (
    <div className="page" data-testid="call-page">
      <div className="page-head">
        <div>
          <a href="/editor/calls" className="crumb">Calls</a>
          <h1 className="mono">{call.call_id} <StatusBadge status={call.status} /></h1>
          <div className="call-facts">
            <span><span className="muted">Agent</span> {call.agent ?? "–"}</span>
            <span><span className="muted">Duration</span> {doc.call_duration != null ? `${doc.call_duration} s` : "–"}</span>
            <span><span className="muted">Disposition</span> {doc.disposition ?? "–"}</span>
            <span><span className="muted">Hang-up</span> {doc.hangup_reason ?? "–"}</span>
            <span><span className="muted">Received</span> {formatTime(call.created_at)}</span>
            <span><span className="muted">Completed</span> {formatTime(call.completed_at)}</span>
          </div>
          {call.error && <div className="callout callout-error">{call.error}</div>}
        </div>
      </div>
      <Tabs tabs={tabs} active={tab} onChange={setTab} />
      <div className="tab-body">
        {tab === "analysis" && <Analysis call={call} />}
        {tab === "functions" && <Placeholder text="Post-call functions will show each run's log and the changes it made here." />}
        {tab === "flows" && (runs.length === 0
          ? <Placeholder text={FINISHED.has(call.status) ? "No published flow applied to this call." : "The call is still being processed…"} />
          : runs.map((run, i) => <FlowRunView key={i} run={run} />))}
        {tab === "deliveries" && <Placeholder text="Deliveries to destinations (attempts, resend) will show here." />}
        {tab === "call" && <div className="card padded"><JsonTree value={doc} /></div>}
      </div>
    </div>
  );
}

function Analysis({ call }) {
  const postCall = call.call?.post_call;
  const results = call.results ?? {};
  return (
    <div className="grid-2">
      <div className="card padded">
        <h3>Summary</h3>
        <p>{call.call?.summary ?? <span className="muted">No summary was posted.</span>}</p>
        <h3>Analysis posted with the call</h3>
        {postCall && Object.keys(postCall).length ? <JsonTree value={postCall} /> : <p className="muted">None.</p>}
      </div>
      <div className="card padded">
        <h3>Results</h3>
        {Object.keys(results).length ? <JsonTree value={results} /> : <p className="muted">Extraction of typed fields from the transcript will show here, with source and reason.</p>}
      </div>
    </div>
  );
}

function Placeholder({ text }) {
  return <div className="empty card"><p>{text}</p></div>;
}
