import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button } from '../../../components/Button';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useSignUp, type SignUpInput } from '../api/signUp';
import { AuthLayout } from './AuthLayout';
import { useReturnPath } from './LoginPage';

const FIELDS: { key: keyof SignUpInput; label: string; type: string; autoComplete: string; hint?: string }[] =
  [
    { key: 'name', label: 'Name', type: 'text', autoComplete: 'name' },
    {
      key: 'headline',
      label: 'Headline',
      type: 'text',
      autoComplete: 'organization-title',
      hint: 'For example: Product designer at Acme',
    },
    { key: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
    {
      key: 'password',
      label: 'Password',
      type: 'password',
      autoComplete: 'new-password',
      hint: 'At least 8 characters',
    },
  ];

export function SignupPage() {
  useDocumentTitle('Join');
  const [values, setValues] = useState<Required<SignUpInput>>({
    name: '',
    headline: '',
    email: '',
    password: '',
  });
  const signUp = useSignUp();
  const navigate = useNavigate();
  const returnPath = useReturnPath();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate(
      { ...values, name: values.name.trim(), headline: values.headline.trim(), email: values.email.trim() },
      { onSuccess: () => navigate(returnPath, { replace: true }) },
    );
  };

  return (
    <AuthLayout title="Join Rapport" intro="Make the most of your professional life.">
      <form className="form" onSubmit={submit}>
        {FIELDS.map((field) => (
          <div className="field" key={field.key}>
            <label htmlFor={`signup-${field.key}`}>{field.label}</label>
            <input
              id={`signup-${field.key}`}
              type={field.type}
              autoComplete={field.autoComplete}
              required={field.key !== 'headline'}
              minLength={field.key === 'password' ? 8 : undefined}
              aria-describedby={field.hint ? `signup-${field.key}-hint` : undefined}
              value={values[field.key]}
              onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
            />
            {field.hint && (
              <p className="field__hint" id={`signup-${field.key}-hint`}>
                {field.hint}
              </p>
            )}
          </div>
        ))}
        {signUp.isError && <ErrorMessage error={signUp.error} />}
        <Button type="submit" variant="primary" className="button--block" pending={signUp.isPending}>
          Join
        </Button>
      </form>
      <p className="auth__switch">
        Already on Rapport? <Link to="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
