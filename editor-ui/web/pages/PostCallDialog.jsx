import { useState } from "react";
import { api } from "../lib/api.js";
import { DEFAULT_SAMPLE_CALL } from "../lib/callVariables.js";
import { Modal } from "../components/Modal.jsx";
import { CodeEditor } from "../components/CodeEditor.jsx";

/** Posts a call as the voice platform would (POST /api/v1/calls): the published flows then run for it. */
export function PostCallDialog({ onClose, onPosted }) {
  const [text, setText] = useState(() => JSON.stringify({ ...DEFAULT_SAMPLE_CALL, call_id: `test-${Date.now().toString(36)}` }, null, 2));
  const [problem, setProblem] = useState(null);
  const post = async () => {
    try {
      const call = JSON.parse(text);
      const answer = await api("/calls", { method: "POST", body: call });
      onPosted(answer.call_id ?? call.call_id);
    } catch (e) {
      setProblem(e.message);
    }
  };
  return (
    <Modal title="Post a test call" onClose={onClose} wide footer={
      <>
        <span className="muted small">Runs the published flows, like a real call.</span>
        <button type="button" className="button primary" onClick={post}>Post call</button>
      </>
    }>
      <CodeEditor value={text} onChange={setText} label="Call" minHeight={340} maxHeight={460} />
      {problem && <div className="field-error">{problem}</div>}
    </Modal>
  );
}
