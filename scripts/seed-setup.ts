/**
 * Gives every fast-check property of a test file the run's seed (./seed-global-setup.ts). fast-check's
 * own failure message names the seed and the path of the failing case; CASTLINE_SEED=<seed> replays it.
 */
import fc from 'fast-check'
import { inject } from 'vitest'

fc.configureGlobal({ seed: inject('castlineSeed') })
