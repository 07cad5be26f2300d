import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsInt,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';

/**
 * Field rules for request bodies (connections, concepts, assets). Each validator passes null/undefined through and leaves
 * presence to `Presence()`, so a missing or wrong field gives exactly one message naming it.
 */

/** `got "abc"` for messages; never used on secret fields. */
export function shown(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Required on create (`partial` false): missing or null is an error. On update (`partial`):
 * omitted is fine, null is an error (only the password may be cleared).
 */
export function Presence(partial: boolean): PropertyDecorator {
  return partial
    ? applyDecorators(
        ValidateIf((_o, v) => v !== undefined),
        IsDefined({ message: '$property must not be null (omit it to keep the current value)' }),
      )
    : IsDefined({ message: '$property is required' });
}

/** Trims strings; leaves other types to the validators (which then reject them). */
export const Trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A string of 1..max characters that is not blank, optionally matching `pattern`. */
export function IsBoundedText(
  max: number,
  pattern?: { regex: RegExp; rule: string },
): PropertyDecorator {
  return ValidateBy({
    name: 'isBoundedText',
    validator: {
      validate: (v: unknown) =>
        v === null ||
        v === undefined ||
        (typeof v === 'string' &&
          v.trim().length > 0 &&
          v.length <= max &&
          (!pattern || pattern.regex.test(v))),
      defaultMessage: (a?: ValidationArguments) =>
        `${a?.property} must be a non-blank string of at most ${max} characters` +
        (pattern ? ` (${pattern.rule})` : '') +
        `, got ${shown(a?.value)}`,
    },
  });
}

/** An integer TCP port, 1..65535 (a numeric string is not accepted). */
export function IsPort(): PropertyDecorator {
  return ValidateBy({
    name: 'isPort',
    validator: {
      validate: (v: unknown) =>
        v === null ||
        v === undefined ||
        (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535),
      defaultMessage: (a?: ValidationArguments) =>
        `${a?.property} must be an integer between 1 and 65535, got ${shown(a?.value)}`,
    },
  });
}

/** One of `allowed`, with a message saying what is supported. */
export function IsSupportedType(allowed: readonly string[]): PropertyDecorator {
  return ValidateBy({
    name: 'isSupportedType',
    validator: {
      validate: (v: unknown) =>
        v === null || v === undefined || (typeof v === 'string' && allowed.includes(v)),
      defaultMessage: (a?: ValidationArguments) =>
        `${a?.property} ${shown(a?.value)} is not supported: only ${allowed.map((t) => `"${t}"`).join(', ')} ` +
        `${allowed.length === 1 ? 'is' : 'are'} supported`,
    },
  });
}

/** An optional secret: a string up to `max` characters, or null. The value is never echoed. */
export function IsSecret(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isSecret',
    validator: {
      validate: (v: unknown) =>
        v === null || v === undefined || (typeof v === 'string' && v.length <= max),
      defaultMessage: (a?: ValidationArguments) =>
        `${a?.property} must be a string of at most ${max} characters, or null for none`,
    },
  });
}

/** Optional free text: a string of at most `max` characters, or null (clears it). */
export function OptionalText(max: number): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_o, v) => v !== undefined && v !== null),
    ValidateBy({
      name: 'isOptionalText',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && v.length <= max,
        defaultMessage: (a?: ValidationArguments) =>
          `${a?.property} must be a string of at most ${max} characters or null, got ${shown(a?.value)}`,
      },
    }),
  );
}

/** A 32-bit positive integer id (a serial key), with messages naming `field`. */
export const IsId =
  (field: string): PropertyDecorator =>
  (target, key) => {
    IsInt({ message: `${field} must be an integer id` })(target, key);
    Min(1, { message: `${field} must be a positive id` })(target, key);
    Max(2_147_483_647, { message: `${field} must be a 32-bit id` })(target, key);
  };

/** A list of distinct 32-bit positive ids, at most `max` (at least one when `nonEmpty`). */
export const IsIdList =
  (max: number, nonEmpty = false): PropertyDecorator =>
  (target, key) => {
    IsArray({ message: '$property must be a list of ids' })(target, key);
    if (nonEmpty) ArrayMinSize(1, { message: '$property must name at least one id' })(target, key);
    ArrayMaxSize(max, { message: `$property may hold at most ${max} ids` })(target, key);
    ArrayUnique(undefined, { message: '$property must not repeat an id' })(target, key);
    IsInt({ each: true, message: '$property must hold integer ids' })(target, key);
    Min(1, { each: true, message: '$property must hold positive ids' })(target, key);
    Max(2_147_483_647, { each: true, message: '$property must hold 32-bit ids' })(target, key);
  };
