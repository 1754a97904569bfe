/** A download button that shows progress while the server builds and sends the file, and says in Russian what failed. */
import { useState, type ReactElement } from 'react';
import { Button, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { errorText } from '../api';
import { useApi, sizeText } from '../region';
import { Notice } from './Notice';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  progress: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export function Download({ path, fallbackName, children, icon, appearance, waiting, testId }: { path: string; fallbackName: string; children: string; icon?: ReactElement; appearance?: 'primary' | 'secondary' | 'subtle'; waiting?: string; testId?: string }) {
  const s = useStyles();
  const api = useApi();
  const [state, setState] = useState<{ done: number; total: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    setState({ done: 0, total: null });
    try {
      await api.download(path, fallbackName, (done, total) => setState({ done, total }));
    } catch (e) {
      setError(errorText(e, 'Не удалось скачать файл.'));
    } finally {
      setState(null);
    }
  };
  return (
    <div className={s.root}>
      <Button style={{ alignSelf: 'flex-start' }} appearance={appearance ?? 'secondary'} icon={icon} disabled={state !== null} onClick={() => void run()} data-testid={testId}>
        {children}
      </Button>
      {state && (
        <div role="status" className={s.progress}>
          <ProgressBar value={state.total ? state.done / state.total : undefined} thickness="large" />
          {state.done === 0 ? (waiting ?? 'Готовится файл…') : `Получено ${sizeText(state.done)}${state.total ? ` из ${sizeText(state.total)}` : ''}`}
        </div>
      )}
      <Notice notice={error ? { intent: 'error', text: error } : null} />
    </div>
  );
}
