import { memo, useContext, useEffect } from "react";
import { Handle, Position, useUpdateNodeInternals } from "@xyflow/react";
import { nodeType, portsOf, operator } from "../lib/catalogue.js";
import { Icon } from "../components/Icon.jsx";
import { CanvasContext } from "./CanvasContext.js";

/** A line under the node's name that says what it does, e.g. "POST https://helpdesk..." */
function summary(type, data) {
  switch (type) {
    case "start":
      return "When the call has ended";
    case "api_request":
      return data.url ? `${data.method ?? "GET"} ${data.url}` : "No URL yet";
    case "set_variable": {
      const names = Object.keys(data.assignments ?? {});
      return names.length ? `Sets ${names.join(", ")}` : "No assignments yet";
    }
    case "decision": {
      const first = data.branches?.[0]?.conditions?.[0];
      if (!first) return "No conditions yet";
      const op = operator(first.operator);
      const right = op?.unary ? "" : ` ${typeof first.right === "string" ? `"${first.right}"` : JSON.stringify(first.right)}`;
      return `${first.left || "?"} ${first.operator}${right}`;
    }
    default:
      return "";
  }
}

function FlowNodeCardImpl({ id, type, data, selected }) {
  const described = nodeType(type);
  const { errorsByNode, trace, readOnly } = useContext(CanvasContext);
  const errors = errorsByNode?.[id] ?? [];
  const ran = trace?.nodes?.[id];
  const ports = portsOf(type, data);
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = ports.join("|");
  // React Flow measures handles once; a branch added or renamed needs measuring again before edges can use it.
  useEffect(() => updateNodeInternals(id), [id, portKey, updateNodeInternals]);
  const classes = ["flow-node", `flow-node-${type}`];
  if (selected) classes.push("selected");
  if (errors.length) classes.push("has-errors");
  if (ran) classes.push(`ran-${ran}`);
  else if (trace) classes.push("not-ran");
  return (
    <div className={classes.join(" ")} style={{ "--node-color": described.color }} data-node-id={id} data-testid={`node-${id}`}>
      {described.hasInput && <Handle type="target" position={Position.Left} id="in" className="handle-in" isConnectable={!readOnly} />}
      <div className="flow-node-icon"><Icon name={described.icon} size={20} /></div>
      <div className="flow-node-body">
        <div className="flow-node-type">{described.label}</div>
        <div className="flow-node-title">{id}</div>
        <div className="flow-node-summary" title={summary(type, data)}>{summary(type, data)}</div>
      </div>
      {errors.length > 0 && (
        <div className="flow-node-error" title={errors.map((e) => e.error).join("\n")} data-testid={`node-error-${id}`}>
          <Icon name="alert" size={12} /> {errors.length === 1 ? errors[0].error : `${errors.length} problems`}
        </div>
      )}
      {ran && <div className={`flow-node-ran ran-${ran}`}><Icon name={ran === "error" ? "x" : "check"} size={12} /></div>}
      <div className="flow-node-ports">
        {ports.map((port) => (
          <div key={port} className={`flow-node-port port-${port}`}>
            {ports.length > 1 && <span className="port-label">{port}</span>}
            <Handle type="source" position={Position.Right} id={port} className={`handle-out handle-${port}`}
              isConnectable={!readOnly} data-port={port} />
          </div>
        ))}
      </div>
    </div>
  );
}

export const FlowNodeCard = memo(FlowNodeCardImpl);

export const NODE_TYPES = { start: FlowNodeCard, api_request: FlowNodeCard, set_variable: FlowNodeCard, decision: FlowNodeCard };
