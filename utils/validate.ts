// A small schema validator: every byte from a page, a message or a file is checked through one of these
// before it is trusted. Each validator returns the typed value or the path and reason of the first problem.

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export type Validator<T> = (input: unknown, path?: string) => Result<T>;
export type Infer<V> = V extends Validator<infer T> ? T : never;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (path: string, reason: string): Result<never> => ({
  ok: false,
  error: `${path || 'value'}: ${reason}`,
});

export function str(opts: { min?: number; max?: number; pattern?: RegExp } = {}): Validator<string> {
  const { min = 0, max = 100_000, pattern } = opts;
  return (input, path = '') => {
    if (typeof input !== 'string') return fail(path, `expected a string, got ${describe(input)}`);
    if (input.length < min) return fail(path, `must have at least ${min} characters`);
    if (input.length > max) return fail(path, `must have at most ${max} characters`);
    if (pattern && !pattern.test(input)) return fail(path, `does not match ${pattern}`);
    return ok(input);
  };
}

export function num(opts: { min?: number; max?: number; integer?: boolean } = {}): Validator<number> {
  const { min = -Infinity, max = Infinity, integer = false } = opts;
  return (input, path = '') => {
    if (typeof input !== 'number' || !Number.isFinite(input))
      return fail(path, `expected a number, got ${describe(input)}`);
    if (integer && !Number.isInteger(input)) return fail(path, 'must be a whole number');
    if (input < min || input > max) return fail(path, `must be between ${min} and ${max}`);
    return ok(input);
  };
}

export const bool: Validator<boolean> = (input, path = '') =>
  typeof input === 'boolean' ? ok(input) : fail(path, `expected true or false, got ${describe(input)}`);

export function literal<const T extends string | number | boolean>(...values: T[]): Validator<T> {
  return (input, path = '') =>
    values.includes(input as T)
      ? ok(input as T)
      : fail(path, `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
}

export function arr<T>(item: Validator<T>, opts: { min?: number; max?: number } = {}): Validator<T[]> {
  const { min = 0, max = 100_000 } = opts;
  return (input, path = '') => {
    if (!Array.isArray(input)) return fail(path, `expected a list, got ${describe(input)}`);
    if (input.length < min) return fail(path, `must have at least ${min} item${min === 1 ? '' : 's'}`);
    if (input.length > max) return fail(path, `must have at most ${max} items`);
    const out: T[] = [];
    for (let i = 0; i < input.length; i++) {
      const r = item(input[i], `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  };
}

export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  return (input, path = '') => (input === undefined ? ok(undefined) : inner(input, path));
}

/** Accepts a missing value as `fallback`: fields a hand-written file may leave out. */
export function withDefault<T>(inner: Validator<T>, fallback: () => NoInfer<T>): Validator<T> {
  return (input, path = '') => (input === undefined ? ok(fallback()) : inner(input, path));
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (input, path = '') => (input === null ? ok(null) : inner(input, path));
}

type Shape = Record<string, Validator<unknown>>;
type ObjectOf<S extends Shape> = {
  [K in keyof S as undefined extends Infer<S[K]> ? never : K]: Infer<S[K]>;
} & {
  [K in keyof S as undefined extends Infer<S[K]> ? K : never]?: Infer<S[K]>;
};

/** Plain objects only; keys not in the shape are refused, so nothing unchecked slips through. */
export function obj<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return (input, path = '') => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return fail(path, `expected an object, got ${describe(input)}`);
    const record = input as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // Own keys only: "constructor" or "__proto__" are in every object's prototype, never in a shape.
      if (!Object.hasOwn(shape, key)) return fail(path, `unexpected field "${key}"`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, validator] of Object.entries(shape)) {
      const r = validator(record[key], path ? `${path}.${key}` : key);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return ok(out as ObjectOf<S>);
  };
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input;
}

/** An object used as a map: every key matches `key`, every value passes `value`. */
export function record<T>(
  key: RegExp,
  value: Validator<T>,
  opts: { max?: number } = {},
): Validator<Record<string, T>> {
  const { max = 10_000 } = opts;
  return (input, path = '') => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return fail(path, `expected an object, got ${describe(input)}`);
    const entries = Object.entries(input);
    if (entries.length > max) return fail(path, `must have at most ${max} entries`);
    const out: Record<string, T> = {};
    for (const [k, v] of entries) {
      if (!key.test(k)) return fail(path, `key "${k.slice(0, 60)}" does not match ${key}`);
      const r = value(v, path ? `${path}.${k}` : k);
      if (!r.ok) return r;
      out[k] = r.value;
    }
    return ok(out);
  };
}
