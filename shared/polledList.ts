import { z } from 'zod';

/**
 * A list a view polls. The core answers `unchanged` when its fresh reading has the revision the view already holds,
 * so ten thousand unchanged positions neither cross IPC nor get parsed and compared in the renderer every poll.
 */
export type PolledList<T> = { revision: string; unchanged: true } | { revision: string; unchanged: false; items: T[] };

export const revisionSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a revision the core gave, 1 to 64 letters, digits, - or _' });
