import { useEffect, useRef, useState } from "react";
import { api } from "../lib/api.js";
import { Icon } from "../components/Icon.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";
import { useToast } from "../components/Toast.jsx";
import { storeSampleCall } from "../flow/sampleCall.js";

const BLANK = (name) => ({ name, description: "", nodes: [{ id: "start", type: "start", ui: { x: 80, y: 200 } }], edges: [] });

/** /editor/: the outlet's flows, and new ones from scratch, from a template or from a JSON file. */
export function FlowsPage() {
  const toast = useToast();
  const [flows, setFlows] = useState(null);
  const [templates, setTemplates] = useState([]);
  const file = useRef(null);
  const load = () => api("/flows?size=200").then((page) => setFlows(page.items ?? []));
  useEffect(() => {
    load().catch((e) => toast(e.message, "error"));
    fetch("/editor/assets/templates.json").then((r) => (r.ok ? r.json() : [])).then(setTemplates).catch(() => {});
  }, []);

  const create = async (doc, sampleCall) => {
    try {
      const created = await api("/flows", { method: "POST", body: doc });
      if (sampleCall) storeSampleCall(created.id, sampleCall);
      window.location.href = `/editor/flows/${created.id}`;
    } catch (e) {
      toast(`Not created: ${e.message}`, "error");
    }
  };
  const uniqueName = (base) => {
    const taken = new Set((flows ?? []).map((f) => f.name));
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
  };
  const importFile = async (f) => {
    try {
      const doc = JSON.parse(await f.text());
      const created = await api("/flows/import", { method: "POST", body: doc });
      window.location.href = `/editor/flows/${created.id}`;
    } catch (e) {
      toast(`Not imported: ${e.message}`, "error");
    }
  };
  const remove = async (flow) => {
    if (!window.confirm(`Delete the flow "${flow.name}"? It stops running for new calls.`)) return;
    await api(`/flows/${flow.id}`, { method: "DELETE" });
    toast("Flow deleted", "success");
    load();
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Post-call flows</h1>
          <p className="muted">Flows run when a call ends: call APIs, set variables, branch on the outcome.</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => file.current.click()}><Icon name="upload" /> Import JSON</button>
          <input ref={file} type="file" accept=".json,application/json" hidden onChange={(e) => { const f = e.target.files[0]; e.target.value = ""; if (f) importFile(f); }} />
          <button type="button" className="button primary" data-testid="new-flow" onClick={() => create(BLANK(uniqueName("Untitled flow")))}>
            <Icon name="plus" /> New flow
          </button>
        </div>
      </div>
      {flows === null ? <p className="muted">Loading…</p> : flows.length === 0 ? (
        <div className="empty card"><Icon name="flow" size={28} /><p>No flows yet. Start from scratch or from a template below.</p></div>
      ) : (
        <table className="table card" data-testid="flows">
          <thead><tr><th>Name</th><th>Description</th><th>Status</th><th>Updated</th><th /></tr></thead>
          <tbody>
            {flows.map((f) => (
              <tr key={f.id}>
                <td><a href={`/editor/flows/${f.id}`} className="strong">{f.name}</a></td>
                <td className="muted">{f.description}</td>
                <td>{f.published_version ? <StatusBadge status="published">v{f.published_version} live</StatusBadge> : <StatusBadge status="draft">draft</StatusBadge>}</td>
                <td className="muted">{new Date(f.updated_at).toLocaleString()}</td>
                <td className="right"><button type="button" className="icon-button subtle" aria-label={`Delete ${f.name}`} onClick={() => remove(f)}><Icon name="trash" size={14} /></button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {templates.length > 0 && (
        <>
          <h2 className="section-heading">Start from a template</h2>
          <div className="template-grid">
            {templates.map((t) => (
              <button type="button" key={t.id} className="template card" onClick={() => create({ ...t.flow, name: uniqueName(t.flow.name) }, t.calls[0]?.call)}>
                <span className="template-name">{t.flow.name}</span>
                <span className="muted small">{t.flow.description}</span>
                <span className="template-meta">{t.flow.nodes.length} nodes · {t.calls.length} sample calls</span>
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
