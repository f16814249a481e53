import { z } from 'zod';

// zod compiles object validators with `new Function` where it may, and probes for that when a schema is built. Under
// the app's CSP (script-src 'self', no 'unsafe-eval') the probe is refused and reported as a violation: jitless skips
// both. main.tsx imports this module first, so it runs before any module builds a schema.
z.config({ jitless: true });
