import { Badge } from '@fluentui/react-components';
import type { RegionStatus } from '../api';

type Status = RegionStatus['municipalities'][number]['status'];

/** A status's colour: what needs the coordinator's attention stands out, «не сдано» before the deadline does not. */
const COLORS: Record<Status, { color: 'success' | 'warning' | 'danger' | 'informative' | 'subtle' | 'severe'; appearance: 'filled' | 'tint' | 'outline' }> = {
  принято: { color: 'success', appearance: 'tint' },
  'сдано с опозданием': { color: 'warning', appearance: 'tint' },
  'ждёт сопоставления': { color: 'informative', appearance: 'tint' },
  'сдано с ошибками': { color: 'danger', appearance: 'tint' },
  'не сдано': { color: 'informative', appearance: 'outline' },
  просрочено: { color: 'danger', appearance: 'filled' },
  // The municipality has to act; nothing of it is in the Свод.
  'возвращено на доработку': { color: 'severe', appearance: 'tint' },
  // Out of the count: neither a warning nor a success.
  отключён: { color: 'subtle', appearance: 'tint' },
};

export function StatusBadge({ status }: { status: Status }) {
  const c = COLORS[status];
  return (
    <Badge appearance={c.appearance} color={c.color} shape="rounded" data-status={status} style={{ whiteSpace: 'nowrap' }}>
      {status}
    </Badge>
  );
}

/** A version's own verdict: accepted into the Свод or rejected for its errors. */
export function VerdictBadge({ status }: { status: 'accepted' | 'rejected' }) {
  return (
    <Badge appearance="tint" color={status === 'accepted' ? 'success' : 'danger'} shape="rounded" style={{ whiteSpace: 'nowrap' }}>
      {status === 'accepted' ? 'принята' : 'отклонена'}
    </Badge>
  );
}

/** A version the coordinator returned for rework: it stays out of the Свод, whatever its verdict. */
export function ReturnedBadge() {
  return (
    <Badge appearance="outline" color="severe" shape="rounded" style={{ whiteSpace: 'nowrap' }} data-returned="">
      возвращена
    </Badge>
  );
}
