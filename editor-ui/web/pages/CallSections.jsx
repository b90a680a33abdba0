import { useState } from "react";
import { api } from "../lib/api.js";
import { StatusBadge } from "../components/StatusBadge.jsx";
import { JsonTree } from "../components/JsonTree.jsx";
import { useToast } from "../components/Toast.jsx";
import { fieldInfo } from "../lib/callFormat.js";

/** A tab's "nothing here" card. */
export function None({ text }) {
  return <div className="empty card" data-testid="none"><p>{text}</p></div>;
}

function show(value) {
  if (value === null || value === undefined) return <span className="muted">–</span>;
  return typeof value === "object" ? <code className="mono small">{JSON.stringify(value)}</code> : String(value);
}

/** Extracted fields (post_call as processing left it) with the source and reason extraction gave for each. */
export function AnalysisTab({ call }) {
  const postCall = call.post_call ?? call.call?.post_call ?? null;
  const details = call.post_call_detail ?? {};
  const analysis = call.results?.ai_analysis ?? call.ai_analysis ?? null;
  const names = new Set([...Object.keys(postCall ?? {}), ...(Array.isArray(analysis?.fields) ? analysis.fields.map((f) => f?.name).filter(Boolean) : [])]);
  if (!names.size && !analysis) return <None text="No AI analysis for this call: no extraction fields are configured for its agent, or extraction has not run." />;
  return (
    <>
      {names.size > 0 && (
        <table className="table card" data-testid="analysis-fields">
          <thead><tr><th>Field</th><th>Value</th><th>Source</th><th>Reason</th></tr></thead>
          <tbody>
            {[...names].map((name) => {
              const info = fieldInfo(analysis, name);
              const detail = details[name];
              return (
                <tr key={name}>
                  <td className="mono strong">{name}</td>
                  <td>{show(postCall?.[name] !== undefined ? postCall[name] : info?.value)}</td>
                  <td>{info?.source ?? <span className="muted">{postCall && name in postCall && !info ? "posted with the call" : "–"}</span>}</td>
                  <td className="small">{info?.reason ?? detail?.comment ?? <span className="muted">–</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {analysis && <div className="card padded"><h3>Extraction record</h3><JsonTree value={analysis} /></div>}
    </>
  );
}

/** Each post-call function's run (status, log, requests, warnings) and the functions_called log they wrote. */
export function FunctionsTab({ call }) {
  const runs = call.functions;
  const called = call.functions_called;
  if (!Array.isArray(runs) && !(Array.isArray(called) && called.length)) {
    return <None text="No function runs are recorded for this call (this server does not run post-call functions, or none applied)." />;
  }
  return (
    <>
      {Array.isArray(runs) && runs.length === 0 && <None text="No post-call function ran for this call." />}
      {(runs ?? []).map((run, i) => (
        <section key={i} className="card function-run" data-testid={`function-run-${run.name}`}>
          <header className="run-head">
            <h3>{run.name} <span className="muted small">{run.mode}</span></h3>
            <StatusBadge status={run.status} />
            {run.duration_ms != null && <span className="muted small">{run.duration_ms} ms</span>}
            {run.function_id != null && <a className="button small ghost" href={`/editor/functions/${run.function_id}`}>Open function</a>}
          </header>
          <div className="padded">
            {run.error && <div className="callout callout-error">{run.error}</div>}
            {(run.warnings ?? []).map((w, j) => <div key={j} className="callout callout-warn">{typeof w === "string" ? w : JSON.stringify(w)}</div>)}
            <ConsoleLog lines={run.console} />
            <RequestList requests={run.requests} />
          </div>
        </section>
      ))}
      {Array.isArray(called) && called.length > 0 && (
        <div className="card padded">
          <h3>functions_called</h3>
          <JsonTree value={called} />
        </div>
      )}
    </>
  );
}

/** Console output of a function: strings, or {level, message} lines. */
export function ConsoleLog({ lines }) {
  if (!Array.isArray(lines) || lines.length === 0) return <p className="muted small">No console output.</p>;
  return (
    <pre className="console" data-testid="console">
      {lines.map((line, i) => {
        const level = typeof line === "object" && line ? line.level ?? "log" : "log";
        const text = typeof line === "object" && line ? line.message ?? line.text ?? JSON.stringify(line) : String(line);
        return <div key={i} className={`console-${level}`}>{level !== "log" ? `[${level}] ` : ""}{text}</div>;
      })}
    </pre>
  );
}

/** Outbound requests a function made: method, URL, status, duration; open one for headers and bodies. */
export function RequestList({ requests }) {
  if (!Array.isArray(requests) || requests.length === 0) return <p className="muted small">No requests.</p>;
  return (
    <ul className="requests" data-testid="requests">
      {requests.map((r, i) => (
        <li key={i}>
          <details>
            <summary>
              <span className="mono strong">{r.method}</span> <span className="mono">{r.url}</span>{" "}
              <StatusBadge status={r.error || (r.status ?? 0) >= 400 ? "failed" : "ok"}>{r.status ?? r.error ?? "no answer"}</StatusBadge>
              {r.duration_ms != null && <span className="muted small"> {r.duration_ms} ms</span>}
            </summary>
            <JsonTree value={r} />
          </details>
        </li>
      ))}
    </ul>
  );
}

/** Durable deliveries (destinations, webhooks, actions) with their attempts and a resend button, then the actions record. */
export function DeliveriesTab({ call, onChanged }) {
  const deliveries = call.deliveries;
  const actions = call.results?.actions ?? call.actions ?? null;
  return (
    <>
      {!Array.isArray(deliveries)
        ? <None text="No deliveries are recorded for this call (this server does not record deliveries)." />
        : deliveries.length === 0
          ? <None text="Nothing was delivered for this call: no destination or action applied." />
          : (
            <table className="table card" data-testid="deliveries">
              <thead><tr><th>Purpose</th><th>Request</th><th>Status</th><th>Attempts</th><th>Last answer</th><th /></tr></thead>
              <tbody>{deliveries.map((d) => <DeliveryRow key={d.id} delivery={d} onChanged={onChanged} />)}</tbody>
            </table>
          )}
      {call.results?.destinations && (
        <div className="card padded" data-testid="destination-decisions"><h3>Destinations</h3><JsonTree value={call.results.destinations} /></div>
      )}
      {actions
        ? <div className="card padded" data-testid="actions"><h3>Actions</h3><JsonTree value={actions} /></div>
        : <None text="No actions record for this call." />}
    </>
  );
}

function DeliveryRow({ delivery, onChanged }) {
  const toast = useToast();
  const [detail, setDetail] = useState(null);
  const toggle = async () => {
    if (detail) return setDetail(null);
    try {
      setDetail(await api(`/deliveries/${delivery.id}`));
    } catch (e) {
      toast(`Attempts not loaded: ${e.message}`, "error");
    }
  };
  const resend = async () => {
    try {
      await api(`/deliveries/${delivery.id}/resend`, { method: "POST" });
      toast("Queued to send again", "success");
      onChanged();
    } catch (e) {
      toast(`Not resent: ${e.message}`, "error");
    }
  };
  return (
    <>
      <tr>
        <td><span className="strong">{delivery.purpose}</span> <span className="muted small">{delivery.reference}</span></td>
        <td className="mono small">{delivery.method} {delivery.url}</td>
        <td><StatusBadge status={delivery.status} /></td>
        <td className="num">{delivery.attempts}</td>
        <td className="small">{delivery.last_status ?? ""} {delivery.last_error ? <span className="error-text">{delivery.last_error}</span> : null}</td>
        <td className="row-actions">
          <button type="button" className="button small" onClick={toggle}>{detail ? "Hide" : "Attempts"}</button>
          <button type="button" className="button small" onClick={resend}>Resend</button>
        </td>
      </tr>
      {detail && (
        <tr><td colSpan={6}><JsonTree value={{ request: detail.request, attempts: detail.attempt_log }} /></td></tr>
      )}
    </>
  );
}
