import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AdBreakError, createAdTimeMap } from '../src/entry/links.js'

// Seeded like every property test (CONTRIBUTING.md): CASTLINE_SEED picks another; the title shows it.
const SEED = Number(process.env.CASTLINE_SEED || 20_261_207)

describe('createAdTimeMap', () => {
  // A 60 s break at 300 s of audio, and a 30 s one at 1000 s of audio (940 s of transcript).
  const map = createAdTimeMap([
    { at: 300, duration: 60 },
    { at: 1000, duration: 30 },
  ])

  it('maps audio time to transcript time, a time inside a break to the break start, flagged', () => {
    expect(
      [0, 299.9, 300, 330, 359.9, 360, 999, 1000, 1029, 1030, 2000].map((t) => map.toTranscript(t)),
    ).toEqual([
      { time: 0, inBreak: false },
      { time: 299.9, inBreak: false },
      { time: 300, inBreak: true },
      { time: 300, inBreak: true },
      { time: 300, inBreak: true },
      { time: 300, inBreak: false },
      { time: 939, inBreak: false },
      { time: 940, inBreak: true },
      { time: 940, inBreak: true },
      { time: 940, inBreak: false },
      { time: 1910, inBreak: false },
    ])
  })

  it('maps transcript time to audio time, the moment of a break to after it', () => {
    expect([0, 299, 300, 939, 940, 1910].map((t) => map.toAudio(t))).toEqual([0, 299, 360, 999, 1030, 2000])
    expect(map.warnings).toEqual([])
  })

  it('without breaks, both clocks are one', () => {
    const none = createAdTimeMap([])
    expect([none.toAudio(12.5), none.toTranscript(12.5)]).toEqual([12.5, { time: 12.5, inBreak: false }])
  })

  it('sorts unsorted breaks and merges overlapping ones, with warnings', () => {
    const messy = createAdTimeMap([
      { at: 1000, duration: 30 },
      { at: 300, duration: 60 },
      { at: 340, duration: 40 },
      { at: 500, duration: 0 },
    ])
    expect(messy.breaks).toEqual([
      { at: 300, duration: 80 },
      { at: 1000, duration: 30 },
    ])
    expect(messy.warnings.map((w) => w.code)).toEqual(['unordered', 'duplicate-merged'])
    expect(messy.toTranscript(379)).toEqual({ time: 300, inBreak: true })
    expect(messy.toTranscript(380)).toEqual({ time: 300, inBreak: false })
  })

  it('rejects a negative or non-finite duration or start with AdBreakError naming the break', () => {
    const bad = (breaks: Array<{ at: number; duration: number }>) => {
      try {
        createAdTimeMap(breaks)
      } catch (error) {
        expect(error).toBeInstanceOf(AdBreakError)
        return (error as AdBreakError).index
      }
      return null
    }
    expect(
      bad([
        { at: 10, duration: 5 },
        { at: 100, duration: -5 },
      ]),
    ).toBe(1)
    expect(bad([{ at: Number.NaN, duration: 5 }])).toBe(0)
    expect(bad([{ at: 10, duration: Number.POSITIVE_INFINITY }])).toBe(0)
    expect(bad([{ at: -1, duration: 5 }])).toBe(0)
  })

  it(`audio -> transcript -> audio is the identity outside breaks (any breaks, in any order; seed ${SEED})`, () => {
    const breaks = fc.array(
      fc.record({ at: fc.integer({ min: 0, max: 100_000 }), duration: fc.integer({ min: 0, max: 5_000 }) }),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(
        breaks,
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 20 }),
        (list, times) => {
          const m = createAdTimeMap(list.map((b) => ({ at: b.at / 10, duration: b.duration / 10 })))
          for (const ms of times) {
            const audio = ms / 10
            const inside = m.breaks.some((b) => audio >= b.at && audio < b.at + b.duration)
            const there = m.toTranscript(audio)
            expect(there.inBreak).toBe(inside)
            if (!inside) expect(m.toAudio(there.time)).toBeCloseTo(audio, 9)
            else expect(m.toAudio(there.time)).toBeGreaterThanOrEqual(audio)
          }
        },
      ),
      { seed: SEED },
    )
  })
})
