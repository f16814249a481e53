import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './importCycles';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['shared', 'electron', 'renderer', 'sim', 'e2e', 'scripts', 'bench'];

describe('import cycles', () => {
  it('finds none among the project\'s modules, type-only imports included', () => {
    const graph = importGraph(ROOT, FOLDERS);
    expect(graph.get('electron/core/dispatcher.ts')).toContain('electron/core/handlers.ts');
    expect(importCycles(graph)).toEqual([]);
  });

  it('reports a loop of three modules as one group and leaves the modules beside it out', () => {
    const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts', 'd.ts']], ['c.ts', ['a.ts']], ['d.ts', []]]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('reports a module that imports itself', () => {
    expect(importCycles(new Map([['a.ts', ['a.ts']]]))).toEqual([['a.ts']]);
  });
});
