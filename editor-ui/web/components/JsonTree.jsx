import { useState } from "react";
import { jsonPathOf } from "../lib/jsonPath.js";

/**
 * A collapsible JSON tree. With onPick, every field is a button: clicking it hands its path segments over
 * (the Send result uses that to add a response mapping).
 */
export function JsonTree({ value, onPick, marks = {}, rootLabel = null }) {
  return (
    <div className="json-tree">
      <TreeNode label={rootLabel} value={value} path={[]} onPick={onPick} marks={marks} depth={0} />
    </div>
  );
}

function TreeNode({ label, value, path, onPick, marks, depth }) {
  const [open, setOpen] = useState(depth < 3);
  const isContainer = value !== null && typeof value === "object";
  const entries = isContainer ? (Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)) : [];
  const pick = onPick && path.length > 0 ? () => onPick(path) : null;
  const mark = path.length > 0 ? marks[jsonPathOf(path)] : null;
  const tag = mark ? <span className="tree-mark" title={`Mapped to {{${mark}}}`}>→ {mark}</span> : null;
  const key = label === null ? null : (
    <button type="button" className={pick ? "tree-key pickable" : "tree-key"} onClick={pick ?? undefined}
      title={pick ? `Map ${jsonPathOf(path)} to a variable` : undefined} data-path={jsonPathOf(path)}>
      {typeof label === "number" ? `[${label}]` : label}
    </button>
  );
  if (!isContainer) {
    return (
      <div className="tree-row">
        {key}{key && <span className="tree-colon">:</span>}
        <span className={`tree-value tree-${value === null ? "null" : typeof value}`}
          onClick={pick ?? undefined} role={pick ? "button" : undefined}>{JSON.stringify(value)}</span>
        {tag}
      </div>
    );
  }
  const brackets = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <div className="tree-node">
      <div className="tree-row">
        <button type="button" className="tree-toggle" onClick={() => setOpen(!open)} aria-label={open ? "Collapse" : "Expand"}>
          {open ? "▾" : "▸"}
        </button>
        {key}{key && <span className="tree-colon">:</span>}
        <span className="tree-brace">{brackets[0]}{!open && ` ${entries.length} ${Array.isArray(value) ? "items" : "fields"} ${brackets[1]}`}</span>
        {tag}
      </div>
      {open && (
        <div className="tree-children">
          {entries.map(([k, v]) => <TreeNode key={k} label={k} value={v} path={[...path, k]} onPick={onPick} marks={marks} depth={depth + 1} />)}
          <div className="tree-row"><span className="tree-brace">{brackets[1]}</span></div>
        </div>
      )}
    </div>
  );
}
