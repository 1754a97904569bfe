import { Field, Input } from '@fluentui/react-components';

/** The server's address; shared by «Отправка» and «Для координатора», kept in the add-in's settings. */
export function ServerField({ value, onChange }: { value: string; onChange(value: string): void }) {
  return (
    <Field label="Адрес сервера" hint="Обычно тот же адрес, откуда открыта надстройка.">
      <Input type="url" inputMode="url" autoComplete="url" spellCheck={false} value={value} onChange={(_, d) => onChange(d.value)} />
    </Field>
  );
}

/** A token field: hidden as a password, never autocompleted into the document. */
export function TokenField({ label, value, onChange, hint }: { label: string; value: string; onChange(value: string): void; hint?: string }) {
  return (
    <Field label={label} hint={hint}>
      <Input type="password" autoComplete="off" spellCheck={false} value={value} onChange={(_, d) => onChange(d.value.trim())} />
    </Field>
  );
}
