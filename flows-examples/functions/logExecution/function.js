async function logExecution(context) {
const functionLog = {
    name: "updateCRM",
    parameters: { lead_id: context.call_metadata.lead_id },
    success: true,
    response: { message: "CRM updated successfully" },
    timestamp: new Date().toISOString()
};

try {
    // Your logic here
    functionLog.success = true;
    functionLog.response = { updated: true };
} catch (error) {
    functionLog.success = false;
    functionLog.response = error.message;
} finally {
    context.functions_called.push(functionLog);
}
}
