import { BadRequestException, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/validation';
import { KIND_NAME, RUN_GROUPS, RUN_KIND, RunKindDefinition } from './run-kind';
import type { RunProcessor } from './run-processor';

/** Params that do not fit the kind's params DTO (a 400 when it reaches HTTP). */
export class RunParamsError extends BadRequestException {}

/** An unknown kind asked for by code (a bug, not user input). */
export class UnknownRunKindError extends Error {}

interface Declared {
  def: RunKindDefinition;
  processor: RunProcessor;
  className: string;
}

/**
 * Finds the providers declared with @RunKind at start-up and refuses to start when a kind is
 * declared twice or declared wrongly. Kinds live with their features; this knows none by name.
 */
@Injectable()
export class RunProcessorRegistry implements OnModuleInit {
  private readonly kinds = new Map<string, Declared>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found: Declared[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance || typeof metatype !== 'function') continue;
      const def = this.reflector.get<RunKindDefinition | undefined>(RUN_KIND, metatype);
      if (!def) continue;
      found.push({ def, processor: instance as RunProcessor, className: metatype.name });
    }
    const problems = checkDeclarations(found.map((f) => ({ ...f.def, className: f.className })));
    if (problems.length)
      throw new Error(`Run kinds are misconfigured:\n  - ${problems.join('\n  - ')}`);
    for (const f of found) this.kinds.set(f.def.kind, f);
  }

  /** The kind's declaration; throws UnknownRunKindError for a kind nobody declared. */
  definition(kind: string): RunKindDefinition {
    const d = this.kinds.get(kind);
    if (!d) throw new UnknownRunKindError(`unknown run kind "${kind}"`);
    return d.def;
  }

  processor(kind: string): RunProcessor | undefined {
    return this.kinds.get(kind)?.processor;
  }

  kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  /**
   * Validates `params` against the kind's params DTO: the plain params to store, or a
   * RunParamsError naming every problem. Unknown properties are refused.
   */
  checkParams(kind: string, params: Record<string, unknown>): Record<string, unknown> {
    const instance = this.toParams(kind, params);
    const errors = validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    });
    if (errors.length)
      throw new RunParamsError(
        `params of a "${kind}" run: ${flattenValidationErrors(errors).join('; ')}`,
      );
    return JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
  }

  /**
   * The stored params of a run as an instance of its kind's DTO (what its processor gets).
   * They were validated when the run was created.
   */
  toParams(kind: string, params: Record<string, unknown>): object {
    return plainToInstance(this.definition(kind).params, params ?? {});
  }
}

/** Problems with the declared kinds (pure, unit-tested). */
export function checkDeclarations(
  declared: (RunKindDefinition & { className: string })[],
): string[] {
  const problems: string[] = [];
  const byKind = new Map<string, string[]>();
  for (const d of declared) {
    byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d.className]);
    const where = `${d.className} (kind "${d.kind}")`;
    if (!KIND_NAME.test(d.kind))
      problems.push(`${where}: a kind is 1-64 lower-case letters, digits or _, from a letter`);
    if (!RUN_GROUPS.includes(d.group))
      problems.push(`${where}: group must be one of ${RUN_GROUPS.join(', ')}`);
    if (!Number.isInteger(d.maxAttempts) || d.maxAttempts < 1)
      problems.push(`${where}: maxAttempts must be a positive integer`);
    if (d.timeoutSeconds !== null && !(Number.isInteger(d.timeoutSeconds) && d.timeoutSeconds > 0))
      problems.push(`${where}: timeoutSeconds must be a positive integer or null`);
    if (typeof d.params !== 'function') problems.push(`${where}: params must be a DTO class`);
  }
  for (const [kind, names] of byKind) {
    if (names.length > 1)
      problems.push(
        `kind "${kind}" is declared by ${names.length} processors: ${names.join(', ')}`,
      );
  }
  return problems;
}
