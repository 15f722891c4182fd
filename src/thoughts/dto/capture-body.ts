import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationFailedException } from '../../common/errors/validation-failed.exception.js';
import { CreateThoughtDto } from './create-thought.dto.js';

const TRUE = new Set(['true', '1', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'off', 'no', '']);

/**
 * The three capture body formats, made into one validated DTO. JSON keeps its types; a form
 * carries only strings, so its booleans and comma-separated tags are read here.
 */
export async function toCreateThoughtDto(
  raw: unknown,
  contentType: string | undefined,
): Promise<CreateThoughtDto> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let plain: unknown = raw;
  if (type === 'text/plain') {
    plain = { content: typeof raw === 'string' ? raw : '', source: 'shortcut' };
  } else if (type === 'application/x-www-form-urlencoded') {
    plain = fromForm(raw as Record<string, unknown>);
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ValidationFailedException([
      { field: 'body', message: 'body must be a JSON object with "content"' },
    ]);
  }
  const dto = plainToInstance(CreateThoughtDto, plain);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw ValidationFailedException.fromErrors(errors);
  return dto;
}

function fromForm(form: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { source: 'shortcut' };
  for (const [key, value] of Object.entries(form ?? {})) {
    if (key === 'tags' && typeof value === 'string') {
      result.tags = value.split(',');
    } else if (key === 'local_only' && typeof value === 'string') {
      const flag = value.trim().toLowerCase();
      result.local_only = TRUE.has(flag) ? true : FALSE.has(flag) ? false : value;
    } else {
      result[key] = value;
    }
  }
  return result;
}
