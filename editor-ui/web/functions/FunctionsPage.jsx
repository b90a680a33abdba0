import { useEffect, useState } from "react";
import { api } from "../lib/api.js";
import { isMissingApi } from "../lib/apiStatus.js";
import { ApiMissing } from "../components/ApiMissing.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";
import { Icon } from "../components/Icon.jsx";
import { formatTime } from "../pages/CallsPage.jsx";

/** /editor/functions: the outlet's post-call functions in the order they run. */
export function FunctionsPage() {
  const [functions, setFunctions] = useState(null);
  const [failure, setFailure] = useState(null);
  useEffect(() => {
    api("/functions?size=200").then((page) => setFunctions(page.items ?? []))
      .catch((e) => setFailure(isMissingApi(e) ? "missing" : e.message));
  }, []);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Post-call functions</h1>
          <p className="muted">Run after every call, before flows: basic ones call an API with mapped parameters, advanced ones run your JavaScript.</p>
        </div>
        <div className="page-actions">
          {failure !== "missing" && <a className="button primary" href="/editor/functions/new"><Icon name="plus" /> New function</a>}
        </div>
      </div>
      {failure === "missing" && <ApiMissing what="Post-call functions" endpoint="/api/v1/functions" />}
      {failure && failure !== "missing" && <div className="callout callout-error">{failure}</div>}
      {functions && (functions.length === 0 ? (
        <div className="empty card"><Icon name="file" size={28} /><p>No functions yet.</p>
          <a className="button" href="/editor/functions/new">Write the first one</a></div>
      ) : (
        <table className="table card" data-testid="functions">
          <thead><tr><th>Name</th><th>Mode</th><th>Order</th><th>Agents</th><th>State</th><th>Updated</th></tr></thead>
          <tbody>
            {functions.map((f) => (
              <tr key={f.id} className="clickable" onClick={() => { window.location.href = `/editor/functions/${f.id}`; }}>
                <td><a className="mono strong" href={`/editor/functions/${f.id}`}>{f.name}</a></td>
                <td>{f.mode}</td>
                <td className="num">{f.order ?? <span className="muted">–</span>}</td>
                <td>{f.agents?.length ? f.agents.join(", ") : <span className="muted">every agent</span>}</td>
                <td><StatusBadge status={f.enabled === false ? "draft" : "ok"}>{f.enabled === false ? "disabled" : "enabled"}</StatusBadge></td>
                <td className="muted">{formatTime(f.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
