import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { RUN_KINDS, RunKindDefinition } from './run-kinds';
import { RUN_PROCESSOR_KIND, RunProcessor } from './run-processor';

/**
 * Finds the providers marked with @RunProcessorFor at start-up and refuses to start unless
 * every kind in RUN_KINDS has exactly one processor and every processor a known kind.
 */
@Injectable()
export class RunProcessorRegistry implements OnModuleInit {
  private readonly processors = new Map<string, RunProcessor>();
  private readonly kinds = new Map(RUN_KINDS.map((k) => [k.kind, k]));

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance || typeof metatype !== 'function') continue;
      const kind = this.reflector.get<string | undefined>(RUN_PROCESSOR_KIND, metatype);
      if (!kind) continue;
      found.set(kind, [...(found.get(kind) ?? []), metatype.name]);
      this.processors.set(kind, instance as RunProcessor);
    }
    const problems = checkProcessors([...this.kinds.keys()], found);
    if (problems.length)
      throw new Error(`Run processors are misconfigured:\n  - ${problems.join('\n  - ')}`);
  }

  definition(kind: string): RunKindDefinition | undefined {
    return this.kinds.get(kind);
  }

  processor(kind: string): RunProcessor | undefined {
    return this.processors.get(kind);
  }
}

/** Problems with the processors found per kind (pure, unit-tested). */
export function checkProcessors(kinds: string[], found: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const kind of kinds) {
    const names = found.get(kind) ?? [];
    if (names.length === 0) problems.push(`kind "${kind}" has no processor`);
    if (names.length > 1)
      problems.push(`kind "${kind}" has ${names.length} processors: ${names.join(', ')}`);
  }
  for (const [kind, names] of found) {
    if (!kinds.includes(kind))
      problems.push(`${names.join(', ')} processes "${kind}", which is not in RUN_KINDS`);
  }
  return problems;
}
