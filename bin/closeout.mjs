#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so the command works from a fresh clone without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli.ts');
await main();
