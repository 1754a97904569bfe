import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import type { Notice as NoticeData } from '../state/use-checker';

/** One message of the pane: a polite live region, assertive for errors, with a close button. */
export function Notice({ notice, onDismiss, testId }: { notice: NoticeData | null; onDismiss?: () => void; testId?: string }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} politeness={notice.intent === 'error' ? 'assertive' : 'polite'} data-testid={testId} layout="multiline">
      <MessageBarBody>{notice.text}</MessageBarBody>
      {onDismiss && (
        <MessageBarActions containerAction={<Button appearance="transparent" size="small" aria-label="Закрыть сообщение" icon={<Dismiss16Regular />} onClick={onDismiss} />} />
      )}
    </MessageBar>
  );
}
