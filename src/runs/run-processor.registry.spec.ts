import { IsInt } from 'class-validator';
import type { RunKindDefinition } from './run-kind';
import { checkDeclarations } from './run-processor.registry';

class Params {
  @IsInt() n: number;
}

const kind = (over: Partial<RunKindDefinition> & { className?: string } = {}) => ({
  kind: 'diagnostic',
  group: 'diagnostic' as const,
  maxAttempts: 1,
  timeoutSeconds: null,
  params: Params,
  className: 'DiagnosticProcessor',
  ...over,
});

describe('checkDeclarations', () => {
  it('reports nothing for well-formed kinds, each declared once', () => {
    expect(
      checkDeclarations([
        kind(),
        kind({ kind: 'occupancy_chunk', group: 'bulk', className: 'ChunkProcessor' }),
      ]),
    ).toEqual([]);
  });

  it('reports nothing for no kinds', () => {
    expect(checkDeclarations([])).toEqual([]);
  });

  it('names both classes when a kind is declared twice', () => {
    expect(checkDeclarations([kind(), kind({ className: 'Other' })])).toEqual([
      'kind "diagnostic" is declared by 2 processors: DiagnosticProcessor, Other',
    ]);
  });

  it.each([
    ['a kind name with capitals', { kind: 'Diag' }, 'lower-case'],
    ['a kind name of 65 characters', { kind: 'a'.repeat(65) }, 'lower-case'],
    ['an unknown group', { group: 'fast' as never }, 'group must be one of'],
    ['zero attempts', { maxAttempts: 0 }, 'maxAttempts'],
    ['a fractional timeout', { timeoutSeconds: 1.5 }, 'timeoutSeconds'],
    ['params that are no class', { params: undefined as never }, 'params must be a DTO class'],
  ])('refuses %s', (_what, over, message) => {
    const problems = checkDeclarations([kind(over)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
