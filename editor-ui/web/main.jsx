// Entry point: the Qute page says which view to show (#app data-view/data-param); the token comes from
// ?token= once, then from localStorage; without one, the user is asked for it.
import "@xyflow/react/dist/style.css";
import "./styles/base.css";
import "./styles/flow.css";
import "./styles/panel.css";
import "./styles/pages.css";
import { createRoot } from "react-dom/client";
import { useEffect, useState } from "react";
import { adoptTokenFromUrl, getToken } from "./lib/token.js";
import { whenUnauthorized } from "./lib/api.js";
import { ToastProvider } from "./components/Toast.jsx";
import { TokenPrompt } from "./pages/TokenPrompt.jsx";
import { FlowsPage } from "./pages/FlowsPage.jsx";
import { FlowEditorPage } from "./flow/FlowEditorPage.jsx";
import { CallsPage } from "./pages/CallsPage.jsx";
import { CallPage } from "./pages/CallPage.jsx";
import { AuthProfilesPage } from "./pages/AuthProfilesPage.jsx";
import { SessionBadge } from "./pages/SessionBadge.jsx";
import { FunctionsPage } from "./functions/FunctionsPage.jsx";
import { FunctionEditPage } from "./functions/FunctionEditPage.jsx";
import { VariablesPage } from "./setup/VariablesPage.jsx";
import { AgentsPage } from "./setup/AgentsPage.jsx";
import { AgentPage } from "./setup/AgentPage.jsx";

const VIEWS = {
  flows: () => <FlowsPage />,
  flow: (param) => <FlowEditorPage flowId={param} />,
  calls: () => <CallsPage />,
  call: (param) => <CallPage callId={param} />,
  "auth-profiles": () => <AuthProfilesPage />,
  functions: () => <FunctionsPage />,
  function: (param) => <FunctionEditPage functionId={param} />,
  variables: () => <VariablesPage />,
  agents: () => <AgentsPage />,
  agent: (param) => <AgentPage agent={param} />,
};

function App({ view, param }) {
  const [token, setTokenState] = useState(getToken());
  const [refusal, setRefusal] = useState(null);
  useEffect(() => whenUnauthorized((reason) => {
    setRefusal(reason ?? "The token was refused");
    setTokenState(null);
  }), []);
  if (!token) return <TokenPrompt reason={refusal} onToken={(t) => { setRefusal(null); setTokenState(t); }} />;
  const render = VIEWS[view] ?? VIEWS.flows;
  return render(param);
}

adoptTokenFromUrl();
const mount = document.getElementById("app");
createRoot(mount).render(
  <ToastProvider>
    <App view={mount.dataset.view} param={mount.dataset.param} />
  </ToastProvider>,
);
const session = document.getElementById("session");
if (session) createRoot(session).render(<SessionBadge />);

