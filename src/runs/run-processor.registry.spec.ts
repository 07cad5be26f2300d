import { RUN_KINDS } from './run-kinds';
import { checkProcessors } from './run-processor.registry';

const found = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('checkProcessors', () => {
  it('reports nothing when every kind has exactly one processor and no processor is unknown', () => {
    expect(
      checkProcessors(
        ['diagnostic', 'occupancy'],
        found({ diagnostic: ['DiagnosticProcessor'], occupancy: ['OccupancyProcessor'] }),
      ),
    ).toEqual([]);
  });

  it('accepts the shipped RUN_KINDS with one processor each', () => {
    const kinds = RUN_KINDS.map((k) => k.kind);
    expect(checkProcessors(kinds, new Map(kinds.map((k) => [k, [`${k}Processor`]])))).toEqual([]);
  });

  it('reports nothing for no kinds and no processors', () => {
    expect(checkProcessors([], new Map())).toEqual([]);
  });

  it('names a kind that has no processor', () => {
    expect(
      checkProcessors(['diagnostic', 'occupancy'], found({ diagnostic: ['DiagnosticProcessor'] })),
    ).toEqual(['kind "occupancy" has no processor']);
  });

  it('treats an empty list of processors for a kind as no processor', () => {
    expect(checkProcessors(['diagnostic'], found({ diagnostic: [] }))).toEqual([
      'kind "diagnostic" has no processor',
    ]);
  });

  it('names both classes when a kind has two processors', () => {
    expect(
      checkProcessors(
        ['diagnostic'],
        found({ diagnostic: ['DiagnosticProcessor', 'OtherDiagnosticProcessor'] }),
      ),
    ).toEqual([
      'kind "diagnostic" has 2 processors: DiagnosticProcessor, OtherDiagnosticProcessor',
    ]);
  });

  it('names a processor whose kind is not in RUN_KINDS', () => {
    expect(
      checkProcessors(
        ['diagnostic'],
        found({ diagnostic: ['DiagnosticProcessor'], sorcery: ['SorceryProcessor'] }),
      ),
    ).toEqual(['SorceryProcessor processes "sorcery", which is not in RUN_KINDS']);
  });

  it('reports every problem at once', () => {
    const problems = checkProcessors(
      ['diagnostic', 'occupancy', 'labels'],
      found({
        diagnostic: ['A', 'B'],
        labels: ['LabelsProcessor'],
        unknown: ['X', 'Y'],
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        'kind "diagnostic" has 2 processors: A, B',
        'kind "occupancy" has no processor',
        'X, Y processes "unknown", which is not in RUN_KINDS',
      ]),
    );
  });
});
