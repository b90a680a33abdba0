import { catalogue, operator } from "../../lib/catalogue.js";
import { TemplateInput } from "../../components/TemplateInput.jsx";
import { Icon } from "../../components/Icon.jsx";
import { fieldMatches } from "../../lib/errors.js";
import { textToValue, valueToText } from "./values.js";

const NEW_CONDITION = { left: "", operator: "==", right: "" };

/** A decision node's branches: each a port name, all/any, and rows of left · operator · right. */
export function BranchesField({ value, onChange, errors }) {
  const branches = value ?? [];
  const setBranch = (i, patch) => onChange(branches.map((b, j) => (i === j ? { ...b, ...patch } : b)));
  const nextPort = () => {
    const taken = new Set(branches.map((b) => b.port));
    for (let i = branches.length + 1; ; i++) if (!taken.has(`branch_${i}`)) return `branch_${i}`;
  };
  return (
    <div className="branches">
      {branches.map((branch, i) => (
        <Branch key={i} index={i} branch={branch} onChange={(patch) => setBranch(i, patch)}
          onRemove={() => onChange(branches.filter((_, j) => j !== i))}
          errors={errors.filter((e) => fieldMatches(e.field, `branches[${i}]`))} />
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...branches, { port: nextPort(), match: "all", conditions: [{ ...NEW_CONDITION }] }])}>
        <Icon name="plus" size={14} /> Add branch
      </button>
    </div>
  );
}

function Branch({ index, branch, onChange, onRemove, errors }) {
  const conditions = branch.conditions ?? [];
  const setCondition = (i, patch) => onChange({ conditions: conditions.map((c, j) => (i === j ? { ...c, ...patch } : c)) });
  const fieldError = (suffix) => errors.find((e) => e.field === `branches[${index}]${suffix}` || e.field?.startsWith(`branches[${index}]${suffix}`));
  return (
    <div className="branch" data-testid={`branch-${index}`}>
      <div className="branch-head">
        <label className="branch-port">
          <span>Output</span>
          <input type="text" value={branch.port ?? ""} aria-label={`Branch ${index + 1} output`} spellCheck={false}
            className={fieldError(".port") ? "invalid" : ""} onChange={(e) => onChange({ port: e.target.value })} />
        </label>
        <label className="branch-match">
          <span>when</span>
          <select value={branch.match ?? "all"} aria-label={`Branch ${index + 1} match`} onChange={(e) => onChange({ match: e.target.value })}>
            <option value="all">all conditions hold</option>
            <option value="any">any condition holds</option>
          </select>
        </label>
        <button type="button" className="icon-button subtle" aria-label={`Remove branch ${index + 1}`} onClick={onRemove}>
          <Icon name="trash" size={14} />
        </button>
      </div>
      {conditions.map((condition, i) => {
        const unary = operator(condition.operator)?.unary;
        const error = fieldError(`.conditions[${i}]`);
        return (
          <div className="condition" key={i}>
            <TemplateInput value={condition.left} placeholder="{{interaction.DISPOSITION}}" aria-label={`Condition ${i + 1} left`}
              invalid={Boolean(error && /left/.test(error.field))} onChange={(text) => setCondition(i, { left: text })} />
            <select value={condition.operator} aria-label={`Condition ${i + 1} operator`}
              onChange={(e) => setCondition(i, { operator: e.target.value })}>
              {catalogue().operators.map((op) => <option key={op.symbol} value={op.symbol}>{op.symbol === op.label ? op.label : `${op.symbol}  ${op.label}`}</option>)}
            </select>
            {!unary ? (
              <TemplateInput value={valueToText(condition.right)} placeholder="escalated" aria-label={`Condition ${i + 1} right`}
                invalid={Boolean(error && /right/.test(error.field))} onChange={(text) => setCondition(i, { right: textToValue(text) })} />
            ) : <span className="condition-unary" />}
            <button type="button" className="icon-button subtle" aria-label={`Remove condition ${i + 1}`}
              onClick={() => onChange({ conditions: conditions.filter((_, j) => j !== i) })}>
              <Icon name="x" size={14} />
            </button>
          </div>
        );
      })}
      {errors.map((e, i) => <div key={i} className="field-error">{e.error}</div>)}
      <button type="button" className="link-button" onClick={() => onChange({ conditions: [...conditions, { ...NEW_CONDITION }] })}>
        <Icon name="plus" size={14} /> Add condition
      </button>
    </div>
  );
}
