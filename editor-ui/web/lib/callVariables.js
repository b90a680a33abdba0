// A posted call as templates see it (mirrors the engine's CallData.fromCall): interaction.*, call_metadata.*,
// post_call.*. The Send button tests a node with these.
const FIELDS = [
  ["CALL_ID", "call_id", "callSid"],
  ["SUMMARY", "summary"],
  ["DISPOSITION", "disposition", "disposition_reason"],
  ["DURATION", "call_duration"],
  ["HANGUP_REASON", "hangup_reason"],
  ["USER_PHONE_NUMBER", "user_phone_number"],
  ["AGENT_PHONE_NUMBER", "agent_phone_number"],
  ["RECORDING_URL", "recordingUrl", "recording_url"],
  ["AGENT_ID", "agent", "agent_id"],
  ["USER_ID", "userId"],
  ["MODALITY", "interaction_modality"],
  ["ENDED_AT", "ended_at"],
];

export function callToRoots(call) {
  const interaction = {};
  for (const [name, ...sources] of FIELDS) {
    const source = sources.find((s) => call?.[s] !== undefined && call?.[s] !== null);
    if (source) interaction[name] = call[source];
  }
  const transcript = call?.transcript;
  if (Array.isArray(transcript)) {
    interaction.TRANSCRIPT = transcript.map((t) => `${t.role ?? "unknown"}: ${t.content ?? ""}`).join("\n");
  } else if (transcript != null) {
    interaction.TRANSCRIPT = transcript;
  }
  interaction.CONNECTED = Number(call?.call_duration ?? 0) > 0;
  return {
    interaction,
    call_metadata: isObject(call?.call_metadata) ? call.call_metadata : {},
    post_call: isObject(call?.post_call) ? call.post_call : {},
  };
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The sample call new flows start with (the seed's escalated support call). */
export const DEFAULT_SAMPLE_CALL = {
  call_id: "sample-call-1",
  agent: "agent_support_en",
  call_duration: 214,
  hangup_reason: "AGENT_TRANSFER",
  user_phone_number: "+919812345678",
  agent_phone_number: "+918045671234",
  transcript: [
    { role: "agent", content: "Thanks for calling, how can I help?" },
    { role: "user", content: "My internet has been down since yesterday." },
  ],
  summary: "Customer's broadband down since yesterday; escalated to a field technician.",
  disposition: "escalated",
  interaction_modality: "voice",
  ended_at: "2026-11-21T10:42:17Z",
  call_metadata: { customer_id: "CUST-20931" },
  post_call: { issue_type: "outage" },
};
