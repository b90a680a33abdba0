async function scoreLead(context) {
    const weights = { interested: 40, budget_confirmed: 25, decision_maker: 20, asked_for_callback: 15 };
    const signals = _.keys(_.pickBy(_.pick(context.post_call, _.keys(weights)), Boolean));
    const score = _.sum(_.map(signals, (signal) => weights[signal]));
    const objections = _.uniq(_.compact(context.post_call.objections || []));
    const grade = score >= 70 ? "hot" : score >= 40 ? "warm" : "cold";

    context.post_call.lead_score = score;
    context.post_call.lead_grade = grade;
    context.post_call_detail.lead_score = {
        value: score,
        comment: "Signals: " + (signals.join(", ") || "none")
            + (objections.length ? "; objections: " + objections.join(", ") : "")
    };
    context.conversion_status = grade === "hot";

    context.functions_called.push({
        name: "scoreLead",
        parameters: { signals: signals },
        success: true,
        response: { score: score, grade: grade },
        timestamp: new Date().toISOString()
    });
}
