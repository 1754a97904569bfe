/** A template's indicators as a table: number, name (with its unit on a phone) and unit; lower-is-better marked. */
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { TemplatePreview } from '../api';
import { useNarrow } from './layout';

export function IndicatorTable({ indicators, label, className }: { indicators: TemplatePreview['indicators']; label: string; className?: string }) {
  const narrow = useNarrow();
  if (!indicators.length) return null;
  return (
    <div className={className}>
      <Table size="small" aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: '4em' }}>№</TableHeaderCell>
            <TableHeaderCell>Показатель</TableHeaderCell>
            {!narrow && <TableHeaderCell style={{ width: '9em' }}>Ед. изм.</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {indicators.map((i, k) => (
            <TableRow key={k}>
              <TableCell>{i.number ?? ''}</TableCell>
              <TableCell>
                {i.name}
                {narrow && i.unit ? `, ${i.unit}` : ''}{' '}
                {i.lowerIsBetter && (
                  <Badge size="small" appearance="tint" color="informative">
                    меньше — лучше
                  </Badge>
                )}
              </TableCell>
              {!narrow && <TableCell>{i.unit}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

