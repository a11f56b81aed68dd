import { readdirSync, readFileSync } from 'node:fs'
import { parseSync } from 'subtitle'
import { describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import { readText } from '../src/formats/text.js'
import type { Cue, Transcript } from '../src/model.js'
import { sameText } from '../src/normalize.js'
import { formatTranscript, parseTranscript } from '../src/parse.js'

const sharedUrl = (path: string): URL => new URL(`../../../../shared/${path}`, import.meta.url)
const shared = (path: string): string => readFileSync(sharedUrl(path), 'utf8')

const episodes = readdirSync(sharedUrl('corpora/talk-python'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => `corpora/talk-python/${f}`)

interface Line {
  start: number
  text: string
}

// The source's stamped lines, read with a plain regular expression (not our reader), in time order
// (stable, as a listener hears them).
function stampedLines(source: string): Line[] {
  const lines: Line[] = []
  for (const raw of source.split(/\r?\n/)) {
    const m = /^(\d\d):(\d\d):(\d\d) (.*)$/.exec(raw.trim())
    if (m !== null)
      lines.push({ start: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]), text: m[4]!.trim() })
  }
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.start - b.l.start || a.i - b.i)
    .map((x) => x.l)
}

const shown = (c: Cue): string => (c.speaker === undefined ? c.text : `${c.speaker}: ${c.text}`)

/**
 * No text lost, in order: walking the source lines in time order, each one is the current output cue
 * (a repeat merged into it) or the next one. Every output cue is used.
 */
function expectAllTextInOrder(lines: Line[], cues: Cue[]): void {
  let j = -1
  for (const line of lines) {
    if (j >= 0 && sameText(line.text, shown(cues[j]!))) continue
    j++
    expect(j, `no cue left for ${JSON.stringify(line.text)}`).toBeLessThan(cues.length)
    expect(shown(cues[j]!).replace(/\s+/g, ' ')).toBe(line.text.replace(/\s+/g, ' '))
  }
  expect(j).toBe(cues.length - 1)
}

function expectPlayable(t: Transcript): void {
  for (let i = 0; i < t.cues.length; i++) {
    const c = t.cues[i]!
    expect(c.end, `cue ${i} ${JSON.stringify(c.text)}`).toBeGreaterThan(c.start)
    if (i > 0) expect(c.start, `cue ${i} starts after cue ${i - 1}`).toBeGreaterThan(t.cues[i - 1]!.start)
  }
}

describe('parseTranscript: the sample episode (acceptance)', () => {
  const source = shared('fixtures/talk-python-514.txt')
  const t = parseTranscript(source)
  const lines = stampedLines(source)

  it('has 1,209 timestamped lines that come out as exactly 1,074 cues', () => {
    expect(lines).toHaveLength(1209)
    expect(t.format).toBe('text')
    expect(t.cues).toHaveLength(1074)
  })

  it('loses no text: every line is found in the output, in order', () => {
    expectAllTextInOrder(lines, t.cues)
  })

  it('owes the difference to consecutive repeats only, which it reports', () => {
    // Counted on the source itself: lines that repeat the line before them (ignoring case and spacing).
    let repeats = 0
    for (let i = 1; i < lines.length; i++) if (sameText(lines[i]!.text, lines[i - 1]!.text)) repeats++
    expect(lines.length - repeats).toBe(1074)
    const merged = t.warnings.find((w) => w.code === 'duplicate-merged')
    expect(merged?.message).toContain(`${repeats} repeated`)
    // The first repeat is the intro line said at 0:51 and again at 0:54 (line 19 of the file).
    expect(merged?.line).toBe(19)
    expect(t.warnings.map((w) => w.code)).toEqual(['duplicate-merged'])
  })

  it('keeps a line said again later, after other lines ("Yeah." is said many times)', () => {
    const yeahs = t.cues.flatMap((c, i) => (c.text === 'Yeah.' ? [i] : []))
    expect(yeahs.length).toBeGreaterThan(5)
    for (let k = 1; k < yeahs.length; k++) expect(yeahs[k]! - yeahs[k - 1]!).toBeGreaterThan(1)
  })

  it('merges a repeated line into one cue from its first start to where the next line starts', () => {
    const intro = t.cues.find((c) => c.text.startsWith('to unite. We started'))!
    expect([intro.start, intro.end]).toEqual([51, 57])
  })

  it('gives every cue a span: lines sharing a stamp split it (5:16 "Yeah." and "Right.", next at 5:17)', () => {
    expectPlayable(t)
    const at = t.cues.findIndex((c) => c.start >= 316 && c.text === 'Yeah.')
    expect(t.cues.slice(at, at + 2).map((c) => [c.text, c.start, c.end])).toEqual([
      ['Yeah.', 316, 316.5],
      ['Right.', 316.5, 317],
    ])
  })

  it('ends the last cue at the duration when given, else after an estimate of its length', () => {
    const last = t.cues.at(-1)!
    expect(last.end - last.start).toBeGreaterThanOrEqual(1)
    expect(last.end - last.start).toBeLessThan(20)
    const withDuration = parseTranscript(source, { duration: 4500 })
    expect(withDuration.cues.at(-1)!.end).toBe(4500)
    expect(withDuration.duration).toBe(4500)
  })

  it('round-trips through the text writer: same starts, texts and (inferred) ends', () => {
    const again = parseTranscript(formatTranscript(t, 'text'))
    expect(again.cues.map((c) => [Math.round(c.start * 1000), Math.round(c.end * 1000), c.text])).toEqual(
      t.cues.map((c) => [Math.round(c.start * 1000), Math.round(c.end * 1000), c.text]),
    )
    expect(again.warnings).toEqual([])
  })
})

describe('parseTranscript: every Talk Python episode', () => {
  it.each(episodes)('%s parses with no lost text and strictly ordered, non-empty cues', (path) => {
    const source = shared(path)
    const t = parseTranscript(source)
    expect(t.format).toBe('text')
    expectAllTextInOrder(stampedLines(source), t.cues)
    expectPlayable(t)
  })

  it.each(episodes)(
    '%s: every stamp is the paired WebVTT start of the same text, cut to the second',
    (path) => {
      // Read by an independent reader (the `subtitle` package) from the episode's .vtt.
      const vttStarts = new Map<string, number[]>()
      for (const node of parseSync(shared(path.replace(/\.txt$/, '.vtt')))) {
        if (node.type !== 'cue') continue
        const key = node.data.text.toLowerCase().replace(/\s+/g, ' ').trim()
        vttStarts.set(key, [...(vttStarts.get(key) ?? []), node.data.start / 1000])
      }
      const cues = readText(shared(path)).cues
      let matched = 0
      for (const c of cues) {
        const starts = vttStarts.get(shown(c).toLowerCase())
        if (starts === undefined) continue
        matched++
        expect(starts.map((s) => Math.floor(s + 1e-9))).toContain(c.start)
      }
      // Most lines have a VTT twin (the rest were re-worded by hand in the .txt).
      expect(matched / cues.length).toBeGreaterThan(0.75)
    },
  )

  it('after cleanup, starts stay within a second of the paired WebVTT start for nearly every line (informative)', () => {
    const rows: string[] = []
    for (const path of episodes) {
      const vttStarts = new Map<string, number[]>()
      for (const node of parseSync(shared(path.replace(/\.txt$/, '.vtt')))) {
        if (node.type !== 'cue') continue
        const key = node.data.text.toLowerCase().replace(/\s+/g, ' ').trim()
        vttStarts.set(key, [...(vttStarts.get(key) ?? []), node.data.start / 1000])
      }
      const t = parseTranscript(shared(path))
      let matched = 0
      let close = 0
      for (const c of t.cues) {
        const starts = vttStarts.get(shown(c).toLowerCase())
        if (starts === undefined) continue
        matched++
        if (starts.some((s) => Math.abs(s - c.start) < 1)) close++
      }
      rows.push(`${path.split('/').pop()}: ${close}/${matched} within 1 s`)
      // Lines that shared a stamp were spread over the span to the next stamp, so they sit up to a few
      // seconds later than their VTT start; every other line stays within the second it was cut to.
      expect(close / matched).toBeGreaterThan(0.95)
    }
    console.info(`text vs WebVTT starts after cleanup:\n${rows.join('\n')}`)
  })
})

describe('parseTranscript: text format end to end', () => {
  it('detects and reads small text files in every stamp style', () => {
    const t = parseTranscript(
      '\ufeff[00:00:01] Michael: Hello\r\n[00:00:03] Seth: Hi\r\n(00:00:05) Michael: Bye',
    )
    expect(t.format).toBe('text')
    expect(t.cues.map((c) => [c.start, c.end, c.speaker, c.text])).toEqual([
      [1, 3, 'Michael', 'Hello'],
      [3, 5, 'Seth', 'Hi'],
      [5, 6, 'Michael', 'Bye'],
    ])
    expect(t.speakers).toEqual(['Michael', 'Seth'])
    expect(t.wordLevel).toBe(false)
  })

  it('reads text when told to, even when detection would not', () => {
    const t = parseTranscript('A header line\n5:00 one stamped line', { format: 'text' })
    expect(t.cues.map((c) => c.text)).toEqual(['one stamped line'])
    expect(t.warnings.map((w) => w.code)).toEqual(['untimed-line'])
  })

  it('uses the file name when the content leaves it open', () => {
    let error: unknown
    try {
      parseTranscript('Just a paragraph of prose.', { fileName: 'notes.txt' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TranscriptParseError)
    expect([(error as TranscriptParseError).format, (error as TranscriptParseError).line]).toEqual([
      'text',
      1,
    ])
  })

  it('fails with TranscriptParseError, not a TypeError, on prose', () => {
    expect(() => parseTranscript('Just a paragraph of prose.')).toThrow(TranscriptParseError)
    expect(() => parseTranscript('Just a paragraph of prose.', { format: 'text' })).toThrow(
      'text line 1: expected a line starting with a timestamp such as 00:01:02',
    )
  })
})
