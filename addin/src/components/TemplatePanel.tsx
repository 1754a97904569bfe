import { useState } from 'react';
import { Button, Field, Input, makeStyles, Radio, RadioGroup, Spinner, tokens } from '@fluentui/react-components';
import { TableAdd20Regular } from '@fluentui/react-icons';
import { readWorkbook } from '@svod/shared';
import type { HostPort, TemplateOptions } from '../host/port';
import { errorText } from '../state/errors';
import { templateExecutors, validatePeriod } from '../state/template';
import type { Notice as NoticeData } from '../state/use-checker';
import { Notice } from './Notice';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  years: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  button: { alignSelf: 'flex-start' },
});

export function TemplatePanel({ port }: { port: HostPort }) {
  const s = useStyles();
  const thisYear = new Date().getFullYear();
  const [kind, setKind] = useState<TemplateOptions['kind']>('roadmap');
  const [from, setFrom] = useState(String(thisYear));
  const [to, setTo] = useState(String(thisYear + 2));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const period = validatePeriod(from, to);

  const insert = async () => {
    if (!period.ok) return;
    setBusy(true);
    setNotice(null);
    try {
      // The executors for the dropdown come from the workbook's glossary («Сокращения»), on whichever sheet it is.
      const workbook = await port.readSheets('all');
      const executors = templateExecutors(readWorkbook(workbook).glossary);
      const sheet = await port.insertTemplate({ kind, period: period.value, executors, glossary: executors.length === 0 });
      setNotice({
        intent: 'success',
        text:
          `Добавлен лист «${sheet}». ` +
          (executors.length
            ? `Исполнители для выбора взяты из сокращений книги: ${executors.join(', ')}.`
            : 'В книге нет списка сокращений: добавлен лист «Сокращения», заполните его, и исполнителей можно будет выбирать из списка.'),
      });
    } catch (e) {
      setNotice({ intent: 'error', text: errorText(e, 'Не удалось вставить шаблон.') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.panel}>
      <p className={s.intro}>Пустой лист в формате министерства: заголовки, нумерация столбцов и выпадающие списки.</p>
      <Field label="Вид таблицы">
        <RadioGroup value={kind} onChange={(_, data) => setKind(data.value as TemplateOptions['kind'])}>
          <Radio value="roadmap" label="Дорожная карта (план-график)" />
          <Radio value="indicators" label="Целевые показатели" />
        </RadioGroup>
      </Field>
      <fieldset className="svod-fieldset">
        <legend>Период</legend>
        <div className={s.years}>
          <Field label="Первый год" validationState={period.ok || period.field !== 'from' ? 'none' : 'error'}>
            <Input type="number" inputMode="numeric" min={2000} max={2100} value={from} onChange={(_, d) => setFrom(d.value)} />
          </Field>
          <Field label="Последний год" validationState={period.ok || period.field !== 'to' ? 'none' : 'error'}>
            <Input type="number" inputMode="numeric" min={2000} max={2100} value={to} onChange={(_, d) => setTo(d.value)} />
          </Field>
        </div>
        {!period.ok && (
          <div role="alert" className="svod-field-error">
            {period.message}
          </div>
        )}
      </fieldset>
      <Button className={s.button} appearance="primary" icon={busy ? <Spinner size="tiny" /> : <TableAdd20Regular />} disabled={busy || !period.ok} onClick={() => void insert()}>
        Вставить шаблон
      </Button>
      <Notice notice={notice} onDismiss={() => setNotice(null)} testId="template-notice" />
    </div>
  );
}
