/**
 * A date typed the Russian way, ДД.ММ.ГГГГ, whatever the browser's language: Chromium draws `<input type="date">` in
 * its own UI locale (12/25/2026 in an English browser) and ignores `lang="ru"`. The value given out stays ISO.
 */
import { useEffect, useState } from 'react';
import { Field, Input, makeStyles } from '@fluentui/react-components';

const useStyles = makeStyles({ input: { width: '100%', minWidth: '170px' } });

/** `25.12.2026` (or `5.1.2026`), and an ISO `2026-12-25` pasted from elsewhere; a two-digit year is refused: which century? */
export function parseRussianDate(text: string): string | null {
  const t = text.trim();
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [d, m, y] = ru ? [ru[1], ru[2], ru[3]] : iso ? [iso[3], iso[2], iso[1]] : [];
  if (!d || !m || !y) return null;
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31.02 rolls over to March in Date: refused, not silently moved.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function formatRussianDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

export interface DateFieldProps {
  label: string;
  id?: string;
  /** ISO `YYYY-MM-DD`, or '' for none. */
  value: string;
  /** The ISO date, or '' while the text is empty or not a date. */
  onChange(iso: string): void;
}

export function DateField({ label, id, value, onChange }: DateFieldProps) {
  const s = useStyles();
  const [text, setText] = useState(formatRussianDate(value));
  const [touched, setTouched] = useState(false);
  // A value set from outside (saved, cleared) replaces the text, unless the text already means it.
  useEffect(() => {
    setText((t) => (parseRussianDate(t) === (value || null) ? t : formatRussianDate(value)));
  }, [value]);
  const bad = touched && text.trim() !== '' && parseRussianDate(text) === null;
  // 31.02.2026 is written right and is no date: said so, not «write it as ДД.ММ.ГГГГ».
  const shaped = /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(text.trim());
  return (
    <Field
      label={label}
      validationState={bad ? 'error' : 'none'}
      validationMessage={bad ? (shaped ? 'Такой даты нет: проверьте день и месяц.' : 'Введите дату как ДД.ММ.ГГГГ, например 25.12.2026.') : undefined}
    >
      <Input
        className={s.input}
        id={id}
        lang="ru"
        inputMode="numeric"
        autoComplete="off"
        // The format in the field itself: a hint under it would push the field above the buttons beside it.
        placeholder="ДД.ММ.ГГГГ"
        maxLength={10}
        value={text}
        onChange={(_e, d) => {
          setText(d.value);
          onChange(parseRussianDate(d.value) ?? '');
        }}
        onBlur={() => {
          setTouched(true);
          const iso = parseRussianDate(text);
          if (iso) setText(formatRussianDate(iso));
        }}
      />
    </Field>
  );
}
