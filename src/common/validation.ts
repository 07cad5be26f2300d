import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens nested class-validator errors into "field.path: problem" lines. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? `${prefix ? prefix + '.' : ''}${m}` : `${field}: ${m}`,
    );
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/**
 * The global pipe: unknown fields and wrong types are 400s naming the field. Bodies are not
 * converted implicitly (a string where a number belongs is an error); query DTOs declare
 * their own conversions with @Type.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new BadRequestException({ message: details.join('; '), details });
    },
  });
}
