/**
 * `google.script.run` as promises (the `gas-client` idea, in a few lines): components get plain async functions, as
 * the Excel pane's get the port's. A failed call becomes a Russian sentence; the server's own Russian message is kept.
 */
import { SERVER_FUNCTIONS, type ServerFunctionName, type ServerFunctions } from '../shared/wire';

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [name: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRun } };
  }
}

export type Remote = { [K in ServerFunctionName]: (...args: Parameters<ServerFunctions[K]>) => Promise<ReturnType<ServerFunctions[K]>> };

const CYRILLIC = /[А-Яа-яЁё]/;

/** What an official reads when a call fails: our server's Russian message, or what to do about Google's. */
export function remoteErrorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const message = raw.replace(/^(?:(?:Exception|Error|ScriptError|TypeError):\s*)+/, '').trim();
  if (CYRILLIC.test(message)) return message;
  if (/authori[sz]ation|permission|разрешени/i.test(raw)) {
    return 'Svod нужно ваше разрешение на работу с этой таблицей: выберите в меню «Svod» → «Проверить лист», разрешите доступ и повторите.';
  }
  if (/timed? ?out|exceeded maximum execution time/i.test(raw)) {
    return 'Google Таблицы не успели выполнить действие: таблица слишком большая или сервис занят. Повторите через минуту.';
  }
  return 'Google Таблицы не ответили. Проверьте подключение к интернету и повторите; если не поможет, закройте панель и откройте её снова из меню «Svod».';
}

export function createRemote(run: () => ScriptRun | undefined = () => window.google?.script?.run): Remote {
  const remote = {} as Record<ServerFunctionName, (...args: unknown[]) => Promise<unknown>>;
  for (const name of SERVER_FUNCTIONS) {
    remote[name] = (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const runner = run();
        if (!runner) {
          reject(new Error('Панель Svod открыта не из Google Таблиц: откройте таблицу и выберите в меню «Svod» нужное действие.'));
          return;
        }
        const call = runner.withSuccessHandler(resolve).withFailureHandler((e) => reject(new Error(remoteErrorText(e))))[name];
        if (typeof call !== 'function') {
          reject(new Error('В скрипте таблицы нет нужной функции Svod: обновите надстройку (clasp push) и откройте панель снова.'));
          return;
        }
        (call as (...a: unknown[]) => void)(...args);
      });
  }
  return remote as unknown as Remote;
}
