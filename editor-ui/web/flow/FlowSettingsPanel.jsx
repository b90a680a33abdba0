import { errorsOf, fieldMatches } from "../lib/errors.js";
import { Icon } from "../components/Icon.jsx";

/** Shown while no node is selected: the flow's name, description and agents, and every problem in the flow. */
export function FlowSettingsPanel({ meta, onMeta, errors, onSelectNode, flow }) {
  const flowErrors = errorsOf(errors, null);
  const errorFor = (name) => flowErrors.filter((e) => fieldMatches(e.field, name));
  const agents = (meta.agents ?? []).join(", ");
  return (
    <aside className="panel" aria-label="Flow settings" data-testid="flow-panel">
      <header className="panel-head" style={{ "--node-color": "#4f46e5" }}>
        <span className="panel-icon"><Icon name="flow" size={18} /></span>
        <div className="panel-titles">
          <div className="panel-type">Post-call flow</div>
          <div className="panel-name">{meta.name || "Untitled flow"}</div>
        </div>
      </header>
      <div className="panel-body">
        <div className="field">
          <label className="field-label" htmlFor="flow-name">Name<span className="required">*</span></label>
          <input id="flow-name" type="text" value={meta.name ?? ""} className={errorFor("name").length ? "invalid" : ""}
            onChange={(e) => onMeta({ name: e.target.value }, "name")} />
          {errorFor("name").map((e, i) => <div key={i} className="field-error">{e.error}</div>)}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="flow-description">Description</label>
          <textarea id="flow-description" rows={2} value={meta.description ?? ""}
            onChange={(e) => onMeta({ description: e.target.value }, "description")} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="flow-agents">Agents</label>
          <input id="flow-agents" type="text" value={agents} placeholder="All agents"
            onChange={(e) => onMeta({ agents: e.target.value.split(",").map((a) => a.trim()).filter(Boolean) }, "agents")} />
          <div className="field-help">Comma-separated agent ids; leave empty to run for every call of the outlet.</div>
        </div>
        <div className="status-lines">
          <div><span className="muted">Published version</span> <b>{flow?.published_version ?? "none yet"}</b></div>
        </div>
        <h4 className="section-title">Problems {errors.length > 0 && <span className="count-pill">{errors.length}</span>}</h4>
        {errors.length === 0 ? <p className="muted"><Icon name="check" size={14} /> The flow is valid.</p> : (
          <ul className="problems" data-testid="problems">
            {errors.map((e, i) => (
              <li key={i}>
                {e.node ? <button type="button" className="link-button" onClick={() => onSelectNode(e.node)}>{e.node}</button> : <b>flow</b>}
                {e.field && <code>{e.field}</code>} {e.error}
              </li>
            ))}
          </ul>
        )}
        <h4 className="section-title">How it works</h4>
        <ol className="hints">
          <li>Drag nodes from the left onto the canvas and connect their outputs, starting from <b>Start</b>.</li>
          <li>Select a node to configure it. Type <code>{"{{"}</code> in a field for the call's variables.</li>
          <li><b>Send</b> tests an API Request; <b>Test run</b> runs the whole flow on a sample call.</li>
          <li><b>Save</b> keeps the draft; <b>Publish</b> makes it run for every new call.</li>
        </ol>
      </div>
    </aside>
  );
}
