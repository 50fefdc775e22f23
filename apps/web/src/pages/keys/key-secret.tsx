import type { CreatedApiKeyDto } from '@tessera/schema';
import { useState } from 'react';

/** The new key's secret, shown once, with a copy button and a clear warning. */
export function KeySecret(props: { readonly created: CreatedApiKeyDto; readonly onDone: () => void }) {
  const { created, onDone } = props;
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="keys-secret" role="alert" data-testid="key-secret-panel">
      <strong>Key “{created.name}” was created. Copy it now: you will not see this key again.</strong>
      <div className="row">
        <input
          readOnly
          value={created.key}
          className="keys-secret-value"
          aria-label="The new API key"
          data-testid="key-secret"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="primary" data-testid="key-copy" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" data-testid="key-secret-done" onClick={onDone}>
          I have stored it
        </button>
      </div>
      {copied === 'yes' ? <p className="keys-ok">Copied to the clipboard.</p> : null}
      {copied === 'failed' ? (
        <p className="error">The browser refused the clipboard: select the key and copy it by hand.</p>
      ) : null}
    </div>
  );
}
