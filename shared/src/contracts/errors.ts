/** Every refusal of the API has one body: a stable code for programs and a Russian sentence for a person. */
import { z } from 'zod';

export const apiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Стабильный код: unauthorized, bad-json, rate-limited, …', examples: ['bad-json'] }),
      message: z.string().meta({ description: 'По-русски, для человека: что случилось и что сделать.' }),
    }),
  })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof apiError>;
