import { useEffect, useMemo, useState } from "react";
import { api, ApiError } from "../lib/api.js";
import { isMissingApi } from "../lib/apiStatus.js";
import { fromApi, newFunction, parseAgents, SAMPLE_CONTEXT, toApi, codeTemplate } from "../lib/functionModel.js";
import { ApiMissing } from "../components/ApiMissing.jsx";
import { CodeEditor } from "../components/CodeEditor.jsx";
import { VariablesContext } from "../components/VariablesContext.js";
import { useToast } from "../components/Toast.jsx";
import { BasicFunctionForm } from "./BasicFunctionForm.jsx";
import { ProblemList } from "./ProblemList.jsx";
import { TestResult } from "./TestResult.jsx";

const SAMPLE_KEY = "aftercall.function-sample";

/** Variables a basic function's templates may use: its mapped variables, then the context's fields. */
function templateVariables(state, context) {
  const out = Object.keys(state.variables ?? {}).map((name) => ({ name, detail: state.variables[name] }));
  for (const root of ["call_metadata", "post_call"]) {
    for (const key of Object.keys(context?.[root] ?? {})) out.push({ name: `${root}.${key}`, detail: root });
  }
  for (const key of ["call_duration", "hangup_reason", "user_phone_number", "agent_phone_number", "agent", "callSid"]) {
    out.push({ name: key, detail: "call" });
  }
  return out;
}

/**
 * /editor/functions/{id|new}: one post-call function. Basic mode is a form (request, variable sources,
 * conditions, response mapping); advanced mode is JavaScript in CodeMirror. Validate lists the server's problems
 * with line and column; Test runs the function, unsaved, on a sample context and shows what it changed.
 */
export function FunctionEditPage({ functionId }) {
  const toast = useToast();
  const isNew = !functionId || functionId === "new";
  const [state, setState] = useState(isNew ? newFunction() : null);
  const [saved, setSaved] = useState(null);
  const [failure, setFailure] = useState(null);
  const [problems, setProblems] = useState(null);
  const [busy, setBusy] = useState(false);
  const [sampleText, setSampleText] = useState(() => localStorage.getItem(SAMPLE_KEY) ?? JSON.stringify(SAMPLE_CONTEXT, null, 2));
  const [result, setResult] = useState(null);
  const [agentsText, setAgentsText] = useState("");
  const [codeTouched, setCodeTouched] = useState(!isNew);

  useEffect(() => {
    if (isNew) {
      // Probe the API so a server without it says so at once rather than on Save.
      api("/functions?size=1").catch((e) => isMissingApi(e) && setFailure("missing"));
      return;
    }
    api(`/functions/${encodeURIComponent(functionId)}`).then((fn) => {
      setSaved(fn);
      setState(fromApi(fn));
      setAgentsText((fn.agents ?? []).join(", "));
    }).catch((e) => setFailure(isMissingApi(e) ? "missing" : e instanceof ApiError && e.status === 404 ? "not-found" : e.message));
  }, [functionId, isNew]);

  const sample = useMemo(() => {
    try {
      return JSON.parse(sampleText);
    } catch {
      return null;
    }
  }, [sampleText]);
  const variables = useMemo(() => (state ? templateVariables(state, sample) : []), [state, sample]);

  if (failure === "missing") {
    return <div className="page"><h1>Post-call function</h1><ApiMissing what="Post-call functions" endpoint="/api/v1/functions" /></div>;
  }
  if (failure === "not-found") {
    return (
      <div className="page-message" data-testid="function-not-found">
        <h1>Function not found</h1><p>There is no function {functionId} for the outlet you are signed in as.</p>
        <a className="button" href="/editor/functions">All functions</a>
      </div>
    );
  }
  if (failure) return <div className="page-message"><h1>Could not load the function</h1><p>{failure}</p></div>;
  if (!state) return <div className="page-message muted">Loading…</div>;

  const set = (patch) => setState((s) => ({ ...s, ...patch }));
  const setName = (name) => set(!codeTouched ? { name, code: codeTemplate(name) } : { name });
  const body = () => toApi({ ...state, agents: parseAgents(agentsText) });

  const validate = async () => {
    setBusy(true);
    try {
      const answer = await api("/functions/validate", { method: "POST", body: body() });
      setProblems(answer.problems ?? []);
      toast(answer.valid ? "No problems found" : `${answer.problems.length} problem(s)`, answer.valid ? "success" : "error");
    } catch (e) {
      toast(isMissingApi(e) ? "This server cannot validate functions" : `Not validated: ${e.message}`, "error");
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setBusy(true);
    try {
      const answer = isNew
        ? await api("/functions", { method: "POST", body: body() })
        : await api(`/functions/${saved.id}`, { method: "PUT", body: body() });
      setProblems([]);
      toast("Function saved", "success");
      if (isNew) {
        window.location.href = `/editor/functions/${answer.id}`;
      } else {
        setSaved(answer);
      }
    } catch (e) {
      setProblems(e.body?.problems ?? [{ message: e.message, field: e.field }]);
      toast(`Not saved: ${e.message}`, "error");
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!window.confirm(`Delete the function "${saved.name}"? It stops running for new calls.`)) return;
    await api(`/functions/${saved.id}`, { method: "DELETE" });
    window.location.href = "/editor/functions";
  };

  const test = async () => {
    if (sample === null) {
      toast("The sample context is not valid JSON", "error");
      return;
    }
    localStorage.setItem(SAMPLE_KEY, sampleText);
    setBusy(true);
    setResult(null);
    try {
      setResult(await api("/functions/test", { method: "POST", body: { function: body(), context: sample } }));
    } catch (e) {
      if (e.body?.problems) setProblems(e.body.problems);
      toast(`Test refused: ${e.message}`, "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page function-page" data-testid="function-page">
      <div className="page-head">
        <div>
          <a href="/editor/functions" className="crumb">Functions</a>
          <h1>{isNew ? "New function" : saved.name}</h1>
        </div>
        <div className="page-actions">
          {!isNew && <button type="button" className="button" onClick={remove}>Delete</button>}
          <button type="button" className="button" onClick={validate} disabled={busy}>Validate</button>
          <button type="button" className="button" onClick={test} disabled={busy}>Test</button>
          <button type="button" className="button primary" onClick={save} disabled={busy}>Save</button>
        </div>
      </div>
      <div className="function-grid">
        <div className="card padded">
          <div className="function-head">
            <label className="field"><span className="field-label">Name</span>
              <input id="function-name" type="text" value={state.name} spellCheck={false} placeholder="calculateNDOA"
                onChange={(e) => setName(e.target.value)} />
            </label>
            <div className="field"><span className="field-label">Mode</span>
              <div className="segmented" role="tablist" aria-label="Mode">
                {[["basic", "Basic"], ["advanced", "Advanced (JavaScript)"]].map(([mode, label]) => (
                  <button key={mode} type="button" role="tab" aria-selected={state.mode === mode}
                    className={state.mode === mode ? "active" : ""} onClick={() => set({ mode })}>{label}</button>
                ))}
              </div>
            </div>
            <label className="field"><span className="field-label">Order</span>
              <input id="function-order" type="number" min="0" value={state.order ?? ""} onChange={(e) => set({ order: e.target.value === "" ? null : e.target.value })} />
            </label>
            <label className="field"><span className="field-label">Agents</span>
              <input id="function-agents" type="text" value={agentsText} placeholder="every agent" onChange={(e) => setAgentsText(e.target.value)} />
            </label>
            <label className="field checkbox"><input type="checkbox" checked={state.enabled !== false} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled</label>
          </div>
          <VariablesContext.Provider value={variables}>
            {state.mode === "advanced" ? (
              <div className="field">
                <span className="field-label">Code</span>
                <CodeEditor language="javascript" value={state.code} label="Function code" minHeight={360} maxHeight={620}
                  onChange={(code) => { setCodeTouched(true); set({ code }); }} />
                <div className="field-help">Pre-imported: axios, moment (with moment-timezone), _ (lodash). No require, process, eval or Function.</div>
              </div>
            ) : <BasicFunctionForm state={state} onChange={set} problems={problems ?? []} />}
          </VariablesContext.Provider>
          {problems && <ProblemList problems={problems} />}
        </div>
        <div className="card padded test-panel">
          <h3>Test</h3>
          <p className="muted small">Runs the function as it is on this page (unsaved) with this context. Requests are real.</p>
          <CodeEditor value={sampleText} onChange={setSampleText} label="Sample context" minHeight={180} maxHeight={300} />
          {sample === null && <div className="field-error">The sample context is not valid JSON.</div>}
          <button type="button" className="button" onClick={test} disabled={busy}>Run test</button>
          {result && <TestResult result={result} />}
        </div>
      </div>
    </div>
  );
}
