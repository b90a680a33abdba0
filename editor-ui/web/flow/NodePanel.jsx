import { useEffect, useState } from "react";
import { nodeType } from "../lib/catalogue.js";
import { errorsOfField } from "../lib/errors.js";
import { Icon } from "../components/Icon.jsx";
import { Tabs } from "../components/Tabs.jsx";
import { PropertyField, isShown } from "./fields/PropertyField.jsx";
import { SendData, SendMeta } from "./SendResult.jsx";
import { StepDetails } from "./StepDetails.jsx";

const ID_PATTERN = /^[A-Za-z_][\w\-]*$/;

/**
 * The selected node's settings, generated from its type's properties in the catalogue. API Request nodes add
 * Send with the Data and Meta tabs; after a test run, Last run shows the node's step.
 */
export function NodePanel({ node, errors, onData, onRename, onRemove, onDuplicate, step, send, onSend, onPickMapping, onValidity }) {
  const described = nodeType(node.type);
  const [tab, setTab] = useState("parameters");
  const canSend = node.type === "api_request";
  useEffect(() => {
    if (send?.result && canSend) setTab("data");
  }, [send?.result, canSend]);

  const nodeErrors = errors.filter((e) => !e.field || !described.properties.some((p) => errorsOfField([e], node.id, p.name).length));
  const tabs = [{ id: "parameters", label: "Parameters" }];
  if (canSend) tabs.push({ id: "data", label: "Data" }, { id: "meta", label: "Meta" });
  if (step) tabs.push({ id: "run", label: "Last run" });
  const setField = (name, value) => {
    const data = { ...node.data, [name]: value };
    if (value === undefined) delete data[name];
    onData(data, name);
  };

  return (
    <aside className="panel" aria-label="Node settings" data-testid="node-panel">
      <header className="panel-head" style={{ "--node-color": described.color }}>
        <span className="panel-icon"><Icon name={described.icon} size={18} /></span>
        <div className="panel-titles">
          <div className="panel-type">{described.label}</div>
          <NodeIdInput id={node.id} onRename={onRename} readOnly={described.singleton} />
        </div>
        {!described.singleton && (
          <div className="panel-actions">
            <button type="button" className="icon-button" title="Duplicate" aria-label="Duplicate node" onClick={onDuplicate}><Icon name="copy" /></button>
            <button type="button" className="icon-button danger" title="Delete (Del)" aria-label="Delete node" onClick={onRemove}><Icon name="trash" /></button>
          </div>
        )}
      </header>
      {canSend && (
        <div className="send-bar">
          <button type="button" className="button primary" onClick={onSend} disabled={send?.busy} data-testid="send">
            <Icon name="send" /> {send?.busy ? "Sending…" : "Send"}
          </button>
          <span className="muted small">Test request with the sample call</span>
          {send?.result && <span className="send-status">{send.result.meta?.status || "failed"} · {send.result.meta?.duration_ms} ms</span>}
        </div>
      )}
      <Tabs tabs={tabs} active={tab} onChange={setTab} className="panel-tabs" />
      <div className="panel-body">
        {tab === "parameters" && (
          <>
            <p className="panel-description">{described.description}</p>
            {nodeErrors.map((e, i) => <div key={i} className="callout callout-error" data-testid="node-problem">{e.error}</div>)}
            {described.properties.filter((p) => isShown(p, node.data)).map((property) => (
              <PropertyField key={`${node.id}:${property.name}`} property={property} value={node.data[property.name]}
                errors={errorsOfField(errors, node.id, property.name)} onChange={(v) => setField(property.name, v)}
                onValidity={(ok) => onValidity(`${node.id}.${property.name}`, ok)} />
            ))}
            {described.singleton && <p className="muted">Every run starts here. Connect it to the first step of the flow.</p>}
          </>
        )}
        {tab === "data" && <SendData result={send?.result} onPick={onPickMapping} mapping={node.data.response_mapping} />}
        {tab === "meta" && <SendMeta result={send?.result} />}
        {tab === "run" && <StepDetails step={step} />}
      </div>
    </aside>
  );
}

/** The node's id, which errors and traces name; renaming moves its edges along. */
function NodeIdInput({ id, onRename, readOnly }) {
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const valid = ID_PATTERN.test(text);
  const commit = () => (valid && text !== id ? onRename(text) : setText(id));
  return (
    <input className={valid ? "panel-id" : "panel-id invalid"} value={text} readOnly={readOnly} aria-label="Node id" spellCheck={false}
      title={valid ? "Node id: errors and traces name the node by it" : "Letters, digits, _ and -; not starting with a digit"}
      onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => { if (e.key === "Enter") e.currentTarget.blur(); if (e.key === "Escape") setText(id); }} />
  );
}
