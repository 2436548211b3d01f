import { z } from 'zod';

/** Params of a method that takes none: absent params are validated as `{}`; any key is refused. */
export const NoParams = z.strictObject({});
export type NoParams = z.infer<typeof NoParams>;
