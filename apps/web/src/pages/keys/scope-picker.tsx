import { ROLES, type Role, type Scope } from '@tessera/schema';
import { presetScopes, toggleScope } from './key-scopes';

/** A role preset to start from, then one checkbox per scope this caller may grant. */
export function ScopePicker(props: {
  readonly grantable: readonly Scope[];
  readonly scopes: readonly Scope[];
  readonly onChange: (scopes: Scope[]) => void;
}) {
  const { grantable, scopes, onChange } = props;
  return (
    <fieldset className="keys-scopes">
      <legend>Scopes</legend>
      <label className="keys-scope">
        Start from a role:
        <select
          value=""
          data-testid="key-preset"
          onChange={(e) => e.target.value && onChange(presetScopes(e.target.value as Role, grantable))}
        >
          <option value="">Pick a role preset…</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      {grantable.map((scope) => (
        <label key={scope} className="keys-scope">
          <input
            type="checkbox"
            checked={scopes.includes(scope)}
            data-testid={`key-scope-${scope}`}
            onChange={(e) => onChange(toggleScope(scopes, scope, e.target.checked))}
          />
          {scope}
        </label>
      ))}
    </fieldset>
  );
}
