import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seed of every fast-check property that does not pick its own (see ./seed-setup.ts). */
    castlineSeed: number
  }
}

/**
 * Picks the run's fast-check seed: CASTLINE_SEED when set (CASTLINE_FUZZ_SEED is read as the same
 * variable), a random one otherwise. The first project to start picks it and prints it, the others take
 * the same, so that one number replays a failure seen once.
 */
export default function setup(project: TestProject): void {
  if (process.env.CASTLINE_RUN_SEED === undefined) {
    const given = process.env.CASTLINE_SEED || process.env.CASTLINE_FUZZ_SEED || undefined
    const seed = given === undefined ? (Math.random() * 2 ** 32) | 0 : Number(given)
    if (!Number.isSafeInteger(seed)) throw new Error(`CASTLINE_SEED must be an integer, not "${given}"`)
    process.env.CASTLINE_RUN_SEED = String(seed)
    console.log(`fast-check seed ${seed}${given === undefined ? ` (replay with CASTLINE_SEED=${seed})` : ''}`)
  }
  project.provide('castlineSeed', Number(process.env.CASTLINE_RUN_SEED))
}
