import { z } from 'zod';

// zod compiles object validators with `new Function` where it may, and probes for that when a schema is built. Under
// the app's CSP (script-src 'self', no 'unsafe-eval') the probe is refused and reported as a violation: jitless skips
// both. zod is not in the first chunk the window loads: the one module that reaches a schema (lib/connectionForm.ts)
// imports this module first, so it runs before any schema is built.
z.config({ jitless: true });
