import { useEffect, useRef } from "react";
import { minimalSetup } from "codemirror";
import { EditorState, Compartment } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, placeholder as placeholderText } from "@codemirror/view";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { json } from "@codemirror/lang-json";
import { javascript } from "@codemirror/lang-javascript";
import { filterVariables, openPlaceholder } from "../lib/variables.js";
import { useVariables } from "./VariablesContext.js";

const theme = EditorView.theme({
  "&": { fontSize: "12.5px", backgroundColor: "#fff" },
  ".cm-content": { fontFamily: "var(--mono)", padding: "6px 0" },
  ".cm-gutters": { backgroundColor: "#f8fafc", color: "#94a3b8", border: "none", borderRight: "1px solid #e2e8f0" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { overflow: "auto" },
});

/**
 * CodeMirror 6 for JSON and JavaScript fields. Typing {{ offers the variables of the node being edited.
 * `value` is the text; onChange(text) is called on every edit.
 */
export function CodeEditor({ value, onChange, language = "json", readOnly = false, minHeight = 90, maxHeight = 320, label, placeholder }) {
  const host = useRef(null);
  const view = useRef(null);
  const latest = useRef({ onChange, variables: [] });
  const variables = useVariables();
  latest.current = { onChange, variables };
  const editable = useRef(new Compartment());

  useEffect(() => {
    const completeVariables = (context) => {
      const line = context.state.doc.lineAt(context.pos);
      const before = line.text.slice(0, context.pos - line.from);
      const partial = openPlaceholder(before);
      if (partial === null) return null;
      return {
        from: context.pos - partial.length,
        options: filterVariables(latest.current.variables, partial).map((v) => ({
          label: v.name, detail: v.detail, type: "variable",
          apply: v.name.endsWith(".") ? v.name : `${v.name}}}`,
        })),
        validFor: /^[\w.\-]*$/,
      };
    };
    const state = EditorState.create({
      doc: value ?? "",
      extensions: [
        minimalSetup,
        lineNumbers(),
        bracketMatching(),
        indentOnInput(),
        language === "javascript" ? javascript() : json(),
        autocompletion({ override: [completeVariables], activateOnTyping: true, icons: false }),
        keymap.of(completionKeymap),
        theme,
        EditorView.lineWrapping,
        placeholder ? placeholderText(placeholder) : [],
        editable.current.of([EditorView.editable.of(!readOnly), EditorState.readOnly.of(readOnly)]),
        EditorView.contentAttributes.of({ "aria-label": label ?? "code" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange?.(update.state.doc.toString());
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current });
    return () => view.current.destroy();
    // The editor is created once; value changes from outside are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language]);

  useEffect(() => {
    const current = view.current.state.doc.toString();
    if (value != null && value !== current) {
      view.current.dispatch({ changes: { from: 0, to: current.length, insert: value } });
    }
  }, [value]);

  return <div className="code-editor" ref={host} style={{ minHeight, maxHeight }} />;
}
