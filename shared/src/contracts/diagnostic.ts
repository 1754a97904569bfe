/** A finding as the server sends it: the core's `Diagnostic`, with cell values as JSON has them. */
import { z } from 'zod';
import type { Diagnostic } from '../engine/diagnostic';
import { jsonCell } from './submission-form';

export const severity = z.enum(['error', 'warning', 'info']);

export const cellEdit = z.object({ sheet: z.string(), cell: z.string().meta({ examples: ['D12'] }), value: jsonCell });

export const fix = z.object({
  description: z.string().meta({ description: 'Что делает исправление, по-русски.' }),
  edits: z.array(cellEdit),
  safe: z.boolean().meta({ description: 'true: смысл не меняется, входит в «Исправить все».' }),
});

export const diagnostic = z
  .object({
    ruleId: z.string(),
    severity,
    sheet: z.string(),
    cell: z.string().meta({ examples: ['D12'] }),
    message: z.string(),
    messageId: z.string().optional().meta({ description: 'Идентификатор сообщения правила (meta.messages).' }),
    data: z.record(z.string(), z.union([z.string(), z.number()])).optional().meta({ description: 'Значения, подставленные в сообщение.' }),
    table: z.string().optional().meta({ examples: ['A4:E80'] }),
    fix: fix.optional(),
  })
  .meta({ id: 'Diagnostic' });
export type WireDiagnostic = z.infer<typeof diagnostic>;

// A diagnostic read from the wire is the core's Diagnostic (the core's may also hold a Date, which JSON turns into text).
const _isDiagnostic: Diagnostic = null as unknown as WireDiagnostic;
void _isDiagnostic;
