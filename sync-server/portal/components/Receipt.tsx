/** The server's verdict on one version: accepted or rejected and why, its counts, what reached the Свод, its findings. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { SubmissionDetails, SubmissionReceipt } from '../api';
import { countsText } from '../../../addin/src/state/diagnostics';
import { regionTime, usePortal } from '../region';
import { Findings } from './Findings';
import { VerdictBadge } from './StatusBadge';
import { useLayout } from './layout';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  verdict: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/**
 * `inSvod`: whether this version is the one in the Свод now (known from the status answer); a version just sent and
 * accepted is. Unknown, an accepted version only says it was accepted: an older or returned one is not in the Свод.
 */
export function Receipt({ version, fresh, inSvod }: { version: SubmissionReceipt | SubmissionDetails; fresh?: boolean; inSvod?: boolean }) {
  const s = useStyles();
  const l = useLayout();
  const { region } = usePortal();
  const duplicate = 'duplicate' in version && version.duplicate;
  return (
    <section className={l.page} style={{ gap: tokens.spacingVerticalS }} aria-label={`Версия ${version.version}`} data-testid="receipt">
      <div className={s.head} role={fresh ? 'status' : undefined}>
        <p className={s.verdict}>{fresh ? `${duplicate ? 'Уже отправлено' : 'Отправлено'}: версия ${version.version}` : 'Итог проверки:'}</p>
        <VerdictBadge status={version.status} />
      </div>
      <p className={l.muted}>
        {version.fileName ? `«${version.fileName}», ` : ''}
        {regionTime(version.submittedAt, region.timeZone)} ({region.zone})
      </p>
      {duplicate && <p className={l.p}>Такой же файл уже был отправлен: новая версия не создана, показана прежняя.</p>}
      <p className={l.p} data-testid="verdict">
        {version.status === 'accepted'
          ? inSvod === false
            ? 'Версия принята, но в своде региона сейчас не она.'
            : inSvod || fresh
              ? 'Версия принята: её данные в своде региона.'
              : 'Версия принята.'
          : 'Версия отклонена из-за ошибок: исправьте их и отправьте файл ещё раз. В своде остаётся прежняя принятая версия, если она есть.'}{' '}
        Найдено: {countsText(version.summary)}.
        {version.summary.truncated ? ' Список сокращён: показаны не все замечания (ошибки — в первую очередь).' : ''}
      </p>
      {version.indicators && <p className={l.p}>{version.indicators.message}</p>}
      <Findings diagnostics={version.diagnostics} />
    </section>
  );
}
