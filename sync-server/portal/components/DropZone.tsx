/**
 * A file by drag and drop or by the ordinary file dialog (the button is the keyboard's way in), with upload progress.
 * Only what the server reads is offered; anything else is refused here in Russian before it is sent.
 */
import { useId, useRef, useState } from 'react';
import { Button, makeStyles, mergeClasses, ProgressBar, tokens } from '@fluentui/react-components';
import { ArrowUpload24Regular } from '@fluentui/react-icons';
import { sizeText } from '../region';

const useStyles = makeStyles({
  zone: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    background: tokens.colorNeutralBackground2,
    textAlign: 'center',
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, background: tokens.colorBrandBackground2 },
  hint: { margin: 0, color: tokens.colorNeutralForeground2 },
  big: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  progress: { width: '100%', maxWidth: '420px' },
});

export interface DropZoneProps {
  /** Extensions accepted, lower case with the dot. */
  accept: readonly string[];
  busy: boolean;
  /** Sent bytes while uploading; null otherwise. */
  progress: { done: number; total: number | null } | null;
  onFile(file: File): void;
  onRefuse(message: string): void;
  label: string;
  testId?: string;
}

export function DropZone({ accept, busy, progress, onFile, onRefuse, label, testId }: DropZoneProps) {
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    const ext = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? '';
    if (!accept.includes(ext)) {
      onRefuse(`Файл «${file.name}» не подходит: загрузите таблицу ${accept.join(', ')}. Файл .xls (Excel 97–2003) сначала сохраните как .xlsx.`);
      return;
    }
    onFile(file);
  };
  return (
    <div
      className={mergeClasses(s.zone, over && s.over)}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        if (!busy) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!busy) take(e.dataTransfer.files);
      }}
    >
      <ArrowUpload24Regular aria-hidden />
      <p className={s.big}>{label}</p>
      <p className={s.hint} id={hintId}>
        Перетащите файл сюда или выберите его ({accept.join(', ')}).
      </p>
      <Button appearance="primary" disabled={busy} onClick={() => input.current?.click()} aria-describedby={hintId}>
        Выбрать файл…
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept.join(',')}
        data-testid={testId ? `${testId}-input` : undefined}
        onChange={(e) => {
          take(e.target.files);
          e.target.value = '';
        }}
      />
      {progress && (
        <div className={s.progress} role="status">
          <ProgressBar value={progress.total ? progress.done / progress.total : undefined} thickness="large" />
          {progress.total && progress.done >= progress.total ? 'Файл отправлен, сервер проверяет таблицы…' : `Отправлено ${sizeText(progress.done)}${progress.total ? ` из ${sizeText(progress.total)}` : ''}`}
        </div>
      )}
    </div>
  );
}
