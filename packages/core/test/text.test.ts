import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TranscriptParseError } from '../src/errors.js'
import { readText, scanStamp, writeText } from '../src/formats/text.js'
import type { Cue, Transcript } from '../src/model.js'

const shared = (path: string): string =>
  readFileSync(new URL(`../../../../shared/${path}`, import.meta.url), 'utf8')

const starts = (cues: Cue[]): number[] => cues.map((c) => c.start)
const texts = (cues: Cue[]): string[] => cues.map((c) => c.text)

function transcript(cues: Cue[]): Transcript {
  return { format: 'text', cues, warnings: [], speakers: [], wordLevel: false }
}

describe('readText: timestamps', () => {
  it('reads HH:MM:SS lines with blank lines between them, as in the sample episode', () => {
    const r = readText(
      '00:00:00 Every year, the core developers.\n\n00:00:07 This year, they met.\n\n01:02:03 Late.\n',
    )
    expect(starts(r.cues)).toEqual([0, 7, 3723])
    expect(texts(r.cues)).toEqual(['Every year, the core developers.', 'This year, they met.', 'Late.'])
    // The format has no end times: normalize infers them.
    expect(r.cues.every((c) => Number.isNaN(c.end))).toBe(true)
    expect(r.warnings).toEqual([])
  })

  it('reads H:MM:SS, MM:SS (minutes past 59 too) and fractional seconds with a dot or a comma', () => {
    const r = readText('1:02:03 a\n02:03 b\n75:30 c\n00:00:01.5 d\n00:02,250 e\n0:00:03.125 f')
    expect(starts(r.cues)).toEqual([3723, 123, 4530, 1.5, 2.25, 3.125])
  })

  it('reads bracketed and parenthesised stamps and strips the separator after a stamp', () => {
    const r = readText(
      '[00:01:02] one\n(00:01:03) two\n00:01:04 - three\n00:01:05: four\n00:01:06\tfive\n[01:07] — six',
    )
    expect(starts(r.cues)).toEqual([62, 63, 64, 65, 66, 67])
    expect(texts(r.cues)).toEqual(['one', 'two', 'three', 'four', 'five', 'six'])
  })

  it('keeps a dash that belongs to the text (no space after it) and collapses inner whitespace', () => {
    const r = readText('00:00:01 -5 degrees outside\n00:00:02 lots   of\t space')
    expect(texts(r.cues)).toEqual(['-5 degrees outside', 'lots of space'])
  })

  it('handles CRLF, a lone CR, a BOM and trailing spaces', () => {
    const r = readText('\ufeff00:00:01 first  \r\n\r\n00:00:02 second\r00:00:03 third')
    expect(texts(r.cues)).toEqual(['first', 'second', 'third'])
    expect(Array.from(r.lines ?? [])).toEqual([1, 3, 4])
  })

  it('does not take clock-like words for stamps', () => {
    const r = readText(
      '00:00:01 start\n10:30am we met\n3:1 ratio\n1:2 no\n10:30. Then\n00:61 not a time\n99:99:99 nope',
    )
    expect(r.cues).toHaveLength(1)
    expect(r.cues[0]!.text).toBe(
      'start 10:30am we met 3:1 ratio 1:2 no 10:30. Then 00:61 not a time 99:99:99 nope',
    )
  })

  it('scanStamp returns the milliseconds and leaves the cursor after the stamp', () => {
    const at = { pos: -1 }
    expect(scanStamp('[00:01:02.5] hi', 0, 15, at)).toBe(62_500)
    expect(at.pos).toBe(12)
    expect(scanStamp('(1:00:00)x', 0, 10, at)).toBeNaN()
    expect(scanStamp('[00:01:02 hi', 0, 12, at)).toBeNaN()
    expect(scanStamp('12345:00 hi', 0, 11, at)).toBeNaN()
  })
})

describe('readText: untimed lines', () => {
  it('appends a line without a timestamp to the cue before it', () => {
    const r = readText('00:00:01 It is quite insightful to where\nPython is going.\n\n00:00:05 Next.')
    expect(texts(r.cues)).toEqual(['It is quite insightful to where Python is going.', 'Next.'])
  })

  it('keeps header lines before the first stamp as untimed-line warnings, with their text', () => {
    const r = readText('Talk Python To Me #514\nTranscript\n\n00:00:00 Hello.')
    expect(texts(r.cues)).toEqual(['Hello.'])
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([
      [1, 'untimed-line'],
      [2, 'untimed-line'],
    ])
    expect(r.warnings[0]!.message).toContain('Talk Python To Me #514')
  })

  it('takes the line after a stamp on its own line as that cue’s text (YouTube copy style)', () => {
    const r = readText('0:00\nWelcome back.\n0:04\nMichael: Today we talk.\n')
    expect(texts(r.cues)).toEqual(['Welcome back.', 'Today we talk.'])
    expect(r.cues[1]!.speaker).toBe('Michael')
  })

  it('drops a stamp that never gets any text, with an empty-cue warning', () => {
    const r = readText('00:00:01\n00:00:02 words')
    expect(texts(r.cues)).toEqual(['words'])
    expect(r.warnings).toEqual([{ line: 1, code: 'empty-cue', message: expect.any(String) }])
  })

  it('rejects a file without a single timestamped line, naming the format and line 1', () => {
    const prose = 'Every year, the core developers of Python convene in person.\nThey talk a lot.'
    let error: unknown
    try {
      readText(prose)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TranscriptParseError)
    const err = error as TranscriptParseError
    expect([err.format, err.line, err.expected]).toEqual([
      'text',
      1,
      'a line starting with a timestamp such as 00:01:02',
    ])
    expect(() => readText('')).toThrow(TranscriptParseError)
    expect(() => readText('\n\n   \n')).toThrow(TranscriptParseError)
  })
})

describe('readText: speaker prefixes', () => {
  it('takes a capitalised name (1 to 3 words) before a colon as the speaker', () => {
    const r = readText(
      '00:00:01 Michael: so, welcome.\n00:00:02 Seth Michael Larson: Thanks.\n00:00:03 Guido van Rossum: Hi.\n00:00:04 Speaker 2: Yes.',
    )
    expect(r.cues.map((c) => [c.speaker, c.text])).toEqual([
      ['Michael', 'so, welcome.'],
      ['Seth Michael Larson', 'Thanks.'],
      ['Guido van Rossum', 'Hi.'],
      ['Speaker 2', 'Yes.'],
    ])
  })

  it('keeps ordinary sentences with a colon intact', () => {
    const lines = [
      'Note: this is not a speaker.',
      'So: what now?',
      'Here is the thing: it works.',
      'He said: hello.',
      'Python 3.14: what is new.',
      'Big, Bold News: maybe.',
      'Tuesday: we met.',
      'The time is 10:30: late.',
      'Four Capitalised Words Here: no.',
      'See https://talkpython.fm: links.',
    ]
    const r = readText(lines.map((l, i) => `00:00:0${i} ${l}`).join('\n'))
    expect(texts(r.cues)).toEqual(lines)
    expect(r.cues.every((c) => c.speaker === undefined)).toBe(true)
  })

  it('reads speakers by the one rule of every reader (speaker.ts)', () => {
    const speakerOf = (text: string) => readText(`00:00:01 ${text}`).cues[0]!.speaker
    expect(speakerOf('Michael: so')).toBe('Michael')
    expect(speakerOf('SPEAKER_01: yes')).toBe('SPEAKER_01')
    expect(speakerOf("O'Brien: yes")).toBe("O'Brien")
    expect(speakerOf('Note: this')).toBeUndefined()
    expect(speakerOf('Michael:so')).toBeUndefined()
    // The two cases on which the text and SRT readers used to disagree.
    expect(speakerOf('Tuesday: we record')).toBeUndefined()
    expect(speakerOf('Fun Fact: x')).toBeUndefined()
  })

  it('reads a voice tag as the speaker (Talk Python from episode 525 on)', () => {
    const r = readText(
      '00:00:00 <v Michael Kennedy>Coding agents have gotten good.\n00:00:04 <v Seth Larson>They have.</v>\n',
    )
    expect(r.cues.map((c) => [c.speaker, c.text])).toEqual([
      ['Michael Kennedy', 'Coding agents have gotten good.'],
      ['Seth Larson', 'They have.'],
    ])
  })

  it('reads a WhisperX [SPEAKER_03]: prefix as the speaker', () => {
    const r = readText('00:00:00 [SPEAKER_03]: Go at the same time.\n00:00:02 [Music] plays')
    expect(r.cues.map((c) => [c.speaker, c.text])).toEqual([
      ['SPEAKER_03', 'Go at the same time.'],
      // A label holds for the lines after it (a labelled dialogue); "[Music]" has no colon: text.
      ['SPEAKER_03', '[Music] plays'],
    ])
  })

  it('carries a label to the unlabelled lines after it in a labelled dialogue', () => {
    const r = readText(
      '00:00:01 Michael: Welcome.\n00:00:04 Today we talk.\n00:00:09 Seth: Thanks.\n00:00:11 Glad to be here.',
    )
    expect(r.cues.map((c) => c.speaker)).toEqual(['Michael', 'Michael', 'Seth', 'Seth'])
  })

  it('keeps each label on its own line when one voice is labelled only now and then (Talk Python 296)', () => {
    const r = readText(shared('corpora/talk-python/296-f1.txt'))
    const labelled = r.cues.filter((c) => c.speaker !== undefined)
    const source = shared('corpora/talk-python/296-f1.txt')
    // Every labelled line of the source, and only those, carries the speaker.
    expect(labelled.length).toBe(
      source.split('\n').filter((l) => /^\d\d:\d\d:\d\d Joe Pyshko: /.test(l)).length,
    )
    expect(new Set(labelled.map((c) => c.speaker))).toEqual(new Set(['Joe Pyshko']))
    // "Joe, welcome to Talk Python To Me." is the host speaking, and stays without a speaker.
    expect(r.cues.find((c) => c.text === 'Joe, welcome to Talk Python To Me.')?.speaker).toBeUndefined()
  })
})

describe('readText on real files', () => {
  it('reads every one of the 1,209 timestamped lines of the sample episode', () => {
    const source = shared('fixtures/talk-python-514.txt')
    const r = readText(source)
    const stamped = source.split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l))
    expect(stamped).toHaveLength(1209)
    expect(r.cues).toHaveLength(1209)
    expect(texts(r.cues)).toEqual(stamped.map((l) => l.slice(9).trim().replace(/\s+/g, ' ')))
    expect(r.warnings).toEqual([])
  })

  // How the reader's work grows with the input is counted in pathological.test.ts (200,000 stamped lines).
  it('reads 100,000 lines of the sample episode, every one a cue', { timeout: 60_000 }, () => {
    // The sample episode repeated to 100,000 lines.
    const episode = shared('fixtures/talk-python-514.txt')
      .split('\n')
      .filter((l) => l !== '')
    const lines: string[] = []
    for (let copy = 0; lines.length < 100_000; copy++) {
      for (const l of episode) {
        if (lines.length === 100_000) break
        const hours = Number(l.slice(0, 2)) + copy * 2
        lines.push(`${String(hours).padStart(2, '0')}${l.slice(2)}`)
      }
    }
    const source = lines.join('\n\n')
    const r = readText(source)
    expect(r.cues).toHaveLength(100_000)
    expect(r.cues[99_999]!.start).toBeGreaterThan(r.cues[0]!.start)
  })
})

describe('writeText', () => {
  it('writes HH:MM:SS text per cue, milliseconds only when a start has them, speaker on change', () => {
    const out = writeText(
      transcript([
        { start: 0, end: 7, text: 'Welcome.', speaker: 'Michael' },
        { start: 7, end: 9.5, text: 'Today we talk.', speaker: 'Michael' },
        { start: 9.5, end: 12, text: 'Thanks.', speaker: 'Seth' },
        { start: 3723.04, end: 3725, text: 'Late.' },
      ]),
    )
    expect(out).toBe(
      '00:00:00 Michael: Welcome.\n\n00:00:07 Today we talk.\n\n00:00:09.500 Seth: Thanks.\n\n01:02:03.040 Late.\n',
    )
  })

  it('labels every line of a lone speaker who does not open the file, so that reading keeps them', () => {
    const cues: Cue[] = [
      { start: 0, end: 1, text: 'Intro music.' },
      { start: 1, end: 2, text: 'Hello.', speaker: 'Seth' },
      { start: 2, end: 3, text: 'Welcome.', speaker: 'Seth' },
    ]
    const out = writeText(transcript(cues))
    expect(out).toBe('00:00:00 Intro music.\n\n00:00:01 Seth: Hello.\n\n00:00:02 Seth: Welcome.\n')
    expect(readText(out).cues.map((c) => c.speaker)).toEqual([undefined, 'Seth', 'Seth'])
  })

  it('restates the speaker before a text that looks like a label itself', () => {
    const cues: Cue[] = [
      { start: 0, end: 1, text: 'Hi.', speaker: 'Seth' },
      { start: 1, end: 2, text: 'Guido: that was his answer.', speaker: 'Seth' },
    ]
    const back = readText(writeText(transcript(cues))).cues
    expect(back.map((c) => [c.speaker, c.text])).toEqual([
      ['Seth', 'Hi.'],
      ['Seth', 'Guido: that was his answer.'],
    ])
  })

  it('writes an empty transcript as an empty string', () => {
    expect(writeText(transcript([]))).toBe('')
  })

  it('writes a text that would read as something else so that it reads back the same', () => {
    const texts = [
      '-- oh, it is a',
      '--',
      '- ',
      '>> Seth: hi',
      '[SPEAKER_01]: x',
      '<v Ann>hello',
      'Guido: yes',
      '\u2060x',
    ]
    const cues: Cue[] = texts.map((text, k) => ({ start: k, end: k + 1, text: text.trim() }))
    const out = writeText(transcript(cues))
    const back = readText(out).cues
    expect(back.map((c) => [c.start, c.text, c.speaker])).toEqual(
      cues.map((c) => [c.start, c.text, undefined]),
    )
    // Only what needs it is marked; the rest is written as is.
    expect(out).toContain('00:00:07 \u2060\u2060x')
  })

  // Round trip: the text format has no end times, so it keeps starts (to the millisecond), texts and
  // speakers; the ends come back by inference (the next cue's start), not as written.
  it('round-trips starts, texts and speakers (property)', () => {
    const word = fc.constantFrom(
      'so',
      'Python',
      'yes,',
      'the',
      'core',
      'devs',
      '- dash',
      ': colon',
      'rate 3:1',
      '10:30',
      '[x]',
      'Guido:',
      'Note:',
      '--',
      '-',
      '–',
      '|',
      '>>',
      '>> Seth:',
      '[SPEAKER_01]:',
      '[x]:',
      '<v Ann>',
      '</v>',
      '<',
      '\u2060',
      '00:00:05',
      '[00:01:02]',
    )
    const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '))
    const speaker = fc.option(
      fc.constantFrom('Michael', 'Seth Larson', 'Guido van Rossum', 'the host', 'Note'),
      {
        nil: undefined,
      },
    )
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 1, max: 20_000 }), text, speaker }), {
          minLength: 1,
          maxLength: 30,
        }),
        (rows) => {
          let ms = 0
          const cues: Cue[] = rows.map((r) => {
            ms += r.gap
            const cue: Cue = { start: ms / 1000, end: ms / 1000 + 1, text: r.text }
            if (r.speaker !== undefined) cue.speaker = r.speaker
            return cue
          })
          // Plain text cannot say "nobody" after a named speaker in a dialogue (the label carries on).
          fc.pre(
            !cues.some(
              (c, i) => c.speaker === undefined && cues.slice(0, i).some((p) => p.speaker !== undefined),
            ),
          )
          const back = readText(writeText(transcript(cues))).cues
          expect(back.map((c) => Math.round(c.start * 1000))).toEqual(
            cues.map((c) => Math.round(c.start * 1000)),
          )
          expect(texts(back)).toEqual(texts(cues))
          expect(back.map((c) => c.speaker)).toEqual(cues.map((c) => c.speaker))
        },
      ),
    )
  })
})
