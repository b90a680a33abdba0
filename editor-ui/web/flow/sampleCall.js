import { DEFAULT_SAMPLE_CALL } from "../lib/callVariables.js";

// The sample call Send and Test run use, kept per flow in the browser.
const key = (flowId) => `aftercall.sample-call.${flowId}`;

export function loadSampleCall(flowId) {
  try {
    return JSON.parse(localStorage.getItem(key(flowId))) ?? DEFAULT_SAMPLE_CALL;
  } catch {
    return DEFAULT_SAMPLE_CALL;
  }
}

export function storeSampleCall(flowId, call) {
  localStorage.setItem(key(flowId), JSON.stringify(call));
}
