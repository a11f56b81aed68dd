import type { Cue } from '@castline/core'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { estimateToken, splitPieces, tokenAtOffset, tokenizeCue } from '../src/line-text.js'

const cue = (text: string, words?: string[], start = 0, end = 10): Cue => {
  const c: Cue = { start, end, text }
  if (words !== undefined) {
    const step = (end - start) / words.length
    c.words = words.map((w, i) => ({ start: start + i * step, end: start + (i + 1) * step, text: w }))
  }
  return c
}

describe('tokenizeCue', () => {
  test('words of the text, by whitespace, with their offsets', () => {
    const tokens = tokenizeCue(cue('  Hello,  world!\u00a0ok '))
    expect(tokens.map((t) => [t.start, t.end, t.word])).toEqual([
      [2, 8, -1],
      [10, 16, -1],
      [17, 19, -1],
    ])
  })
  test('timed words map one to one when the counts agree', () => {
    expect(tokenizeCue(cue('a b c', ['a', 'b', 'c'])).map((t) => t.word)).toEqual([0, 1, 2])
  })
  test('timed words that do not split like the text are found in order, case-insensitively; missing ones are skipped', () => {
    const tokens = tokenizeCue(cue("Don't stop me now", ['don', "'t", 'stop', 'ZZZ', 'now']))
    expect(tokens.map((t) => [t.start, t.end, t.word])).toEqual([
      [0, 3, 0],
      [3, 5, 1],
      [6, 10, 2],
      [14, 17, 4],
    ])
  })
})

describe('estimateToken', () => {
  const c = cue('aaaa bbbb cccc dddd', undefined, 10, 20) // 19 chars
  const tokens = tokenizeCue(c)
  test('the token under the character as far through the text as time is through the cue', () => {
    expect(estimateToken(tokens, c.text.length, c, 10)).toBe(0)
    expect(estimateToken(tokens, c.text.length, c, 13)).toBe(1) // char 5.7
    expect(estimateToken(tokens, c.text.length, c, 17.9)).toBe(3) // char 15
    expect(estimateToken(tokens, c.text.length, c, 25)).toBe(3)
    expect(estimateToken(tokens, c.text.length, c, 0)).toBe(0)
    expect(estimateToken([], 0, c, 15)).toBe(-1)
  })
  test('moves forward monotonically with time', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 20, noNaN: true }),
        fc.double({ min: 10, max: 20, noNaN: true }),
        (a, b) => {
          const [t1, t2] = a <= b ? [a, b] : [b, a]
          expect(estimateToken(tokens, c.text.length, c, t1)).toBeLessThanOrEqual(
            estimateToken(tokens, c.text.length, c, t2),
          )
        },
      ),
    )
  })
})

test('tokenAtOffset: the token containing the offset, or the one before a space', () => {
  const tokens = tokenizeCue(cue('ab cd ef'))
  expect(tokenAtOffset(tokens, 0)).toBe(0)
  expect(tokenAtOffset(tokens, 2)).toBe(0)
  expect(tokenAtOffset(tokens, 3)).toBe(1)
  expect(tokenAtOffset(tokens, 7)).toBe(2)
})

describe('splitPieces', () => {
  test('pieces cover the text exactly, each inside at most one token and one match', () => {
    const text = fc.stringMatching(/^[a-c ]{0,40}$/)
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(40), fc.nat(6)), { maxLength: 5 }), (s, raw) => {
        const tokens = tokenizeCue(cue(s))
        // Non-overlapping sorted matches, as searchTranscript returns them.
        const matches: { cue: number; start: number; end: number }[] = []
        let from = 0
        for (const [a, len] of raw.sort((x, y) => x[0] - y[0])) {
          const start = Math.max(from, Math.min(a, s.length))
          const end = Math.min(s.length, start + len + 1)
          if (start >= end) continue
          matches.push({ cue: 0, start, end })
          from = end
        }
        const pieces = splitPieces(s.length, tokens, matches, matches[0]?.start ?? -1)
        expect(pieces.map((p) => s.slice(p.start, p.end)).join('')).toBe(s)
        for (const p of pieces) {
          expect(p.end).toBeGreaterThan(p.start)
          if (p.token >= 0) {
            const t = tokens[p.token]!
            expect(t.start <= p.start && p.end <= t.end).toBe(true)
          } else {
            expect(s.slice(p.start, p.end).trim()).toBe('')
          }
          const inMatch = matches.some((m) => m.start <= p.start && p.end <= m.end)
          expect(p.match !== 'none').toBe(inMatch)
        }
        // Every matched character is inside a marked piece.
        const marked = pieces.filter((p) => p.match !== 'none').reduce((n, p) => n + p.end - p.start, 0)
        expect(marked).toBe(matches.reduce((n, m) => n + m.end - m.start, 0))
      }),
    )
  })
  test('the current match is flagged', () => {
    const pieces = splitPieces(
      11,
      null,
      [
        { cue: 0, start: 0, end: 3 },
        { cue: 0, start: 6, end: 9 },
      ],
      6,
    )
    expect(pieces.map((p) => p.match)).toEqual(['match', 'none', 'current', 'none'])
  })
})
