import { SetMetadata, Type } from '@nestjs/common';
import type { RunGroup } from '../../libs/runs-core';

export { RUN_GROUPS, groupPriority, type RunGroup } from '../../libs/runs-core';

/** What a feature declares about one kind of run, on the kind's processor class. */
export interface RunKindDefinition<P extends object = object> {
  /** Lower-case letters, digits and `_`, starting with a letter; at most 64 characters. */
  kind: string;
  group: RunGroup;
  /** Default max_attempts of a run of this kind. */
  maxAttempts: number;
  /** Default timeout_seconds; null: no limit. */
  timeoutSeconds: number | null;
  /**
   * The class-validator DTO of the run's params: a run whose params do not validate is not
   * created (RunParamsError, a 400), and the processor receives them as an instance of it.
   */
  params: Type<P>;
}

export const KIND_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export const RUN_KIND = 'tippers:run-kind';

/**
 * Declares a run kind on its processor (a provider implementing RunProcessor<P>). The run
 * engine discovers it at start-up: adding a kind edits no file of the runs module.
 */
export function RunKind<P extends object>(def: RunKindDefinition<P>): ClassDecorator {
  return SetMetadata(RUN_KIND, def);
}
