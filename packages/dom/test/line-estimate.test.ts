/**
 * The lines' estimated heights, computed at once and in slices: the same sizes whatever the budget, and a
 * slice estimates no more lines than its budget.
 */
import type { Cue } from '@castline/core'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { buildLineEstimates, estimateLine, estimateLines } from '../src/line-estimate.js'

const cueArb = fc.record(
  {
    start: fc.nat(1000),
    end: fc.nat(1000),
    text: fc.string({ maxLength: 300 }),
    speaker: fc.constantFrom('Ada', 'Grace', ''),
  },
  { requiredKeys: ['start', 'end', 'text'] },
) as fc.Arbitrary<Cue>

describe('buildLineEstimates', () => {
  test('gives what estimateLines gives (and estimateLine line by line), whatever the budget', () => {
    fc.assert(
      fc.property(fc.array(cueArb, { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (cues, budget) => {
        const build = buildLineEstimates(cues)
        let slices = 1
        while (!build.step(budget)) slices++
        const once = estimateLines(cues)
        expect([...build.result()]).toEqual([...once])
        expect([...once]).toEqual(cues.map((_, i) => estimateLine(cues, i)))
        // One unit a line: as many slices as the budget needs, and no more.
        expect(slices).toBe(Math.max(1, Math.ceil(cues.length / budget)))
      }),
    )
  })

  test('a slice reads no more lines than its budget allows, however long the transcript', () => {
    /** The most reads of a line any slice made, over cues behind a counting proxy. */
    const mostReads = (length: number, budget: number) => {
      const plain: Cue[] = Array.from({ length }, (_, i) => ({
        start: i,
        end: i + 1,
        text: 'x'.repeat(i % 200),
        speaker: i % 3 === 0 ? 'Ada' : 'Grace',
      }))
      let reads = 0
      const cues = new Proxy(plain, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++
          return Reflect.get(target, key, receiver)
        },
      })
      const build = buildLineEstimates(cues)
      let most = 0
      for (let done = false; !done; ) {
        reads = 0
        done = build.step(budget)
        most = Math.max(most, reads)
      }
      expect([...build.result()]).toEqual([...estimateLines(plain)])
      return most
    }
    // A line's estimate reads the line and the one before it (the speaker's turn): at most 3 reads a line.
    expect(mostReads(2_000, 64)).toBeLessThanOrEqual(3 * 64)
    expect(mostReads(20_000, 64)).toBe(mostReads(2_000, 64))
  })
})
