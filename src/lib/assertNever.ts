/** Exhaustiveness check for closed unions: a new member that a switch forgot fails the type check. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
