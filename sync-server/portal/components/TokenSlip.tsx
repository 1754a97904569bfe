/**
 * A token just issued: shown once, with a copy button and a printable hand-over slip (the portal's address, whose
 * token it is, the token and what to do with it). A municipality's comes from its region's coordinator; a new
 * region's coordinator's from the federal coordinator. The token is never stored or fetched again by the portal.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { Copy20Regular, Print20Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  token: {
    display: 'block',
    padding: tokens.spacingVerticalS,
    margin: `${tokens.spacingVerticalS} 0`,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    background: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
    userSelect: 'all',
  },
  p: { margin: `${tokens.spacingVerticalXS} 0` },
});

export interface IssuedToken {
  /** Whose token: a municipality's (the default), or the coordinator's of a region just created. */
  holder?: 'municipality' | 'region-coordinator';
  /** The municipality's code, or the region's for its coordinator. */
  id: string;
  name: string;
  token: string;
  /** `created`: a new municipality; `rotated`: its old token stopped working. */
  reason: 'created' | 'rotated';
}

export function portalAddress(): string {
  return `${location.origin}/portal/`;
}

export function TokenSlip({ issued, region, onClose }: { issued: IssuedToken; region: string; onClose(): void }) {
  const s = useStyles();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => () => document.body.classList.remove('svod-printing'), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  const print = () => {
    document.body.classList.add('svod-printing');
    // The class is removed when printing ends (or the dialog closes): the page looks as before.
    window.addEventListener('afterprint', () => document.body.classList.remove('svod-printing'), { once: true });
    window.print();
  };
  const coordinator = issued.holder === 'region-coordinator';
  const issuedAt = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());

  return (
    <>
      <Dialog open modalType="alert" onOpenChange={(_e, d) => !d.open && onClose()}>
        <DialogSurface aria-describedby="token-once">
          <DialogBody>
            <DialogTitle>{coordinator ? `Токен координатора региона «${issued.name}»` : `Токен для «${issued.name}»`}</DialogTitle>
            <DialogContent>
              <p className={s.p} id="token-once">
                {issued.reason === 'rotated' ? 'Старый токен уже не действует. ' : ''}Токен показывается один раз: скопируйте его или распечатайте памятку и передайте
                {coordinator ? ' координатору региона' : ' муниципалитету'}. Потерянный токен не восстановить — только выдать новый.
              </p>
              <code className={s.token} data-testid="issued-token">
                {issued.token}
              </code>
              {copied === 'yes' && (
                <MessageBar intent="success">
                  <MessageBarBody>Токен скопирован.</MessageBarBody>
                </MessageBar>
              )}
              {copied === 'no' && (
                <MessageBar intent="warning">
                  <MessageBarBody>Браузер не дал скопировать: выделите токен и нажмите Ctrl+C.</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" icon={<Copy20Regular />} onClick={() => void copy()}>
                Скопировать
              </Button>
              <Button icon={<Print20Regular />} onClick={print}>
                Распечатать памятку
              </Button>
              <Button onClick={onClose}>Готово</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {createPortal(
        <div className="svod-print-only" data-testid="slip" style={{ fontFamily: 'inherit', padding: '16mm', fontSize: '14pt', lineHeight: 1.5 }}>
          <h1 style={{ fontSize: '20pt', margin: '0 0 8mm' }}>Доступ к порталу Svod</h1>
          {coordinator ? (
            <p>
              Регион: <b>{issued.name}</b> (код {issued.id})
              <br />
              Роль: <b>координатор региона</b>
              <br />
              Выдан: {issuedAt}
            </p>
          ) : (
            <p>
              Регион: <b>{region}</b>
              <br />
              Муниципалитет: <b>{issued.name}</b> (код {issued.id})
              <br />
              Выдан: {issuedAt}
            </p>
          )}
          <p>
            Адрес портала: <b>{portalAddress()}</b>
          </p>
          <p>Токен доступа (вводится при входе на портал, храните как пароль):</p>
          <p style={{ fontFamily: 'monospace', fontSize: '13pt', border: '1px solid #000', padding: '4mm', wordBreak: 'break-all' }}>{issued.token}</p>
          {coordinator ? (
            <>
              <ol>
                <li>Откройте адрес портала в браузере.</li>
                <li>Вставьте токен в поле «Токен доступа» и нажмите «Войти».</li>
                <li>На вкладке «Шаблон» загрузите шаблон отчёта региона.</li>
                <li>На вкладке «Муниципалитеты» добавьте муниципалитеты и передайте каждому его токен на памятке.</li>
                <li>На вкладке «Сбор» установите срок сдачи и следите, кто сдал отчёт.</li>
              </ol>
              <p>Если токен потерян или мог попасть к посторонним, обратитесь к администратору сервера: он выдаст новый, старый перестанет действовать.</p>
            </>
          ) : (
            <>
              <ol>
                <li>Откройте адрес портала в браузере.</li>
                <li>Вставьте токен в поле «Токен доступа» и нажмите «Войти».</li>
                <li>На вкладке «Сдать отчёт» скачайте шаблон, заполните его и перетащите файл (xlsx, ods или csv) в поле загрузки.</li>
                <li>Портал сразу покажет итог проверки и замечания с адресами ячеек.</li>
              </ol>
              <p>Если токен потерян или мог попасть к посторонним, попросите координатора выдать новый: старый перестанет действовать.</p>
            </>
          )}
        </div>,
        document.body,
      )}
    </>
  );
}
