async function updateCRM(context) {
try {
    const response = await axios({
        method: 'POST',
        url: 'https://api.example.com/leads/update',
        headers: { 
            'Authorization': 'Bearer TOKEN',
            'Content-Type': 'application/json'
        },
        data: {
            lead_id: context.call_metadata.lead_id,
            call_duration: context.call_duration,
            interested: context.post_call.interested
        },
        timeout: 10000
    });
    
    if (response.status === 200) {
        console.log('API call successful:', response.data);
        context.post_call.crm_updated = true;
    }
} catch (error) {
    console.error('API error:', error.message);
    context.post_call_detail.api_error = {
        value: error.message,
        comment: 'Failed to update CRM'
    };
}
}
