import { InvalidFieldError } from '@chat/kit';

type Body = Record<string, unknown>;

/**
 * A string field. Anything else, notably an object such as `{"$ne": null}`, is refused, so no
 * query operator can travel from a request into a database filter.
 */
export function requiredString(body: Body, name: string, max = 1_024): string {
  const value = body[name];
  if (value === undefined || value === null) {
    throw new InvalidFieldError(name, `${name} is required.`);
  }
  return checkString(name, value, max);
}

export function optionalString(body: Body, name: string, max = 1_024): string | undefined {
  const value = body[name];
  return value === undefined || value === null ? undefined : checkString(name, value, max);
}

function checkString(name: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw new InvalidFieldError(name, `${name} must be a string.`);
  if (value.length > max) throw new InvalidFieldError(name, `${name} is longer than ${max}.`);
  return value;
}

/** A non-negative integer from a query parameter, or the fallback when absent. */
export function queryInt(params: URLSearchParams, name: string, fallback: number, max: number) {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) > max) {
    throw new InvalidFieldError(name, `${name} must be an integer from 0 to ${max}.`);
  }
  return Number(raw);
}

/** A list of at most `max` strings (ids), each at most 64 characters. */
export function stringList(body: Body, name: string, max = 100): string[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  if (
    !Array.isArray(value) ||
    value.length > max ||
    value.some((v) => typeof v !== 'string' || v.length > 64)
  ) {
    throw new InvalidFieldError(name, `${name} must be a list of at most ${max} ids.`);
  }
  return value as string[];
}

/** A whole number of at least 0 in the body. */
export function requiredCount(body: Body, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidFieldError(name, `${name} must be a whole number, 0 or more.`);
  }
  return value;
}

export function requiredBoolean(body: Body, name: string): boolean {
  const value = body[name];
  if (typeof value !== 'boolean')
    throw new InvalidFieldError(name, `${name} must be true or false.`);
  return value;
}
