import { useEffect } from "react";

const typing = (target) => target.closest?.("input, textarea, select, .cm-editor");

/** Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+S save. Fields keep their own undo. */
export function useEditorKeys({ undo, redo, save }) {
  useEffect(() => {
    const onKey = (e) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      if (key === "s") {
        e.preventDefault();
        save();
      } else if (!typing(e.target) && key === "z") {
        e.preventDefault();
        (e.shiftKey ? redo : undo)();
      } else if (!typing(e.target) && key === "y") {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo, save]);
}
