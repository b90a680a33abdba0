import { where } from "../lib/functionModel.js";

/** The server's problems with a function: message, the field it names, and line and column for code. */
export function ProblemList({ problems }) {
  if (!problems.length) return <div className="callout callout-ok" data-testid="problems">No problems.</div>;
  return (
    <ul className="problems" data-testid="problems">
      {problems.map((p, i) => (
        <li key={i} className="callout callout-error">
          {where(p) && <span className="mono strong">{where(p)}: </span>}
          {p.message ?? p.error}
          {p.field && p.field !== "code" && <span className="muted small"> ({p.field})</span>}
        </li>
      ))}
    </ul>
  );
}
