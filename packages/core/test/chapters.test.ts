import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Chapter,
  ChaptersParseError,
  chapterAt,
  formatChaptersJson,
  formatChaptersVtt,
  listedChapters,
  parseChaptersJson,
  parseChaptersVtt,
} from '../src/entry/chapters.js'
import { parseTranscript } from '../src/entry/formats.js'
import { lastStartingBy } from '../src/index.js'

const repo = (p: string) => readFileSync(fileURLToPath(new URL(`../../../${p}`, import.meta.url)), 'utf8')

function errorOf(f: () => unknown): ChaptersParseError {
  try {
    f()
  } catch (error) {
    expect(error).toBeInstanceOf(ChaptersParseError)
    return error as ChaptersParseError
  }
  throw new Error('expected a ChaptersParseError')
}

describe('parseChaptersJson', () => {
  const source = `{
  "version": "1.2.0",
  "chapters": [
    { "startTime": 0, "title": "Intro", "img": "https://example.com/intro.jpg" },
    { "startTime": 94.5, "title": "Donation Segment", "url": "https://example.com/donate", "toc": false },
    { "startTime": 200, "endTime": 260, "title": "Austin", "location": { "name": "Austin, TX", "geo": "geo:30.2672,97.7431", "osm": "R113314" } },
    { "startTime": 300, "title": "Outro" }
  ]
}`

  it('reads every field, toc true unless false, ends from the next start, the last from the duration', () => {
    const { chapters, warnings } = parseChaptersJson(source, { duration: 400 })
    expect(warnings).toEqual([])
    expect(chapters).toEqual([
      { start: 0, end: 94.5, title: 'Intro', img: 'https://example.com/intro.jpg', toc: true },
      { start: 94.5, end: 200, title: 'Donation Segment', url: 'https://example.com/donate', toc: false },
      {
        start: 200,
        end: 260,
        title: 'Austin',
        toc: true,
        location: { name: 'Austin, TX', geo: 'geo:30.2672,97.7431', osm: 'R113314' },
      },
      { start: 300, end: 400, title: 'Outro', toc: true },
    ])
    expect(parseChaptersJson(source).chapters[3]).toEqual({ start: 300, title: 'Outro', toc: true })
  })

  it('sorts unordered chapters and skips broken ones, each with a warning naming its line', () => {
    const { chapters, warnings } = parseChaptersJson(
      '{"chapters": [\n{"startTime": 60, "title": "B"},\n{"startTime": "soon", "title": "X"},\n{"startTime": 0, "title": "A"},\n7,\n{"startTime": 90}\n]}',
    )
    expect(chapters.map((c) => [c.start, c.title, c.end])).toEqual([
      [0, 'A', 60],
      [60, 'B', 90],
      [90, '', undefined],
    ])
    expect(warnings.map((w) => [w.line, w.code])).toEqual([
      [3, 'bad-timestamp'],
      [5, 'malformed-cue'],
      [6, 'empty-cue'],
      [4, 'unordered'],
    ])
  })

  it('throws ChaptersParseError with the line for what is not chapters JSON', () => {
    expect(errorOf(() => parseChaptersJson('{\n  "chapters": [\n    {"startTime": 0,}\n  ]\n}')).line).toBe(3)
    expect(errorOf(() => parseChaptersJson('{"segments": []}')).expected).toMatch(/"chapters" array/)
    expect(errorOf(() => parseChaptersJson(null as unknown as string)).format).toBe('json')
  })
})

describe('parseChaptersVtt', () => {
  it('reads each cue as a chapter, its text the title', () => {
    const { chapters, warnings } = parseChaptersVtt(
      'WEBVTT\n\nch1\n00:00:00.000 --> 00:01:00.000\nIntro &amp; <b>news</b>\n\n00:01:00.000 --> 00:05:00.000\nMain topic\n',
    )
    expect(warnings).toEqual([])
    expect(chapters).toEqual([
      { start: 0, end: 60, title: 'Intro & news', toc: true },
      { start: 60, end: 300, title: 'Main topic', toc: true },
    ])
  })

  it('throws ChaptersParseError for a file that is not WebVTT, and warns with the line of a bad cue', () => {
    const error = errorOf(() => parseChaptersVtt('1\n00:00:00,000 --> 00:00:01,000\nSRT'))
    expect([error.format, error.line]).toEqual(['vtt', 1])
    const { chapters, warnings } = parseChaptersVtt(
      'WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nA\n\n00:00:1x --> 2\nB\n',
    )
    expect(chapters.map((c) => c.title)).toEqual(['A'])
    expect(warnings.map((w) => [w.line, w.code])).toEqual([[6, 'bad-timestamp']])
  })
})

describe('chapterAt and listedChapters', () => {
  const chapters: Chapter[] = [
    { start: 0, end: 10, title: 'A', toc: true },
    { start: 10, end: 20, title: 'Ad', toc: false },
    { start: 20, end: 25, title: 'B', toc: true },
    { start: 30, title: 'C', toc: true },
  ]

  it('finds the chapter playing at a time by binary search, -1 before the first and in a gap', () => {
    expect([-1, 0, 9.99, 10, 20, 24.9, 25, 29, 30, 1e6].map((t) => chapterAt(chapters, t))).toEqual([
      -1, 0, 0, 1, 2, 2, -1, -1, 3, 3,
    ])
    expect(chapterAt([], 5)).toBe(-1)
  })

  it("core's lastStartingBy (under chapterAt, dom's currentChapter and quote links): the last of equal starts, -1 before all", () => {
    const items = [{ start: 0 }, { start: 5 }, { start: 5 }, { start: 9 }]
    expect([-0.5, 0, 4.9, 5, 8.9, 9, 100].map((t) => lastStartingBy(items, t))).toEqual([
      -1, 0, 0, 2, 2, 3, 3,
    ])
    expect(lastStartingBy([], 0)).toBe(-1)
  })

  it('agrees with a linear scan on any sorted list', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 30 }),
        fc.integer({ min: -10, max: 10_010 }),
        (starts, t) => {
          const sorted = [...starts].sort((a, b) => a - b)
          const list = sorted.map((start, k): Chapter => {
            const c: Chapter = { start, title: String(k), toc: true }
            const next = sorted[k + 1]
            if (next !== undefined) c.end = next
            return c
          })
          let expected = -1
          for (let k = 0; k < list.length; k++) if (list[k]!.start <= t) expected = k
          expect(chapterAt(list, t)).toBe(expected)
        },
      ),
    )
  })

  it('lists the chapters whose toc is not false', () => {
    expect(listedChapters(chapters).map((c) => c.title)).toEqual(['A', 'B', 'C'])
  })
})

describe('chapter round trips', () => {
  const title = fc
    .array(fc.constantFrom('a', 'Z', 'é', '&', '<', '>', '-->', '"', '1', '🎙'), {
      minLength: 1,
      maxLength: 8,
    })
    .chain((words) => fc.constant(words.join(' ')))
  const url = fc.constantFrom('https://example.com/a.jpg', 'https://example.com/?q=1&r="2"', 'ch1.png')
  /** Chapters as a reader gives them: sorted distinct starts in whole ms, each end explicit or the next start. */
  const chapterList = (withLastEnd: boolean, allFields: boolean) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: 36_000_000 }), { minLength: 1, maxLength: 20 })
      .chain((ms) => {
        const starts = [...ms].sort((a, b) => a - b)
        return fc.tuple(
          ...starts.map((start, k) =>
            fc.record({
              startMs: fc.constant(start),
              endGap: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
              next: fc.constant(starts[k + 1]),
              title,
              img: allFields ? fc.option(url, { nil: undefined }) : fc.constant(undefined),
              url: allFields ? fc.option(url, { nil: undefined }) : fc.constant(undefined),
              toc: allFields ? fc.boolean() : fc.constant(true),
              location: allFields
                ? fc.option(fc.record({ name: fc.string(), geo: fc.constant('geo:30.2672,97.7431') }), {
                    nil: undefined,
                  })
                : fc.constant(undefined),
            }),
          ),
        )
      })
      .map((raw) =>
        raw.map((r): Chapter => {
          const c: Chapter = { start: r.startMs / 1000, title: r.title, toc: r.toc }
          if (r.endGap !== undefined) c.end = (r.startMs + r.endGap) / 1000
          else if (r.next !== undefined) c.end = r.next / 1000
          else if (withLastEnd) c.end = (r.startMs + 1000) / 1000
          if (r.img !== undefined) c.img = r.img
          if (r.url !== undefined) c.url = r.url
          if (r.location !== undefined) c.location = r.location
          return c
        }),
      )

  it('JSON: parseChaptersJson(formatChaptersJson(chapters)) gives the same chapters', () => {
    fc.assert(
      fc.property(chapterList(false, true), (chapters) => {
        const read = parseChaptersJson(formatChaptersJson(chapters))
        expect(read.warnings).toEqual([])
        expect(read.chapters).toEqual(chapters)
      }),
    )
  })

  it('WebVTT: parseChaptersVtt(formatChaptersVtt(chapters)) gives the same times and titles', () => {
    fc.assert(
      fc.property(chapterList(true, false), (chapters) => {
        const read = parseChaptersVtt(formatChaptersVtt(chapters))
        expect(read.warnings).toEqual([])
        expect(read.chapters).toEqual(chapters)
      }),
    )
  })
})

describe("the sample episode's chapters (apps/demo)", () => {
  const folder = 'apps/demo/public/episodes/talk-python-514/'
  const episode = JSON.parse(repo(`${folder}episode.json`)) as { duration: number }
  const { chapters, warnings } = parseChaptersJson(repo(`${folder}chapters.json`), {
    duration: episode.duration,
  })
  const transcript = parseTranscript(repo(`${folder}transcript.txt`))

  it('parse without warnings into about ten chapters that cover the episode', () => {
    expect(warnings).toEqual([])
    expect(chapters.length).toBeGreaterThanOrEqual(10)
    expect(chapters.length).toBeLessThanOrEqual(16)
    expect(chapters[0]!.start).toBe(0)
    expect(chapters.at(-1)!.end).toBe(episode.duration)
    expect(chapters.every((c) => c.title.length > 0)).toBe(true)
  })

  it('start each chapter at the start of a transcript line', () => {
    const starts = new Set(transcript.cues.map((c) => c.start))
    expect(chapters.filter((c) => !starts.has(c.start)).map((c) => c.start)).toEqual([])
  })
})
