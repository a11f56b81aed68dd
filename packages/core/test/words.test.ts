import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupWords, joinWords } from '../src/formats/words.js'
import type { Word } from '../src/model.js'
import { normalize } from '../src/normalize.js'

const shared = (path: string): string =>
  readFileSync(new URL(`../../../../shared/${path}`, import.meta.url), 'utf8')

const NaN_ = Number.NaN

describe('groupWords', () => {
  it('groups the Podcasting 2.0 word-level example into lines, breaking at the speaker change', () => {
    const doc = JSON.parse(shared('corpora/podcast-namespace/docs/examples/transcripts/example.json')) as {
      segments: Array<{ speaker: string; startTime: number; endTime: number; body: string }>
    }
    const words = doc.segments.map((s) => ({
      start: s.startTime,
      end: s.endTime,
      text: s.body,
      speaker: s.speaker,
    }))
    const cues = groupWords(words)
    expect(cues.map((c) => [c.speaker, c.text, c.start, c.end, c.words?.length])).toEqual([
      ['Darth Vader', 'I am your father.', 0.5, 2.5, 4],
      ['Luke', 'Nooooo', 2.75, 3.0, 1],
    ])
  })

  it('puts no space before punctuation tokens and trims Whisper-style leading spaces', () => {
    const w = (text: string, start: number): Word => ({ start, end: start + 0.2, text })
    expect(groupWords([w('Hello', 0), w(',', 0.2), w('world', 0.3), w('.', 0.5)])[0]!.text).toBe(
      'Hello, world.',
    )
    const whisper = groupWords([
      w(' So', 0),
      w(' we', 0.2),
      w(' don', 0.4),
      w("'t", 0.5),
      w(' know', 0.7),
      w(' (', 0.9),
      w('yet', 1),
      w(')', 1.1),
    ])
    expect(whisper.map((c) => c.text)).toEqual(["So we don't know (yet)"])
    expect(whisper[0]!.words!.map((x) => x.text)).toEqual(['So', 'we', 'don', "'t", 'know', '(', 'yet', ')'])
  })

  it('breaks after sentence ends but not after initials or titles', () => {
    const tokens = 'Dr. Smith met J. Doe at 5. Then they left! Really? Yes… ok'.split(' ')
    const cues = groupWords(tokens.map((text, i) => ({ start: i * 0.3, end: i * 0.3 + 0.25, text })))
    expect(cues.map((c) => c.text)).toEqual([
      'Dr. Smith met J. Doe at 5.',
      'Then they left!',
      'Really?',
      'Yes…',
      'ok',
    ])
  })

  it('breaks at a pause longer than maxPause', () => {
    const cues = groupWords(
      [
        { start: 0, end: 0.4, text: 'one' },
        { start: 0.5, end: 0.9, text: 'two' },
        { start: 2.2, end: 2.5, text: 'three' },
      ],
      { maxPause: 1 },
    )
    expect(cues.map((c) => c.text)).toEqual(['one two', 'three'])
    expect(
      groupWords(
        [
          { start: 0, end: 0.4, text: 'one' },
          { start: 2.2, end: 2.5, text: 'two' },
        ],
        { maxPause: 5 },
      ),
    ).toHaveLength(1)
  })

  it('breaks before maxChars at a word boundary and never loses a word (WhisperX reference file)', () => {
    const doc = JSON.parse(shared('corpora/whisper/whisperx/reference_whisperx_transcription.json')) as {
      segments: Array<{ words: Array<{ word: string; start?: number; end?: number }> }>
    }
    const words = doc.segments
      .flatMap((s) => s.words)
      .map((w) => ({ start: w.start ?? NaN_, end: w.end ?? NaN_, text: w.word }))
    for (const maxChars of [20, 40, 120]) {
      const cues = groupWords(words, { maxChars })
      expect(cues.flatMap((c) => c.words!.map((x) => x.text))).toEqual(words.map((w) => w.text.trim()))
      for (const c of cues) {
        // A line may pass the limit only when it is a single word.
        if (c.words!.length > 1) expect(c.text.length).toBeLessThanOrEqual(maxChars)
        expect(Number.isFinite(c.start) && c.end >= c.start).toBe(true)
      }
    }
  })

  it('keeps words without times (WhisperX leaves them out for digits and symbols)', () => {
    const raw = JSON.parse(shared('corpora/whisper/whisperx/issue-419-excerpt.word_segments.json')) as Array<{
      word: string
      start?: number
      end?: number
    }>
    const cues = groupWords(raw.map((w) => ({ start: w.start ?? NaN_, end: w.end ?? NaN_, text: w.word })))
    expect(cues.flatMap((c) => c.words!.map((x) => x.text))).toEqual(raw.map((w) => w.word))
    for (const c of cues) for (const w of c.words!) expect(Number.isFinite(w.start)).toBe(true)
    // And normalize then makes a usable transcript of them.
    const t = normalize({ cues, warnings: [] }, 'json')
    expect(t.cues.map((c) => c.text).join(' ')).toContain('R.S.C.?')
    expect(t.wordLevel).toBe(true)
  })

  it('joins tokens with single spaces and keeps line lengths bounded (property)', () => {
    const token = fc.constantFrom(
      'so',
      'Python',
      ' core',
      'devs.',
      ',',
      'met?',
      ' the',
      'Dr.',
      'x'.repeat(30),
    )
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: token, gap: fc.integer({ min: 0, max: 2000 }) }), { maxLength: 80 }),
        (rows) => {
          let t = 0
          const words = rows.map((r) => {
            t += r.gap / 1000
            return { start: t, end: t + 0.1, text: r.text }
          })
          const cues = groupWords(words, { maxChars: 40 })
          expect(cues.flatMap((c) => c.words!.map((w) => w.text))).toEqual(words.map((w) => w.text.trim()))
          for (const c of cues) {
            expect(c.text).not.toMatch(/\s\s|^\s|\s$/)
            expect(c.text).not.toMatch(/ [,.]/)
          }
        },
      ),
    )
  })

  it('never starts a line with closing punctuation or a glued token, whatever the pause or length', () => {
    const w = (text: string, start: number): Word => ({ start, end: start + 0.2, text })
    // A 3 s pause before the period, a sentence end before the closing quote, a line full at "'t".
    const cues = groupWords(
      [w('Hello', 0), w('.', 3), w('”', 3.2), w(' I', 3.4), w(' don', 3.6), w("'t", 9)],
      {
        maxChars: 10,
        leadingSpace: true,
      },
    )
    expect(cues.map((c) => c.text)).toEqual(['Hello.”', "I don't"])
    // A new speaker still starts a line, whatever the token.
    expect(
      groupWords([
        { start: 0, end: 1, text: 'Yes', speaker: 'A' },
        { start: 1, end: 2, text: '?', speaker: 'B' },
      ]).map((c) => [c.speaker, c.text]),
    ).toEqual([
      ['A', 'Yes'],
      ['B', '?'],
    ])
  })

  it('takes leadingSpace from the caller when given, else from the tokens', () => {
    const words = [' So', ' we', ' don', "'t", 'know'].map((text, i) => ({ start: i, end: i + 0.5, text }))
    expect(groupWords(words)[0]!.text).toBe("So we don'tknow")
    expect(groupWords(words, { leadingSpace: false })[0]!.text).toBe("So we don 't know")
    const bare = ['It', "'s", 'fine'].map((text, i) => ({ start: i, end: i + 0.5, text }))
    expect(groupWords(bare)[0]!.text).toBe("It 's fine")
    expect(groupWords(bare, { leadingSpace: true })[0]!.text).toBe("It'sfine")
  })

  it('joinWords joins all the tokens as one line, as groupWords joins them within a line', () => {
    const tokens = 'Dr. Smith met J. Doe at 5. Then they left ( really ) !'.split(' ')
    const words = tokens.map((text, i) => ({ start: i * 5, end: i * 5 + 0.25, text }))
    expect(joinWords(words)).toBe('Dr. Smith met J. Doe at 5. Then they left (really)!')
    expect(groupWords(words, { maxPause: 10 }).map((c) => c.text)).toEqual([
      'Dr. Smith met J. Doe at 5.',
      'Then they left (really)!',
    ])
    expect(joinWords([])).toBe('')
  })
})
