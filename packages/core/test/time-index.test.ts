// First: one test counts the index's work, which needs its code loaded after counting starts.
import './counting.js'
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { readVtt } from '../src/formats/webvtt.js'
import type { Cue, Transcript, Word } from '../src/model.js'
import { buildTimeIndex, createTimeIndex } from '../src/time-index.js'
import { countWork, stopCounting } from './work.js'

afterAll(stopCounting)

function transcriptOf(cues: Cue[]): Transcript {
  return {
    format: 'vtt',
    cues,
    warnings: [],
    speakers: [],
    wordLevel: cues.some((c) => c.words !== undefined),
  }
}

/** The definition, written as plainly as possible: latest start among spans containing t, later wins ties. */
function bruteLatest(spans: readonly { start: number; end: number }[], t: number): number {
  let best = -1
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!
    if (s.start <= t && t < s.end && (best < 0 || s.start >= spans[best]!.start)) best = i
  }
  return best
}

function bruteWord(cues: readonly Cue[], t: number): { cue: number; word: number } | null {
  const cue = bruteLatest(cues, t)
  if (cue < 0) return null
  const word = bruteLatest(cues[cue]!.words ?? [], t)
  return word < 0 ? null : { cue, word }
}

/** Asks the index about each time in order (the order drives the cursor); lists every disagreement. */
function disagreements(
  index: ReturnType<typeof createTimeIndex>,
  cues: readonly Cue[],
  times: Iterable<number>,
) {
  const wrong: Array<{ t: number; got: number; want: number }> = []
  for (const t of times) {
    const got = index.cueAt(t)
    const want = bruteLatest(cues, t)
    if (got !== want) wrong.push({ t, got, want })
  }
  return wrong
}

function* steps(from: number, to: number, step: number) {
  for (let t = from; t < to; t += step) yield t
}

// Times on a quarter-second grid so that equal starts, touching cues and boundary hits are common.
const gridTime = fc.integer({ min: 0, max: 160 }).map((q) => q / 4)
const span = fc.record({
  start: gridTime,
  length: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 24 }).map((q) => q / 4) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 40, max: 160 }).map((q) => q / 4) },
  ),
})

const wordsOf = (start: number, end: number) =>
  fc
    .array(
      fc.record({
        offset: fc.integer({ min: 0, max: 16 }),
        length: fc.integer({ min: 0, max: 8 }),
      }),
      { maxLength: 6 },
    )
    .map((ws) =>
      ws
        .map((w, k): Word => {
          const s = start + ((end - start) * w.offset) / 16
          return { start: s, end: Math.min(end + 0.5, s + w.length / 8), text: `w${k}` }
        })
        .sort((a, b) => a.start - b.start),
    )

const cueArb = span.chain(({ start, length }) =>
  fc.option(wordsOf(start, start + length), { nil: undefined, freq: 2 }).map((words): Cue => {
    const cue: Cue = { start, end: start + length, text: `${start}` }
    if (words !== undefined) cue.words = words
    return cue
  }),
)

// Invalid spans a sloppy reader might leave behind: they must simply never be active.
const oddCue = fc.constantFrom<Cue>(
  { start: 3, end: Number.NaN, text: 'no end' },
  { start: Number.NaN, end: 4, text: 'no start' },
  { start: 9, end: 2, text: 'backwards' },
  { start: 0, end: Number.POSITIVE_INFINITY, text: 'whole episode' },
)

// size 'max': fast-check otherwise keeps arrays near ten items whatever maxLength says.
const cueList = (minLength: number, maxLength: number) =>
  fc
    .array(fc.oneof({ weight: 12, arbitrary: cueArb }, { weight: 1, arbitrary: oddCue }), {
      minLength,
      maxLength,
      size: 'max',
    })
    .map((cues) => [...cues].sort((a, b) => (a.start || 0) - (b.start || 0)))
const sortedCues = cueList(0, 60)
// Past 64 cues the index adds a time-bucket table; these crowd up to 400 cues on the same 40 s grid.
const manyCues = cueList(64, 400)

const probeTime = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -4, max: 200 }).map((q) => q / 4) },
  { weight: 3, arbitrary: fc.double({ min: -2, max: 60, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
)

describe('createTimeIndex: cueAt', () => {
  it('equals the brute-force definition for random transcripts and times in random order', () => {
    fc.assert(
      fc.property(sortedCues, fc.array(probeTime, { maxLength: 80, size: 'max' }), (cues, times) => {
        const index = createTimeIndex(transcriptOf(cues))
        expect(disagreements(index, cues, times)).toEqual([])
      }),
      { numRuns: 400 },
    )
  })

  it('equals the brute-force definition during steady forward playback (the cursor path)', () => {
    fc.assert(
      fc.property(
        sortedCues,
        fc.integer({ min: 1, max: 40 }).map((k) => k / 80),
        fc.array(probeTime, { maxLength: 8, size: 'max' }),
        (cues, step, jumps) => {
          const index = createTimeIndex(transcriptOf(cues))
          // Playback with occasional seeks: forward frames, then a jump, then frames again.
          for (const from of [-0.5, ...jumps]) {
            const start = Number.isFinite(from) ? from : 0
            expect(disagreements(index, cues, steps(start, start + 12, step))).toEqual([])
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('equals the brute-force definition on sorted probe times', () => {
    fc.assert(
      fc.property(sortedCues, fc.array(probeTime, { maxLength: 120, size: 'max' }), (cues, times) => {
        const index = createTimeIndex(transcriptOf(cues))
        const sorted = times.filter((t) => !Number.isNaN(t)).sort((a, b) => a - b)
        expect(disagreements(index, cues, sorted)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('equals the brute-force definition on long transcripts (the bucketed search), random and sequential', () => {
    fc.assert(
      fc.property(manyCues, fc.array(probeTime, { maxLength: 100, size: 'max' }), (cues, times) => {
        const index = createTimeIndex(transcriptOf(cues))
        expect(disagreements(index, cues, times)).toEqual([])
        expect(disagreements(index, cues, steps(-0.25, 45, 0.0625))).toEqual([])
      }),
      { numRuns: 150 },
    )
  })

  it('answers with original indices when the cues are not sorted by start', () => {
    fc.assert(
      fc.property(
        fc.array(cueArb, { maxLength: 40, size: 'max' }),
        fc.array(probeTime, { maxLength: 60, size: 'max' }),
        (cues, times) => {
          const index = createTimeIndex(transcriptOf(cues))
          expect(disagreements(index, cues, times)).toEqual([])
        },
      ),
      { numRuns: 200 },
    )
  })

  it('picks the latest start inside overlaps and falls back to an earlier long cue after a short one ends', () => {
    const index = createTimeIndex(
      transcriptOf([
        { start: 0, end: 100, text: 'chapter' },
        { start: 10, end: 20, text: 'a' },
        { start: 10, end: 12, text: 'a-short' },
        { start: 30, end: 30, text: 'zero length' },
        { start: 40, end: 50, text: 'b' },
      ]),
    )
    expect(index.cueAt(5)).toBe(0)
    expect(index.cueAt(10)).toBe(2) // equal starts: the later cue
    expect(index.cueAt(12)).toBe(1) // a-short ended, a still runs
    expect(index.cueAt(20)).toBe(0) // ends are exclusive
    expect(index.cueAt(30)).toBe(0) // the zero-length cue is never active
    expect(index.cueAt(45)).toBe(4)
    expect(index.cueAt(100)).toBe(-1)
    expect(index.cueAt(-1)).toBe(-1)
    expect(index.cueAt(Number.NaN)).toBe(-1)
  })

  it('stays logarithmic through a long run of nested cues (no scan back through the run)', () => {
    // Cue i spans [i, 2n - i): each ends after the next one, so near the end every lookup has to skip
    // back over up to n finished cues. A backwards scan would take ~n/2 steps a lookup here. The same
    // lookups at n and 8n: their work (the index's code executed, counted, not timed) may grow by
    // log(8n)/log(n) and fixed costs, where a scan's grows 8-fold.
    const lookups = (n: number) => {
      const cues: Cue[] = []
      for (let i = 0; i < n; i++) cues.push({ start: i, end: 2 * n - i, text: '' })
      const index = createTimeIndex(transcriptOf(cues))
      const probes = 2_000
      // The answer for t = 2n - 1 - j - 0.5 is the last cue still running: 2n - i > t, i <= t.
      let expected = 0
      for (let k = 0; k < probes; k++) {
        const t = 2 * n - 1 - ((k * 7919) % n) - 0.5
        expected += Math.min(Math.floor(t), Math.ceil(2 * n - t) - 1)
      }
      const work = countWork(
        () => {
          let checksum = 0
          for (let k = 0; k < probes; k++) checksum += index.cueAt(2 * n - 1 - ((k * 7919) % n) - 0.5)
          return checksum
        },
        (url) => url.endsWith('/src/time-index.ts'),
      )
      expect(work.value).toBe(expected)
      return work.code + work.native
    }
    const small = lookups(12_500)
    const large = lookups(100_000)
    expect(small).toBeGreaterThan(0)
    expect(large / small, `work ${small}, then ${large} for 8 times the cues`).toBeLessThan(2)
  })

  it('reports length, cueStart and cueEnd in transcript order', () => {
    const index = createTimeIndex(
      transcriptOf([
        { start: 4, end: 6, text: 'b' },
        { start: 1, end: 2, text: 'a' },
      ]),
    )
    expect(index.length).toBe(2)
    expect(index.cueStart(0)).toBe(4)
    expect(index.cueEnd(1)).toBe(2)
    expect(index.cueStart(2)).toBeNaN()
    expect(index.cueAt(1.5)).toBe(1)
  })
})

describe('createTimeIndex: wordAt', () => {
  it('equals the brute-force definition (words of the active cue only) in random and sorted order', () => {
    fc.assert(
      fc.property(sortedCues, fc.array(probeTime, { maxLength: 80, size: 'max' }), (cues, times) => {
        const index = createTimeIndex(transcriptOf(cues))
        const wrong: unknown[] = []
        const check = (t: number) => {
          const got = index.wordAt(t)
          const want = bruteWord(cues, t)
          if (got?.cue !== want?.cue || got?.word !== want?.word) wrong.push({ t, got, want })
        }
        for (const t of times) check(t)
        for (const t of [...times].sort((a, b) => a - b)) check(t)
        // cueAt and wordAt share the cursor: interleave them.
        for (const t of times) {
          if (index.cueAt(t) !== bruteLatest(cues, t)) wrong.push({ t, cueAt: index.cueAt(t) })
          check(t)
        }
        expect(wrong).toEqual([])
      }),
      { numRuns: 400 },
    )
  })

  it('ignores words of an overlapping cue that is not the active one', () => {
    const index = createTimeIndex(
      transcriptOf([
        { start: 0, end: 10, text: 'long', words: [{ start: 0, end: 10, text: 'long' }] },
        { start: 5, end: 6, text: 'short' },
      ]),
    )
    expect(index.wordAt(2)).toEqual({ cue: 0, word: 0 })
    expect(index.cueAt(5.5)).toBe(1)
    expect(index.wordAt(5.5)).toBeNull()
    expect(index.wordAt(7)).toEqual({ cue: 0, word: 0 })
  })

  it('returns the same frozen object for the same (cue, word), so frames allocate nothing', () => {
    const index = createTimeIndex(
      transcriptOf([
        {
          start: 0,
          end: 2,
          text: 'hello world',
          words: [
            { start: 0, end: 1, text: 'hello' },
            { start: 1, end: 2, text: 'world' },
          ],
        },
      ]),
    )
    const a = index.wordAt(1.2)
    const b = index.wordAt(1.9)
    expect(a).toEqual({ cue: 0, word: 1 })
    expect(b).toBe(a)
    expect(Object.isFrozen(a)).toBe(true)
    expect(index.wordAt(0.5)).not.toBe(a)
  })
})

const corpora = new URL('../../../../shared/corpora/', import.meta.url)

describe('createTimeIndex on real transcripts', () => {
  const episodes = readdirSync(new URL('talk-python/', corpora)).filter((f) => f.endsWith('.vtt'))

  it.each(episodes)('%s: cueAt equals the brute force at every boundary and through playback', (file) => {
    const cues = readVtt(readFileSync(new URL(`talk-python/${file}`, corpora), 'utf8')).cues
    expect(cues.length).toBeGreaterThan(400)
    const index = createTimeIndex(transcriptOf(cues))
    const probes: number[] = []
    for (const c of cues) probes.push(c.start - 1e-6, c.start, c.end - 1e-6, c.end, (c.start + c.end) / 2)
    expect(disagreements(index, cues, probes)).toEqual([])
    const last = cues[cues.length - 1]!.end
    expect(disagreements(index, cues, steps(-1, last + 1, 0.37))).toEqual([])
  })

  it('wordAt on WhisperX output, whose words may lack times (never active) or have gaps', () => {
    const raw = JSON.parse(
      readFileSync(new URL('whisper/whisperx/reference_whisperx_transcription.json', corpora), 'utf8'),
    ) as {
      segments: Array<{
        start: number
        end: number
        text: string
        words: Array<{ word: string; start?: number; end?: number }>
      }>
    }
    const cues: Cue[] = raw.segments.map((s) => ({
      start: s.start,
      end: s.end,
      text: s.text.trim(),
      words: s.words.map((w) => ({ start: w.start ?? Number.NaN, end: w.end ?? Number.NaN, text: w.word })),
    }))
    const index = createTimeIndex(transcriptOf(cues))
    let hits = 0
    for (let t = 0; t < cues[cues.length - 1]!.end + 1; t += 0.01) {
      const got = index.wordAt(t)
      expect(got === null ? null : { cue: got.cue, word: got.word }).toEqual(bruteWord(cues, t))
      if (got !== null) hits++
    }
    expect(hits).toBeGreaterThan(100)
  })
})

describe('buildTimeIndex: the index built in slices', () => {
  // Unsorted too, so that the sliced merge sort runs; up to 400 cues, so that the bucket table does.
  const anyOrder = fc.oneof(
    sortedCues,
    manyCues,
    fc.array(fc.oneof({ weight: 12, arbitrary: cueArb }, { weight: 1, arbitrary: oddCue }), {
      maxLength: 300,
      size: 'max',
    }),
  )

  /** Builds in slices of `budget`, counting the slices. */
  function sliced(transcript: Transcript, budget: number) {
    const build = buildTimeIndex(transcript)
    let slices = 1
    while (!build.step(budget)) slices++
    return { index: build.result(), slices }
  }

  it('answers every cueAt and wordAt as the one-shot build does, whatever the budget', () => {
    fc.assert(
      fc.property(
        anyOrder,
        fc.integer({ min: 1, max: 64 }),
        fc.array(probeTime, { maxLength: 60, size: 'max' }),
        (cues, budget, times) => {
          const transcript = transcriptOf(cues)
          const once = createTimeIndex(transcript)
          const { index } = sliced(transcript, budget)
          expect(index.length).toBe(once.length)
          // In the given order (jumps) and then sorted (the cursor's steady path).
          for (const t of [...times, ...[...times].sort((a, b) => a - b)]) {
            expect(index.cueAt(t), `cueAt(${t})`).toBe(once.cueAt(t))
            expect(index.wordAt(t), `wordAt(${t})`).toEqual(once.wordAt(t))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('takes more slices for a smaller budget, and is done after the last (result throws before)', () => {
    const cues = Array.from({ length: 1000 }, (_, i) => ({ start: i, end: i + 1.5, text: `${i}` }))
    const transcript = transcriptOf(cues)
    const build = buildTimeIndex(transcript)
    expect(build.step(100)).toBe(false)
    expect(build.done).toBe(false)
    expect(() => build.result()).toThrow(/not finished/)
    const small = sliced(transcript, 100).slices
    const large = sliced(transcript, 1000).slices
    // Overlapping sorted cues: the scan, the max tree's leaves and nodes, the buckets and their sums.
    expect(small).toBeGreaterThanOrEqual(40)
    expect(large).toBeLessThan(small / 5)
    expect(() => build.step(0)).toThrow(RangeError)
  })

  it('does no more than its budget in a slice: the code a slice runs does not grow with the transcript', () => {
    // Unsorted and overlapping: every pass runs, the merge sort among them.
    const transcriptOfSize = (n: number) =>
      transcriptOf(
        Array.from({ length: n }, (_, i) => {
          const start = (i * 7919) % n
          return { start, end: start + 2.5, text: `${i}` }
        }),
      )
    const budget = 2000
    /** The most code any slice ran, and the number of slices. */
    const slices = (n: number) => {
      const build = buildTimeIndex(transcriptOfSize(n))
      let most = 0
      let count = 0
      for (let done = false; !done; count++) {
        const work = countWork(
          () => build.step(budget),
          (url) => url.endsWith('/src/time-index.ts') || url.endsWith('/src/slices.ts'),
        )
        done = work.value
        most = Math.max(most, work.code + work.native)
      }
      return { most, count }
    }
    const small = slices(2_000)
    const large = slices(16_000)
    expect(small.most).toBeGreaterThan(0)
    // Eight times the cues: eight times the slices or more (the sort's log n), each no larger.
    expect(large.count).toBeGreaterThanOrEqual(8 * small.count)
    expect(large.most / small.most, `most code in a slice: ${small.most}, then ${large.most}`).toBeLessThan(
      1.2,
    )
    // Each slice's coverage is read over the inspector: hundreds of round trips on a busy machine.
  }, 60_000)
})
