import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError } from "../lib/api.js";
import { callToRoots } from "../lib/callVariables.js";
import { addMapping } from "../lib/jsonPath.js";
import { stepOf, traceOverlay } from "../lib/trace.js";
import { variablesAt } from "../lib/variables.js";
import { useToast } from "../components/Toast.jsx";
import { VariablesContext } from "../components/VariablesContext.js";
import { Canvas } from "./Canvas.jsx";
import { Palette, DRAG_TYPE } from "./Palette.jsx";
import { Toolbar } from "./Toolbar.jsx";
import { NodePanel } from "./NodePanel.jsx";
import { FlowSettingsPanel } from "./FlowSettingsPanel.jsx";
import { VersionsDialog } from "./VersionsDialog.jsx";
import { TestRunDialog } from "./TestRunDialog.jsx";
import { RunBar } from "./RunBar.jsx";
import { useFlowState } from "./useFlowState.js";
import { useLiveValidation } from "./useLiveValidation.js";
import { useEditorKeys } from "./useEditorKeys.js";
import { downloadJson } from "./download.js";
import { loadSampleCall, storeSampleCall } from "./sampleCall.js";

/** The flow editor: palette, canvas, side panel, and the toolbar's save, publish, versions and test run. */
export function FlowEditor({ initial }) {
  const toast = useToast();
  const state = useFlowState(initial.draft);
  const { graph, doc, revision } = state;
  const [flow, setFlow] = useState(initial);
  const [savedRevision, setSavedRevision] = useState(0);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState(null);
  const [trace, setTrace] = useState(null);
  const [sends, setSends] = useState({});
  const [sampleCall, setSampleCall] = useState(() => loadSampleCall(initial.id));
  const [serverErrors, setServerErrors] = useState(null);
  const invalidFields = useRef(new Set());
  const canvas = useRef(null);
  const dirty = revision !== savedRevision;

  const liveErrors = useLiveValidation(doc, revision);
  const errors = serverErrors ?? liveErrors;
  useEffect(() => setServerErrors(null), [revision]);

  const selected = graph.nodes.filter((n) => n.selected);
  const node = selected.length === 1 ? selected[0] : null;
  const variables = useMemo(() => (node ? variablesAt(node.id, graph.nodes, graph.edges, sampleCall) : []),
    [node, graph.nodes, graph.edges, sampleCall]);
  const errorsByNode = useMemo(() => {
    const out = {};
    for (const e of errors) if (e.node) (out[e.node] ??= []).push(e);
    return out;
  }, [errors]);
  const overlay = useMemo(() => (trace ? traceOverlay(trace.steps) : null), [trace]);

  const save = useCallback(async () => {
    if (invalidFields.current.size) {
      toast("A JSON field is not valid yet: fix it before saving.", "error");
      return false;
    }
    setBusy(true);
    const at = revision;
    try {
      // The server keeps a draft even when it is invalid and answers its errors; only publishing needs it valid.
      const saved = await api(`/flows/${flow.id}`, { method: "PUT", body: doc });
      setFlow(saved);
      setSavedRevision(at);
      setServerErrors(saved.errors ?? []);
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setServerErrors(e.errors);
      toast(`Not saved: ${e.message}${e.errors?.length > 1 ? ` (and ${e.errors.length - 1} more)` : ""}`, "error");
      return false;
    } finally {
      setBusy(false);
    }
  }, [doc, flow.id, revision, toast]);

  const publish = useCallback(async (version) => {
    if (version === undefined) {
      const saved = await save();
      if (!saved) return;
      if (saved.valid === false) {
        toast(`Not published: ${problems(saved.errors)} to fix first (the draft is saved)`, "error");
        return;
      }
    }
    setBusy(true);
    try {
      const result = await api(`/flows/${flow.id}/publish`, { method: "POST", body: version ? { version } : {} });
      setFlow(await api(`/flows/${flow.id}`));
      toast(version ? `Version ${version} is live again as v${result.version}` : `Published version ${result.version}`, "success");
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setServerErrors(e.errors);
      toast(`Not published: ${e.message}`, "error");
    } finally {
      setBusy(false);
    }
  }, [flow.id, save, toast]);

  const testRun = useCallback(async (call) => {
    setSampleCall(call);
    storeSampleCall(flow.id, call);
    if (!(await save())) return;
    setBusy(true);
    try {
      const result = await api(`/flows/${flow.id}/test-run`, { method: "POST", body: { call } });
      setTrace(result);
      setDialog(null);
      toast(`Test run ${result.status}: ${result.steps.length} steps`, result.status === "completed" ? "success" : "error");
    } catch (e) {
      toast(`Test run failed: ${e.message}`, "error");
    } finally {
      setBusy(false);
    }
  }, [flow.id, save, toast]);

  const sendNode = useCallback(async (target) => {
    setSends((all) => ({ ...all, [target.id]: { ...all[target.id], busy: true } }));
    const body = { node: { id: target.id, type: target.type, ...target.data }, variables: { ...(trace?.variables ?? {}), ...callToRoots(sampleCall) } };
    try {
      const result = await api("/nodes/api-request/test", { method: "POST", body });
      setSends((all) => ({ ...all, [target.id]: { busy: false, result } }));
    } catch (e) {
      setSends((all) => ({ ...all, [target.id]: { busy: false, result: null } }));
      if (e instanceof ApiError && e.errors.length) setServerErrors(e.errors);
      toast(`Send failed: ${e.message}`, "error");
    }
  }, [sampleCall, toast, trace]);

  const pickMapping = useCallback((segments) => {
    if (!node) return;
    const { mapping, name, path } = addMapping(node.data.response_mapping, segments);
    state.updateNodeData(node.id, { ...node.data, response_mapping: mapping }, null);
    toast(`Mapped ${path} to {{${name}}}`, "success");
  }, [node, state, toast]);

  const importFile = useCallback(async (file) => {
    try {
      const imported = JSON.parse(await file.text());
      if (!Array.isArray(imported.nodes)) throw new Error("a flow document has a nodes array");
      state.replaceDoc({ ...imported, name: imported.name || doc.name });
      setTrace(null);
      toast("Imported: review and save to keep it (undo brings the previous flow back)", "success");
    } catch (e) {
      toast(`Not a flow document: ${e.message}`, "error");
    }
  }, [doc.name, state, toast]);

  const downloadVersion = useCallback(async (version) => {
    downloadJson(await api(`/flows/${flow.id}/export?version=${version}`), `${doc.name}-v${version}`);
  }, [doc.name, flow.id]);

  useEditorKeys({ undo: state.undo, redo: state.redo, save });
  useEffect(() => {
    const warn = (e) => { if (dirty) { e.preventDefault(); e.returnValue = ""; } };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const onDrop = useCallback((e) => {
    const type = e.dataTransfer.getData(DRAG_TYPE);
    if (!type || !canvas.current) return;
    e.preventDefault();
    const position = canvas.current.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    state.addNode(type, { x: position.x - 20, y: position.y - 30 });
  }, [state]);

  const addAtCenter = useCallback((type) => {
    const box = document.querySelector(".canvas-area").getBoundingClientRect();
    const position = canvas.current.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    state.addNode(type, position);
  }, [state]);

  const invalidNote = flow.valid === false ? ` · ${problems(flow.errors)}` : "";
  const status = dirty ? { tone: "dirty", text: "Unsaved changes" }
    : flow.published_version ? { tone: flow.valid === false ? "invalid" : "saved", text: `Saved · v${flow.published_version} live${invalidNote}` }
      : { tone: flow.valid === false ? "invalid" : "saved", text: `Saved draft${invalidNote}` };

  return (
    <div className="editor">
      <Toolbar name={graph.meta.name ?? ""} onName={(name) => state.setMeta({ name }, "name")} status={status}
        canUndo={state.canUndo} canRedo={state.canRedo} onUndo={state.undo} onRedo={state.redo}
        onImport={importFile} onExport={() => downloadJson(doc, doc.name)} onVersions={() => setDialog("versions")}
        onTestRun={() => setDialog("test-run")} onSave={async () => {
          const saved = await save();
          if (saved) toast(saved.valid === false ? `Draft saved with ${problems(saved.errors)}: publishing waits until they are fixed` : "Draft saved",
            saved.valid === false ? "warning" : "success");
        }}
        onPublish={() => publish()} busy={busy} />
      <div className="editor-body">
        <Palette presentTypes={new Set(graph.nodes.map((n) => n.type))} onAdd={addAtCenter} />
        <div className="canvas-area" onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = "move"; }} onDrop={onDrop}
          data-testid="canvas">
          <Canvas nodes={graph.nodes} edges={graph.edges} errorsByNode={errorsByNode} trace={overlay}
            onInit={(instance) => { canvas.current = instance; }}
            handlers={{ onNodesChange: state.onNodesChange, onEdgesChange: state.onEdgesChange, onConnect: state.onConnect,
              onNodeDragStart: state.onNodeDragStart }} />
          {trace && <RunBar trace={trace} onClear={() => setTrace(null)} />}
        </div>
        <VariablesContext.Provider value={variables}>
          {node ? (
            <NodePanel key={node.id} node={node} errors={errorsByNode[node.id] ?? []}
              onData={(data, key) => state.updateNodeData(node.id, data, key)} onRename={(id) => state.rename(node.id, id)}
              onRemove={() => state.removeNode(node.id)} onDuplicate={() => state.duplicateNode(node.id)}
              step={trace ? stepOf(trace.steps, node.id) : null} send={sends[node.id]} onSend={() => sendNode(node)}
              onPickMapping={pickMapping}
              onValidity={(field, ok) => (ok ? invalidFields.current.delete(field) : invalidFields.current.add(field))} />
          ) : (
            <FlowSettingsPanel meta={graph.meta} onMeta={state.setMeta} errors={errors} flow={flow} onSelectNode={state.selectNode} />
          )}
        </VariablesContext.Provider>
      </div>
      {dialog === "versions" && <VersionsDialog flow={flow} busy={busy} onClose={() => setDialog(null)}
        onRollback={(v) => publish(v)} onDownload={downloadVersion} />}
      {dialog === "test-run" && <TestRunDialog sampleCall={sampleCall} busy={busy} onClose={() => setDialog(null)} onRun={testRun} />}
    </div>
  );
}

function problems(errors) {
  const count = errors?.length ?? 0;
  return count === 1 ? "1 problem" : `${count} problems`;
}
