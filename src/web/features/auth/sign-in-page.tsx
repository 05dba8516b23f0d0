import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useSignIn } from './auth-api.ts';
import { useMe } from './use-me.ts';

const LABELS = { username: 'Username', password: 'Password' };

/** Only same-site paths are followed after sign-in, never another origin. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Sign in with a username and password. */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Sign in', errors.summary.length > 0);

  if (me.data && !signIn.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate(
      { username, password },
      {
        onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
        onError: (error) => {
          setPassword('');
          setErrors(formErrorsFrom(error, LABELS, 'sign-in'));
        },
      },
    );
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <h1>Sign in to Accord</h1>
        <p>Accord shares information between the organisations that support people in your partnership.</p>
        <p>Everything you open is recorded, with the reason it was allowed.</p>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="sign-in-username"
            name="username"
            label="Username"
            value={username}
            onChange={setUsername}
            error={errors.fields.username}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            width={20}
          />
          <TextInput
            id="sign-in-password"
            name="password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            error={errors.fields.password}
            autoComplete="current-password"
            width={20}
          />
          <button className="nhsuk-button" type="submit">
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </div>
  );
}
