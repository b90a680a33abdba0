import { JsonTree } from "../components/JsonTree.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";

/** The Data tab: the response body as a tree; a click on a field maps it to a variable. */
export function SendData({ result, onPick, mapping }) {
  if (!result) return <EmptySend />;
  return (
    <div className="send-data" data-testid="send-data">
      {result.error && <div className="callout callout-error">{result.error}</div>}
      {result.warnings?.map((w, i) => <div key={i} className="callout callout-warn">{w}</div>)}
      {result.data === null || result.data === undefined ? <p className="muted">The response had no body.</p> : (
        <>
          <p className="muted small">Click a field to store it in a variable (response mapping).</p>
          <JsonTree value={result.data} onPick={onPick} marks={Object.fromEntries(Object.entries(mapping ?? {}).map(([name, path]) => [path, name]))} />
        </>
      )}
      {result.mapped && Object.keys(result.mapped).length > 0 && (
        <section>
          <h4>Mapped variables</h4>
          <JsonTree value={result.mapped} />
        </section>
      )}
    </div>
  );
}

/** The Meta tab: status, duration, size and headers of the response, and the request as sent. */
export function SendMeta({ result }) {
  if (!result) return <EmptySend />;
  const meta = result.meta ?? {};
  return (
    <div className="send-meta" data-testid="send-meta">
      <dl className="facts">
        <dt>Status</dt><dd><StatusBadge status={meta.status >= 200 && meta.status < 400 ? "ok" : "error"}>{meta.status || "no answer"}</StatusBadge></dd>
        <dt>Duration</dt><dd>{meta.duration_ms} ms</dd>
        <dt>Size</dt><dd>{formatBytes(meta.size_bytes)}</dd>
      </dl>
      <h4>Response headers</h4>
      <table className="headers-table">
        <tbody>
          {Object.entries(meta.headers ?? {}).map(([name, value]) => (
            <tr key={name}><th>{name}</th><td>{value}</td></tr>
          ))}
        </tbody>
      </table>
      {result.request && (
        <>
          <h4>Request sent</h4>
          <JsonTree value={result.request} />
        </>
      )}
    </div>
  );
}

function EmptySend() {
  return <p className="muted">Press <b>Send</b> to call the API with the sample call's variables and see the response here.</p>;
}

export function formatBytes(bytes) {
  if (bytes == null) return "–";
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
