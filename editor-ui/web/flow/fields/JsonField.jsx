import { useEffect, useRef, useState } from "react";
import { CodeEditor } from "../../components/CodeEditor.jsx";

const pretty = (value) => (value === undefined ? "" : JSON.stringify(value, null, 2));

/**
 * A JSON value in CodeMirror. While the text does not parse, the document keeps the last valid value and the
 * field says so; `onValidity(false)` lets the page refuse to save a half-typed body.
 */
export function JsonField({ value, onChange, label, onValidity }) {
  const [text, setText] = useState(() => pretty(value));
  const [problem, setProblem] = useState(null);
  const emitted = useRef(JSON.stringify(value));

  useEffect(() => {
    const incoming = JSON.stringify(value);
    if (incoming !== emitted.current) {
      emitted.current = incoming;
      setText(pretty(value));
      setProblem(null);
    }
  }, [value]);

  const edit = (next) => {
    setText(next);
    if (!next.trim()) {
      setProblem(null);
      emitted.current = undefined;
      onValidity?.(true);
      onChange(undefined);
      return;
    }
    try {
      const parsed = JSON.parse(next);
      setProblem(null);
      emitted.current = JSON.stringify(parsed);
      onValidity?.(true);
      onChange(parsed);
    } catch (e) {
      setProblem(e.message.replace(/^JSON\.parse: /, ""));
      onValidity?.(false);
    }
  };

  return (
    <div className={problem ? "json-field invalid" : "json-field"}>
      <CodeEditor value={text} onChange={edit} label={label} placeholder={'{"summary": "{{interaction.SUMMARY}}"}'} />
      {problem && <div className="field-error">Not valid JSON yet ({problem}); the last valid value is kept.</div>}
    </div>
  );
}
