import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export interface NoticeData {
  intent: 'success' | 'error' | 'warning' | 'info';
  text: string;
}

/** One message of a page: a polite live region, assertive for errors. */
export function Notice({ notice, testId }: { notice: NoticeData | null; testId?: string }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} politeness={notice.intent === 'error' ? 'assertive' : 'polite'} layout="multiline" data-testid={testId}>
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
