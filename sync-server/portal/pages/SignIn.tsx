import { useState } from 'react';
import { Button, Card, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { Notice } from '../components/Notice';

const useStyles = makeStyles({
  card: { maxWidth: '480px', margin: `${tokens.spacingVerticalXXL} auto`, padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0, color: tokens.colorNeutralForeground2, lineHeight: tokens.lineHeightBase300 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** One field for either role's token: the server says whose it is. */
export function SignIn({ onSubmit, error, busy }: { onSubmit(token: string): void; error: string | null; busy: boolean }) {
  const s = useStyles();
  const [token, setToken] = useState('');
  const [empty, setEmpty] = useState(false);
  return (
    <Card className={s.card}>
      <h2 className={s.h}>Вход</h2>
      <p className={s.p}>Введите токен доступа: координатор региона получает его при установке сервера или у федерального координатора, муниципалитет — у координатора региона (на памятке).</p>
      <form
        className={s.form}
        onSubmit={(e) => {
          e.preventDefault();
          const t = token.trim();
          setEmpty(!t);
          if (t) onSubmit(t);
        }}
      >
        <Field label="Токен доступа" required validationState={empty ? 'error' : 'none'} validationMessage={empty ? 'Вставьте токен: он начинается с svod_.' : undefined} hint="Хранится только в этой вкладке браузера и забывается, когда вкладка закрыта.">
          <Input id="token" type="password" autoComplete="off" value={token} onChange={(_e, d) => setToken(d.value)} placeholder="svod_…" />
        </Field>
        <Notice notice={error ? { intent: 'error', text: error } : null} testId="sign-in-error" />
        <Button appearance="primary" type="submit" disabled={busy}>
          Войти
        </Button>
      </form>
    </Card>
  );
}
