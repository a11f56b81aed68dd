/**
 * Imported first (a bare import at the top of a test file, before the code it counts is loaded): turns
 * on the block coverage that ./work.ts counts with, so that every function of that code is compiled
 * with block counters.
 */
import { startCounting } from './work.js'

startCounting()
