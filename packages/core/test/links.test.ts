import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseTranscript } from '../src/entry/formats.js'
import { createAdTimeMap, formatQuoteLink, locateQuote, parseQuoteLink } from '../src/entry/links.js'
import type { Transcript } from '../src/index.js'

const transcript = parseTranscript(
  readFileSync(
    fileURLToPath(new URL('../../../../shared/fixtures/talk-python-514.txt', import.meta.url)),
    'utf8',
  ),
)
/** The first cue whose text starts with `prefix`. */
const cueStarting = (t: Transcript, prefix: string) => t.cues.findIndex((c) => c.text.startsWith(prefix))

describe('formatQuoteLink and parseQuoteLink', () => {
  it('writes #t=start,end&q=first words, URL-encoded, replacing an existing fragment', () => {
    expect(
      formatQuoteLink('https://example.com/ep/514#old', {
        start: 754.2,
        end: 761.9,
        quote: 'Free-threading was a big part of the Language Summit, really & truly.',
      }),
    ).toBe(
      'https://example.com/ep/514#t=754.2,761.9&q=Free-threading%20was%20a%20big%20part%20of%20the%20Language',
    )
    expect(formatQuoteLink('/ep', { start: 12.3456 })).toBe('/ep#t=12.346')
  })

  it('reads back what it writes', () => {
    const link = { start: 754.2, end: 761.9, quote: 'Café & "crème" #1?' }
    expect(parseQuoteLink(formatQuoteLink('https://example.com/x', link))).toEqual(link)
  })

  it('reads the npt forms: seconds, mm:ss.f, hh:mm:ss, npt: prefix, an open start or end', () => {
    expect(parseQuoteLink('#t=754')).toEqual({ start: 754 })
    expect(parseQuoteLink('t=12:34.2')).toEqual({ start: 754.2 })
    expect(parseQuoteLink('#t=1:02:03.5,1:02:10')).toEqual({ start: 3723.5, end: 3730 })
    expect(parseQuoteLink('#t=npt:754')).toEqual({ start: 754 })
    expect(parseQuoteLink('#t=,20')).toEqual({ start: 0, end: 20 })
    expect(parseQuoteLink('#t=10,')).toEqual({ start: 10 })
    expect(parseQuoteLink('https://example.com/a?x=1#q=hi&t=5')).toEqual({ start: 5, quote: 'hi' })
  })

  it('returns null without a usable t=, and ignores a quote that does not decode', () => {
    expect(parseQuoteLink('#q=hello')).toBeNull()
    expect(parseQuoteLink('#t=soon')).toBeNull()
    expect(parseQuoteLink('#t=20,10')).toBeNull()
    expect(parseQuoteLink('https://example.com/')).toBeNull()
    expect(parseQuoteLink('#t=5&q=%E0%A4%A')).toEqual({ start: 5 })
  })
})

describe('locateQuote', () => {
  const k = cueStarting(transcript, 'Yeah, free-threading was a big part')
  const cue = transcript.cues[k]!

  it('keeps the time when the line there holds the words (case and punctuation aside)', () => {
    const at = locateQuote(transcript, { start: cue.start + 1, quote: 'FREE THREADING, was a big' })
    expect(at).toEqual({ time: cue.start + 1, cue: k, moved: false, offset: 0, found: true })
  })

  it('finds a quote that runs on into the next line', () => {
    const next = transcript.cues[k + 1]!.text.split(' ').slice(0, 2).join(' ')
    const at = locateQuote(transcript, { start: cue.start, quote: `the Language Summit. ${next}` })
    expect(at.found).toBe(true)
    expect(at.moved).toBe(false)
  })

  it('moves to the nearest line that holds the words within the window', () => {
    const at = locateQuote(transcript, { start: cue.start - 40, quote: 'free-threading was a big part' })
    expect(at).toEqual({ time: cue.start, cue: k, moved: true, offset: 40, found: true })
    expect(
      locateQuote(
        transcript,
        { start: cue.start - 40, quote: 'free-threading was a big part' },
        { window: 30 },
      ).found,
    ).toBe(false)
  })

  it('keeps the time and says so when the words are nowhere near', () => {
    const at = locateQuote(transcript, { start: 100, quote: 'words nobody ever said on this show' })
    expect(at).toMatchObject({ time: 100, moved: false, offset: 0, found: false })
    expect(locateQuote(transcript, { start: 100 })).toMatchObject({ time: 100, found: false })
  })

  it('lands a link on its words when a 60 s ad break shifted the times after it', () => {
    // The link was made on the ad-free transcript; the transcript now read has a 60 s break at 300 s.
    const link = parseQuoteLink(
      formatQuoteLink('https://example.com/514', { start: cue.start, quote: cue.text }),
    )!
    const shifted: Transcript = {
      ...transcript,
      cues: transcript.cues.map((c) => (c.start < 300 ? c : { ...c, start: c.start + 60, end: c.end + 60 })),
    }
    const at = locateQuote(shifted, link)
    expect(at).toMatchObject({ time: cue.start + 60, cue: k, moved: true, offset: 60, found: true })
    expect(shifted.cues[at.cue]!.text).toBe(cue.text)
  })

  it('with a time map, the link stays in transcript time and the player seeks past the break', () => {
    const map = createAdTimeMap([{ at: 300, duration: 60 }])
    const link = parseQuoteLink(
      formatQuoteLink('https://example.com/514', { start: cue.start, quote: cue.text }),
    )!
    const at = locateQuote(transcript, link)
    expect(at).toMatchObject({ moved: false, found: true })
    const audio = map.toAudio(at.time)
    expect(audio).toBe(cue.start + 60)
    expect(map.toTranscript(audio)).toEqual({ time: cue.start, inBreak: false })
  })
})
