import { StatusBadge } from "../components/StatusBadge.jsx";
import { JsonTree } from "../components/JsonTree.jsx";
import { ConsoleLog, RequestList } from "../pages/CallSections.jsx";

function show(value) {
  return value === null || value === undefined ? <span className="muted">–</span> : <code className="mono small">{JSON.stringify(value)}</code>;
}

/** What a test run did: status, the fields it changed (before → after), console output, requests, log entries. */
export function TestResult({ result }) {
  const changes = Object.entries(result.changes ?? {});
  return (
    <div className="test-result" data-testid="test-result">
      <div className="test-status">
        <StatusBadge status={result.status === "succeeded" || result.status === "ok" ? "ok" : result.status}>{result.status}</StatusBadge>
        {result.duration_ms != null && <span className="muted small">{result.duration_ms} ms</span>}
      </div>
      {result.error && <div className="callout callout-error">{result.error}</div>}
      {result.skipped && <div className="callout callout-warn">Skipped: {result.skipped}</div>}
      {(result.warnings ?? []).map((w, i) => <div key={i} className="callout callout-warn">{typeof w === "string" ? w : JSON.stringify(w)}</div>)}
      <h4>Changes</h4>
      {changes.length === 0 ? <p className="muted small">The function changed nothing.</p> : (
        <table className="table changes" data-testid="changes">
          <thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>
          <tbody>
            {changes.map(([path, change]) => (
              <tr key={path}><td className="mono strong">{path}</td><td>{show(change?.before)}</td><td>{show(change?.after)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Console</h4>
      <ConsoleLog lines={result.console} />
      <h4>Requests</h4>
      <RequestList requests={result.requests} />
      {Array.isArray(result.functions_called) && result.functions_called.length > 0 && (
        <>
          <h4>functions_called</h4>
          <JsonTree value={result.functions_called} />
        </>
      )}
    </div>
  );
}
