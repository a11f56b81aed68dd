import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Cue, Transcript } from '../src/model.js'
import { searchTranscript } from '../src/search.js'

function transcriptOf(texts: string[]): Transcript {
  const cues: Cue[] = texts.map((text, i) => ({ start: i, end: i + 1, text }))
  return { format: 'text', cues, warnings: [], speakers: [], wordLevel: false }
}

// The sample episode's lines ("HH:MM:SS text"), one cue each: only the text matters to search, so this
// does not wait for the text-format reader.
const episodeLines = readFileSync(
  new URL('../../../../shared/fixtures/talk-python-514.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => /^\d\d:\d\d:\d\d /.test(line))
  .map((line) => line.slice(9).trim())
const episode = transcriptOf(episodeLines)

/** Reference folding of a whole string at once, written independently of the per-character one. */
function referenceFold(s: string): string {
  return s
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .replaceAll('ß', 'ss')
    .replaceAll('ς', 'σ')
    .replace(/\s+/gu, ' ')
}

function countOccurrences(haystack: string, needle: string): number {
  let n = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) n++
  return n
}

const slice = (t: Transcript, m: { cue: number; start: number; end: number }) =>
  t.cues[m.cue]!.text.slice(m.start, m.end)

describe('searchTranscript on the sample episode', () => {
  it('finds every "Pyodide", whatever the case, with offsets into the original text', () => {
    const matches = searchTranscript(episode, 'pyodide')
    const expected = episodeLines.reduce((n, line) => n + countOccurrences(line.toLowerCase(), 'pyodide'), 0)
    expect(expected).toBeGreaterThanOrEqual(6)
    expect(matches).toHaveLength(expected)
    for (const m of matches) expect(slice(episode, m)).toBe('Pyodide')
    expect(searchTranscript(episode, 'PYODIDE')).toEqual(matches)
  })

  it('finds phrases with hyphens and any whitespace in the query', () => {
    const matches = searchTranscript(episode, 'free-threaded python')
    expect(matches.length).toBeGreaterThanOrEqual(4)
    for (const m of matches) expect(slice(episode, m).toLowerCase()).toBe('free-threaded python')
    expect(searchTranscript(episode, '  Free-Threaded \t  PYTHON ')).toEqual(matches)
    // Whitespace in the query is whitespace, not "anything": the hyphen must be there.
    expect(searchTranscript(episode, 'free threaded python')).toEqual([])
  })

  it('returns matches in transcript order, several per cue when the cue repeats the phrase', () => {
    const matches = searchTranscript(episode, 'the')
    const expected = episodeLines.reduce((n, line) => n + countOccurrences(line.toLowerCase(), 'the'), 0)
    expect(matches).toHaveLength(expected)
    for (let k = 1; k < matches.length; k++) {
      const a = matches[k - 1]!
      const b = matches[k]!
      expect(b.cue > a.cue || (b.cue === a.cue && b.start >= a.end)).toBe(true)
    }
  })

  it('finds nothing for an empty or blank query, or a phrase that is not there', () => {
    expect(searchTranscript(episode, '')).toEqual([])
    expect(searchTranscript(episode, ' \t\n ')).toEqual([])
    expect(searchTranscript(episode, 'kubernetes operator')).toEqual([])
  })
})

describe('searchTranscript folding', () => {
  it('ignores accents and case both ways', () => {
    const t = transcriptOf(['Gotta catch every Pokémon!', 'Un CAFÉ, s’il vous plaît', 'the cafe next door'])
    expect(searchTranscript(t, 'pokemon')).toEqual([{ cue: 0, start: 18, end: 25 }])
    expect(searchTranscript(t, 'POKÉMON')).toEqual([{ cue: 0, start: 18, end: 25 }])
    expect(searchTranscript(t, 'café')).toEqual([
      { cue: 1, start: 3, end: 7 },
      { cue: 2, start: 4, end: 8 },
    ])
    expect(searchTranscript(t, 'plait')).toEqual([{ cue: 1, start: 19, end: 24 }])
  })

  it('maps offsets back through decomposed accents, ß, ligatures and full-width letters', () => {
    const decomposed = 'Cafe\u0301 au lait' // e + combining acute: 5 code units for "Café"
    const t = transcriptOf([decomposed, 'Die Straße hier', 'ﬁnance ﬂow', 'ＰＹＴＨＯＮ 3.14', 'İstanbul'])
    expect(searchTranscript(t, 'café')).toEqual([{ cue: 0, start: 0, end: 5 }]) // the mark is included
    expect(searchTranscript(t, 'cafe au')).toEqual([{ cue: 0, start: 0, end: 8 }])
    expect(searchTranscript(t, 'strasse')).toEqual([{ cue: 1, start: 4, end: 10 }])
    expect(searchTranscript(t, 'STRASSE HIER')).toEqual([{ cue: 1, start: 4, end: 15 }])
    // Half of 'ß' still highlights the whole letter.
    expect(searchTranscript(t, 'stras')).toEqual([{ cue: 1, start: 4, end: 9 }])
    expect(searchTranscript(t, 'finance flow')).toEqual([{ cue: 2, start: 0, end: 10 }])
    expect(searchTranscript(t, 'python')).toEqual([{ cue: 3, start: 0, end: 6 }])
    expect(searchTranscript(t, 'istanbul')).toEqual([{ cue: 4, start: 0, end: 8 }])
  })

  it('handles right-to-left scripts with vowel points, and CJK without spaces', () => {
    const hebrew = 'שָׁלוֹם עולם' // shalom with niqqud: 7 code units, then a space and "olam"
    const arabic = 'قال مَرْحَبًا بكم'
    const t = transcriptOf([hebrew, arabic, '東京でPyodideを使う', '谈谈 Python 的未来'])
    expect(searchTranscript(t, 'שלום')).toEqual([{ cue: 0, start: 0, end: 7 }])
    expect(searchTranscript(t, 'שלום עולם')).toEqual([{ cue: 0, start: 0, end: 12 }])
    const m = searchTranscript(t, 'مرحبا')
    expect(m).toHaveLength(1)
    expect(slice(t, m[0]!)).toBe('مَرْحَبًا')
    expect(searchTranscript(t, '東京')).toEqual([{ cue: 2, start: 0, end: 2 }])
    expect(searchTranscript(t, 'pyodideを')).toEqual([{ cue: 2, start: 3, end: 11 }])
    expect(searchTranscript(t, '的未来')).toEqual([{ cue: 3, start: 10, end: 13 }])
  })

  it('matches Greek final sigma and skips invisible soft hyphens', () => {
    const t = transcriptOf(['ΟΔΟΣ', 'Py\u00adodide'])
    expect(searchTranscript(t, 'οδος')).toEqual([{ cue: 0, start: 0, end: 4 }])
    expect(searchTranscript(t, 'pyodide')).toEqual([{ cue: 1, start: 0, end: 8 }])
  })

  // Two alphabets: a wide one for coverage, a narrow one so that multi-piece queries really occur.
  const wide = fc.constantFrom(
    'a',
    'e',
    'é',
    'E\u0301',
    'É',
    'ß',
    'ss',
    'S',
    ' ',
    '  ',
    '\t',
    '\u00a0',
    'ﬁ',
    'fi',
    'ς',
    'σ',
    'Σ',
    'İ',
    'i',
    'ö',
    'o',
    '東',
    '😀',
    '\u00ad',
    'x',
    '-',
    'ש',
    'ָ',
  )
  const narrow = fc.constantFrom('a', 'é', 'E\u0301', 's', 'ß', ' ', ' \t ', '\u00a0')
  for (const [name, pieces] of [
    ['wide', wide],
    ['narrow', narrow],
  ] as const) {
    it(`agrees with whole-string folding on random text (${name} alphabet): count, order, coverage`, () => {
      const text = fc.array(pieces, { maxLength: 40, size: 'max' }).map((p) => p.join(''))
      const query = fc.array(pieces, { minLength: 1, maxLength: 4, size: 'max' }).map((p) => p.join(''))
      fc.assert(
        fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), query, (texts, query) => {
          const t = transcriptOf(texts)
          const needle = referenceFold(query).trim()
          const matches = searchTranscript(t, query)
          if (needle === '') {
            expect(matches).toEqual([])
            return
          }
          const expected = texts.reduce((n, s) => n + countOccurrences(referenceFold(s), needle), 0)
          expect(matches).toHaveLength(expected)
          for (const m of matches) expect(referenceFold(slice(t, m))).toContain(needle)
        }),
        { numRuns: 400 },
      )
    })
  }

  it('finds accent-folded phrases among 100,000 cues', () => {
    const texts: string[] = []
    for (let i = 0; i < 100_000; i++) texts.push(episodeLines[i % episodeLines.length]!)
    texts[77_777] = 'Un café à Zürich'
    const big = transcriptOf(texts)
    expect(searchTranscript(big, 'zurich')).toEqual([{ cue: 77_777, start: 10, end: 16 }])
    const hits = searchTranscript(big, 'pyodide')
    const expected = texts.flatMap((t, cue) => (t.toLowerCase().includes('pyodide') ? [cue] : []))
    expect([...new Set(hits.map((h) => h.cue))]).toEqual(expected)
  })
})
