import { Field, Input } from '@fluentui/react-components';
import type { HostCapabilities } from '../host/port';

/** Where the pane keeps a token, in the host's terms: Excel's add-in storage on this computer, Google's user properties. */
export function tokenHint(capabilities: HostCapabilities): string {
  return capabilities.hostName === 'Excel'
    ? 'Хранится в настройках надстройки на этом компьютере, не в документе.'
    : 'Хранится в ваших личных настройках надстройки в Google, не в таблице: другие пользователи таблицы его не видят.';
}

function serverHint(capabilities: HostCapabilities | undefined): string {
  return !capabilities || capabilities.hostName === 'Excel'
    ? 'Обычно тот же адрес, откуда открыта надстройка.'
    : 'Подставлен при установке надстройки. Другой адрес Google не пропустит, пока его не добавят в надстройку.';
}

/** The server's address; shared by «Отправка» and «Для координатора», kept in the add-in's settings. */
export function ServerField({ value, onChange, capabilities }: { value: string; onChange(value: string): void; capabilities?: HostCapabilities }) {
  return (
    <Field label="Адрес сервера" hint={serverHint(capabilities)}>
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
