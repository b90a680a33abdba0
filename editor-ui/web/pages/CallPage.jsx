import { useCallback, useEffect, useState } from "react";
import { api, ApiError } from "../lib/api.js";
import { Tabs } from "../components/Tabs.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";
import { JsonTree } from "../components/JsonTree.jsx";
import { useToast } from "../components/Toast.jsx";
import { FlowRunView } from "./FlowRunView.jsx";
import { formatDuration, formatTime, Outcome } from "./CallsPage.jsx";
import { AnalysisTab, FunctionsTab, DeliveriesTab, None } from "./CallSections.jsx";

const FINISHED = new Set(["completed", "failed"]);

/**
 * /editor/calls/{id}: one call in tabs. Each tab reads its section of the call detail JSON (post_call,
 * functions, flow_runs, deliveries, ...); a section the detail does not hold (its stage is not installed, or
 * nothing ran) says so instead of failing.
 */
export function CallPage({ callId }) {
  const toast = useToast();
  const [call, setCall] = useState(null);
  const [failure, setFailure] = useState(null);
  const [tab, setTab] = useState(() => new URLSearchParams(window.location.search).get("tab") ?? "overview");
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let timer = null;
    let live = true;
    const load = () => api(`/calls/${encodeURIComponent(callId)}`).then((detail) => {
      if (!live) return;
      setCall(detail);
      // A call still queued or running is polled until it finishes.
      if (!FINISHED.has(detail.status)) timer = setTimeout(load, 1000);
    }).catch((e) => live && setFailure(e instanceof ApiError && e.status === 404 ? "This call does not exist for your outlet." : e.message));
    load();
    return () => { live = false; clearTimeout(timer); };
  }, [callId, reloads]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const retry = async () => {
    try {
      await api(`/calls/${encodeURIComponent(callId)}/retry`, { method: "POST" });
      toast("The call is queued again", "success");
      reload();
    } catch (e) {
      toast(`Not retried: ${e.message}`, "error");
    }
  };
  if (failure) return <div className="page-message"><h1>Call not found</h1><p>{failure}</p><a className="button" href="/editor/calls">All calls</a></div>;
  if (!call) return <div className="page-message muted">Loading…</div>;
  const doc = call.call ?? {};
  const runs = call.flow_runs ?? [];
  const selectTab = (id) => {
    setTab(id);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", id);
    window.history.replaceState(null, "", url.pathname + url.search);
  };
  const tabs = [
    { id: "overview", label: "Overview" },
    { id: "transcript", label: "Transcript", count: Array.isArray(doc.transcript) ? doc.transcript.length : null },
    { id: "analysis", label: "AI Analysis" },
    { id: "functions", label: "Functions", count: Array.isArray(call.functions) ? call.functions.length : null },
    { id: "flows", label: "Flow runs", count: runs.length },
    { id: "deliveries", label: "Deliveries & actions", count: Array.isArray(call.deliveries) ? call.deliveries.length : null },
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
            <span><span className="muted">Duration</span> {formatDuration(doc.call_duration)}</span>
            <span><span className="muted">Outcome</span> <Outcome call={{ ...call, disposition: doc.disposition }} /></span>
            <span><span className="muted">Received</span> {formatTime(call.created_at)}</span>
          </div>
          {call.error && <div className="callout callout-error">{call.error}</div>}
        </div>
        <div className="page-actions">
          {call.status === "failed" && <button type="button" className="button" onClick={retry}>Retry</button>}
          <button type="button" className="button" onClick={reload}>Refresh</button>
        </div>
      </div>
      <Tabs tabs={tabs} active={tab} onChange={selectTab} />
      <div className="tab-body" data-testid={`tab-${tab}`}>
        {tab === "overview" && <Overview call={call} doc={doc} />}
        {tab === "transcript" && <Transcript transcript={doc.transcript} />}
        {tab === "analysis" && <AnalysisTab call={call} />}
        {tab === "functions" && <FunctionsTab call={call} />}
        {tab === "flows" && (runs.length === 0
          ? <None text={FINISHED.has(call.status) ? "No flow ran for this call: no published flow applied to it." : "The call is still being processed…"} />
          : runs.map((run, i) => <FlowRunView key={i} run={run} />))}
        {tab === "deliveries" && <DeliveriesTab call={call} onChanged={reload} />}
        {tab === "call" && <div className="card padded"><JsonTree value={doc} /></div>}
      </div>
    </div>
  );
}

function Overview({ call, doc }) {
  const facts = [
    ["Status", <StatusBadge status={call.status} />],
    ["Agent", call.agent],
    ["Duration", formatDuration(doc.call_duration)],
    ["Hang-up reason", doc.hangup_reason],
    ["Disposition", doc.disposition],
    ["Conversion status", call.conversion_status == null ? null : String(call.conversion_status)],
    ["Disposition reason", call.disposition_reason],
    ["Next call scheduled", call.next_call_scheduled == null ? null : String(call.next_call_scheduled)],
    ["User phone", doc.user_phone_number],
    ["Agent phone", doc.agent_phone_number],
    ["Recording", doc.recordingUrl ? <a href={doc.recordingUrl} target="_blank" rel="noreferrer">{doc.recordingUrl}</a> : null],
    ["Received", formatTime(call.created_at)],
    ["Completed", formatTime(call.completed_at)],
    ["Processing attempts", call.attempts],
  ];
  const metadata = doc.call_metadata;
  return (
    <div className="grid-2">
      <div className="card padded">
        <h3>Call</h3>
        <dl className="facts" data-testid="overview-facts">
          {facts.map(([label, value]) => (
            <div key={label} className="fact"><dt>{label}</dt><dd>{value ?? <span className="muted">–</span>}</dd></div>
          ))}
        </dl>
      </div>
      <div className="card padded">
        <h3>Summary</h3>
        <p>{doc.summary ?? <span className="muted">No summary was posted.</span>}</p>
        <h3>Call metadata</h3>
        {metadata && Object.keys(metadata).length ? <JsonTree value={metadata} /> : <p className="muted">None.</p>}
      </div>
    </div>
  );
}

function Transcript({ transcript }) {
  if (transcript == null || transcript === "" || (Array.isArray(transcript) && transcript.length === 0)) {
    return <None text="No transcript was posted with this call." />;
  }
  if (!Array.isArray(transcript)) {
    return <div className="card padded"><pre className="transcript-text">{String(transcript)}</pre></div>;
  }
  return (
    <ol className="transcript card padded" data-testid="transcript">
      {transcript.map((turn, i) => (
        <li key={i} className={`turn turn-${String(turn.role ?? "").toLowerCase()}`}>
          <span className="turn-role">{turn.role}</span>
          <span className="turn-content">{turn.content}</span>
        </li>
      ))}
    </ol>
  );
}
