async function lookupThenUpdate(context) {
    const log = {
        name: "lookupThenUpdate",
        parameters: { phone: context.user_phone_number },
        success: false,
        response: null,
        timestamp: new Date().toISOString()
    };
    try {
        const found = await axios.get("https://crm.example.com/api/leads", {
            params: { phone: context.user_phone_number },
            timeout: 5000
        });
        const lead = found.data.leads[0];
        const updated = await axios.patch("https://crm.example.com/api/leads/" + lead.id, {
            status: context.post_call.interested ? "interested" : "not_interested",
            last_call: context.callSid
        }, { timeout: 5000 });
        context.post_call.crm_lead_id = lead.id;
        log.success = true;
        log.response = { lead_id: lead.id, status: updated.status };
    } catch (error) {
        const status = error.response ? error.response.status : null;
        log.response = status === 404 ? "lead not found in the CRM" : error.message;
        context.post_call_detail.crm_sync = { value: "failed", comment: log.response };
        console.error("CRM sync failed:", log.response);
    } finally {
        context.functions_called.push(log);
    }
}
