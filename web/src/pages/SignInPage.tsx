import { useEffect, useState } from 'react';
import { ApiError, exchangeSignInCode, signIn } from '../api/client';
import { FormStatus, TextField, useForm } from '../components/Form';
import { navigate } from '../router';
import { homeFor } from '../routes';

const TRUST_KEY = 'trustwide.sso-trust';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function afterSignIn(roles: string[]): void {
  const next = new URLSearchParams(location.search).get('next');
  // Only a path of this site, never another origin.
  navigate(next && next.startsWith('/') && !next.startsWith('//') && next !== '/sign-in' ? next : homeFor(roles), true);
}

export function SignInPage() {
  const local = useForm({ email: '', password: '' });
  const params = new URLSearchParams(location.search);
  const [trust, setTrust] = useState(params.get('trust') ?? localStorage.getItem(TRUST_KEY) ?? '');
  const [trustProblem, setTrustProblem] = useState<string | null>(params.get('error'));
  useEffect(() => {
    document.title = 'Sign in · Trustwide';
  }, []);
  const known = ['email', 'password'];
  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Trustwide</h1>
      <form
        noValidate
        onSubmit={local.submit(async (v) => {
          const session = await signIn(v.email.trim(), v.password);
          afterSignIn(session.user.roles);
        }, known)}
        aria-labelledby="local-heading"
        className="panel"
      >
        <h2 id="local-heading">With your Trustwide account</h2>
        <FormStatus problems={local.general(known)} done={null} />
        <TextField label="Email" type="email" autoComplete="username" {...local.field('email')} />
        <TextField label="Password" type="password" autoComplete="current-password" {...local.field('password')} />
        <button type="submit" className="primary" disabled={local.busy}>
          {local.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <form
        className="panel"
        aria-labelledby="sso-heading"
        onSubmit={(e) => {
          e.preventDefault();
          if (!UUID.test(trust.trim())) return setTrustProblem('Enter your trust’s id (a UUID, given by your trust administrator).');
          localStorage.setItem(TRUST_KEY, trust.trim());
          // A full navigation: the gateway sends the browser to the trust's provider and back to /signed-in.
          location.assign(`/api/auth/oidc/${encodeURIComponent(trust.trim().toLowerCase())}/start`);
        }}
      >
        <h2 id="sso-heading">With your organisation (single sign-on)</h2>
        <TextField
          label="Trust id"
          name="trust"
          value={trust}
          onChange={(e) => setTrust(e.target.value)}
          problems={trustProblem ? [trustProblem] : []}
          hint="Your trust administrator gives this once; it is remembered on this device."
        />
        <button type="submit">Sign in with your organisation</button>
      </form>
    </main>
  );
}

/** Where single sign-on returns: the one-time code in the query is exchanged for the tokens, then removed from the URL. */
export function SignedInPage() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const code = params.get('code');
    history.replaceState(null, '', '/signed-in');
    if (!code) return setError(params.get('error') ?? 'No sign-in code was given.');
    exchangeSignInCode(code).then(
      (session) => navigate(homeFor(session.user.roles), true),
      (err: Error) => setError(err instanceof ApiError ? err.message : 'The sign-in could not be completed.'),
    );
  }, []);
  return (
    <main id="main" className="sign-in">
      <h1>Signing you in…</h1>
      {error && (
        <div className="form-error" role="alert">
          <p>{error}</p>
          <p>
            <a href="/sign-in">Start again</a>
          </p>
        </div>
      )}
    </main>
  );
}
