import { useEffect, useState } from "react";
import { api } from "../lib/api.js";
import { Modal } from "../components/Modal.jsx";
import { CodeEditor } from "../components/CodeEditor.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";

/** Test run: an editable sample call, or one of the outlet's recent calls, run through the saved draft. */
export function TestRunDialog({ sampleCall, onClose, onRun, busy }) {
  const [text, setText] = useState(() => JSON.stringify(sampleCall, null, 2));
  const [recent, setRecent] = useState(null);
  const [problem, setProblem] = useState(null);
  useEffect(() => {
    api("/calls?size=8").then((page) => setRecent(page.items ?? [])).catch(() => setRecent([]));
  }, []);
  const pick = async (callId) => {
    const detail = await api(`/calls/${encodeURIComponent(callId)}`);
    setText(JSON.stringify(detail.call, null, 2));
  };
  const run = () => {
    try {
      onRun(JSON.parse(text));
    } catch (e) {
      setProblem(`The sample call is not valid JSON: ${e.message}`);
    }
  };
  return (
    <Modal title="Test run" onClose={onClose} wide footer={
      <>
        <span className="muted small">Saves the draft, then runs it. Requests are really sent; nothing is stored.</span>
        <button type="button" className="button primary" onClick={run} disabled={busy} data-testid="run-test">{busy ? "Running…" : "Run"}</button>
      </>
    }>
      <div className="test-run">
        <div className="test-run-call">
          <h4>Sample call</h4>
          <CodeEditor value={text} onChange={setText} label="Sample call" minHeight={320} maxHeight={420} />
          {problem && <div className="field-error">{problem}</div>}
        </div>
        <div className="test-run-recent">
          <h4>Recent calls</h4>
          {recent === null ? <p className="muted">Loading…</p> : recent.length === 0 ? <p className="muted">No calls yet.</p> : (
            <ul className="recent-calls">
              {recent.map((c) => (
                <li key={c.call_id}>
                  <button type="button" className="recent-call" onClick={() => pick(c.call_id)}>
                    <span className="mono">{c.call_id}</span>
                    <span className="muted small">{c.agent ?? "no agent"} · {new Date(c.created_at).toLocaleString()}</span>
                    <StatusBadge status={c.status} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Modal>
  );
}
