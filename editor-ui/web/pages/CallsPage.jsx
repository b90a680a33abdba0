import { useEffect, useState } from "react";
import { api } from "../lib/api.js";
import { StatusBadge } from "../components/StatusBadge.jsx";
import { Icon } from "../components/Icon.jsx";
import { useToast } from "../components/Toast.jsx";
import { PostCallDialog } from "./PostCallDialog.jsx";
import { SINCE, sinceTimestamp, formatDuration } from "../lib/callFormat.js";

export { formatDuration };

const SIZE = 25;

/** /editor/calls: the outlet's calls, newest first, filtered by status, agent and age. */
export function CallsPage() {
  const toast = useToast();
  const [filter, setFilter] = useState({ status: "", agent: "", since: "" });
  const [page, setPage] = useState(0);
  const [result, setResult] = useState(null);
  const [posting, setPosting] = useState(false);
  const load = () => {
    const query = new URLSearchParams({ page, size: SIZE });
    if (filter.status) query.set("status", filter.status);
    if (filter.agent.trim()) query.set("agent", filter.agent.trim());
    const since = sinceTimestamp(filter.since);
    if (since) query.set("since", since);
    return api(`/calls?${query}`).then(setResult).catch((e) => toast(e.message, "error"));
  };
  useEffect(() => {
    load();
  }, [filter, page]);
  const pages = result ? Math.max(1, Math.ceil(result.total / SIZE)) : 1;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Calls</h1>
          <p className="muted">Finished calls posted by the voice platform, and what ran for each.</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={load}>Refresh</button>
          <button type="button" className="button primary" onClick={() => setPosting(true)}><Icon name="phone" /> Post a test call</button>
        </div>
      </div>
      <div className="filters card">
        <label>Status
          <select value={filter.status} onChange={(e) => { setPage(0); setFilter({ ...filter, status: e.target.value }); }}>
            <option value="">Any</option>
            {["queued", "processing", "completed", "failed"].map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        <label>Agent
          <input type="text" value={filter.agent} placeholder="agent id" onChange={(e) => { setPage(0); setFilter({ ...filter, agent: e.target.value }); }} />
        </label>
        <label>Received
          <select value={filter.since} aria-label="Received since" onChange={(e) => { setPage(0); setFilter({ ...filter, since: e.target.value }); }}>
            {SINCE.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <span className="muted small" data-testid="calls-total">{result ? `${result.total} calls` : ""}</span>
      </div>
      {result && (result.items.length === 0 ? <div className="empty card"><Icon name="phone" size={28} /><p>No calls match.</p></div> : (
        <table className="table card" data-testid="calls">
          <thead><tr><th>Call</th><th>Agent</th><th>Status</th><th>Duration</th><th>Outcome</th><th>Received</th><th>Error</th></tr></thead>
          <tbody>
            {result.items.map((c) => (
              <tr key={c.call_id} className="clickable" onClick={() => { window.location.href = `/editor/calls/${encodeURIComponent(c.call_id)}`; }}>
                <td><a className="mono strong" href={`/editor/calls/${encodeURIComponent(c.call_id)}`}>{c.call_id}</a></td>
                <td>{c.agent ?? <span className="muted">–</span>}</td>
                <td><StatusBadge status={c.status} /></td>
                <td className="num">{formatDuration(c.duration)}</td>
                <td><Outcome call={c} /></td>
                <td className="muted">{formatTime(c.created_at)}</td>
                <td className="error-text">{c.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {pages > 1 && (
        <div className="pager">
          <button type="button" className="button small" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
          <span className="muted">Page {page + 1} of {pages}</span>
          <button type="button" className="button small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Next</button>
        </div>
      )}
      {posting && <PostCallDialog onClose={() => setPosting(false)} onPosted={(id) => { window.location.href = `/editor/calls/${encodeURIComponent(id)}`; }} />}
    </div>
  );
}

/** The call's outcome: the conversion status functions set, else the posted disposition; the reason beside it. */
export function Outcome({ call }) {
  const conversion = call.conversion_status;
  const label = conversion === true ? "converted" : conversion === false ? "not converted"
    : conversion != null && conversion !== "" ? String(conversion) : call.disposition;
  if (!label && !call.disposition_reason) return <span className="muted">–</span>;
  return (
    <span className="outcome">
      {label && <StatusBadge status={conversion === true ? "ok" : conversion === false ? "draft" : "neutral"}>{label}</StatusBadge>}
      {call.disposition_reason && <span className="muted small"> {call.disposition_reason}</span>}
    </span>
  );
}

export function formatTime(value) {
  return value ? new Date(value).toLocaleString() : "–";
}
