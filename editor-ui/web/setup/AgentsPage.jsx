import { useEffect, useState } from "react";
import { api } from "../lib/api.js";
import { Icon } from "../components/Icon.jsx";

/** /editor/agents: the agents that posted calls, each with its extraction fields and actions; any id can be opened. */
export function AgentsPage() {
  const [agents, setAgents] = useState(null);
  const [typed, setTyped] = useState("");
  useEffect(() => {
    api("/calls?size=500").then((page) => {
      const seen = new Map();
      for (const call of page.items ?? []) {
        if (!call.agent) continue;
        const entry = seen.get(call.agent) ?? { agent: call.agent, calls: 0, last: call.created_at };
        entry.calls += 1;
        seen.set(call.agent, entry);
      }
      setAgents([...seen.values()]);
    }).catch(() => setAgents([]));
  }, []);
  const open = (agent) => { window.location.href = `/editor/agents/${encodeURIComponent(agent)}`; };
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Agents</h1>
          <p className="muted">Per agent: the fields extracted from each call's transcript, and the actions that run on them.</p>
        </div>
        <form className="page-actions" onSubmit={(e) => { e.preventDefault(); if (typed.trim()) open(typed.trim()); }}>
          <input type="text" aria-label="Agent id" placeholder="agent id" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit" className="button primary" disabled={!typed.trim()}>Open agent</button>
        </form>
      </div>
      {agents === null ? <p className="muted">Loading…</p> : agents.length === 0 ? (
        <div className="empty card"><Icon name="phone" size={28} /><p>No calls yet, so no agents are known: type an agent id above.</p></div>
      ) : (
        <table className="table card" data-testid="agents">
          <thead><tr><th>Agent</th><th>Recent calls</th></tr></thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.agent} className="clickable" onClick={() => open(a.agent)}>
                <td><a className="mono strong" href={`/editor/agents/${encodeURIComponent(a.agent)}`}>{a.agent}</a></td>
                <td className="num">{a.calls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
