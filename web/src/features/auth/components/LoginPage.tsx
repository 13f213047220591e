import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useDemoLogin } from '../api/getDemoLogin';
import { useLogIn } from '../api/logIn';
import { AuthLayout } from './AuthLayout';

/** Where to go after signing in: back to the page that sent the person here, else home. */
export function useReturnPath(): string {
  const state = useLocation().state as { from?: string } | null;
  const from = state?.from;
  return from && from.startsWith('/') && !from.startsWith('/login') && !from.startsWith('/signup')
    ? from
    : '/';
}

export function LoginPage() {
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const logIn = useLogIn();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const demo = useDemoLogin().data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    logIn.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(returnPath, { replace: true }) },
    );
  };

  return (
    <AuthLayout title="Sign in" intro="Stay in touch with the people you work with.">
      {demo && (
        <p className="auth__demo">
          Trying Rapport? Sign in as the demo member: <strong>{demo.email}</strong>, password{' '}
          <strong>{demo.password}</strong>.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setEmail(demo.email);
              setPassword(demo.password);
            }}
          >
            Fill in the demo login
          </button>
        </p>
      )}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {logIn.isError && <ErrorMessage error={logIn.error} />}
        <Button type="submit" variant="primary" className="button--block" pending={logIn.isPending}>
          Sign in
        </Button>
      </form>
      <p className="auth__switch">
        New to Rapport?{' '}
        <Link to="/signup" state={useLocation().state}>
          Join now
        </Link>
      </p>
    </AuthLayout>
  );
}
