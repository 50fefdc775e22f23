import { type FormEvent, useState } from 'react';
import { useApi } from '../api/api-context';
import { useAction } from '../api/use-action';
import { ErrorText } from '../components/error-text';

export function LoginPage() {
  const { login } = useApi();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => login(email.trim(), password));
  };

  return (
    <main className="login">
      <form onSubmit={(e) => void submit(e)} className="card">
        <h1>Sign in to Tessera</h1>
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorText error={error} />
        <p className="hint">The demo prints its accounts when it starts (`npx tessera demo`).</p>
      </form>
    </main>
  );
}
