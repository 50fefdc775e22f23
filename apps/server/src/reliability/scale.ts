/** `npm run test:nightly` sets TESSERA_NIGHTLY=1: the same tests with bigger counts. */
export const NIGHTLY = process.env.TESSERA_NIGHTLY === '1';

/** The CI count, or the nightly one. */
export function scale(ci: number, nightly: number): number {
  return NIGHTLY ? nightly : ci;
}

/**
 * The seed of a fault test: TESSERA_SEED reproduces a run (it is printed in every test name); otherwise the
 * test's committed default, so CI runs are deterministic.
 */
export function seedFor(defaultSeed: number): number {
  const fromEnv = Number(process.env.TESSERA_SEED);
  return Number.isSafeInteger(fromEnv) && process.env.TESSERA_SEED !== '' ? fromEnv : defaultSeed;
}
