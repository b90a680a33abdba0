import { JsonTree } from "../components/JsonTree.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";

/** One step of a run's trace: input (the request as sent), output (response, variables set, port), timing. */
export function StepDetails({ step }) {
  if (!step) return <p className="muted">This node did not run.</p>;
  const request = step.request;
  return (
    <div className="step-details" data-testid={`step-${step.node}`}>
      <div className="step-facts">
        <StatusBadge status={step.error ? "error" : "ok"}>{step.error ? "failed" : "ran"}</StatusBadge>
        {step.port && <span className="fact">port <b>{step.port}</b></span>}
        <span className="fact"><b>{step.duration_ms ?? 0}</b> ms</span>
        {step.attempts != null && <span className="fact"><b>{step.attempts}</b> {step.attempts === 1 ? "attempt" : "attempts"}</span>}
      </div>
      {step.error && <div className="callout callout-error">{step.error}</div>}
      {step.warnings?.map((w, i) => <div key={i} className="callout callout-warn">{w}</div>)}
      {request && (
        <section>
          <h4>Input · request sent</h4>
          {request.method && <div className="request-line"><span className="method">{request.method}</span> <code>{request.url}</code></div>}
          <JsonTree value={request} />
        </section>
      )}
      {step.response && (
        <section>
          <h4>Output · response</h4>
          <JsonTree value={step.response} />
        </section>
      )}
      {step.updates && Object.keys(step.updates).length > 0 && (
        <section>
          <h4>Variables set</h4>
          <JsonTree value={step.updates} />
        </section>
      )}
    </div>
  );
}
