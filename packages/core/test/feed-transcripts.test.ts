import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadTranscript, matchSpeakers, type Person, pickTranscripts, readFeed } from '../src/entry/feed.js'
import { formatTranscript, parseTranscript } from '../src/entry/formats.js'

const feed = readFeed(readFileSync(fileURLToPath(new URL('fixtures/host-feed.xml', import.meta.url)), 'utf8'))
const ep12 = feed.items[0]!
const urls = (list: Array<{ url: string }>) => list.map((t) => t.url.replace('https://cdn.example.com/', ''))

describe('pickTranscripts', () => {
  it("orders the page's language first (prefix match), then JSON > WebVTT > SRT > HTML > text", () => {
    // No language attribute means the channel's (en-us); rel="captions" is still a transcript.
    expect(urls(pickTranscripts(ep12, { language: 'en' }))).toEqual([
      'ep12.json',
      'ep12.vtt',
      'ep12.srt',
      'ep12.html',
      'ep12-de.vtt',
    ])
    expect(urls(pickTranscripts(ep12, { language: 'de-AT' }))).toEqual([
      'ep12-de.vtt',
      'ep12.json',
      'ep12.vtt',
      'ep12.srt',
      'ep12.html',
    ])
  })

  it('without a language, by format alone, feed order within a format', () => {
    expect(urls(pickTranscripts(ep12))).toEqual([
      'ep12.json',
      'ep12.vtt',
      'ep12-de.vtt',
      'ep12.srt',
      'ep12.html',
    ])
  })

  it('leaves out types not accepted and types Castline does not read', () => {
    const item = {
      ...ep12,
      transcripts: [
        { url: 'a.pdf', type: 'application/pdf' },
        { url: 'b.srt', type: 'application/srt' },
        { url: 'c.vtt', type: 'text/vtt; charset=utf-8' },
      ],
    }
    expect(urls(pickTranscripts(item))).toEqual(['c.vtt', 'b.srt'])
    expect(urls(pickTranscripts(item, { accept: ['application/srt'] }))).toEqual(['b.srt'])
  })
})

describe('loadTranscript', () => {
  const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello from the VTT file.\n'

  it('falls back past a failed fetch and a file that is not its format, recording why', async () => {
    const files: Record<string, string> = {
      'https://cdn.example.com/ep12.json': '{ "not": "a transcript" ',
      'https://cdn.example.com/ep12.vtt': vtt,
    }
    const tried: string[] = []
    const result = await loadTranscript(
      ep12,
      async (url) => {
        tried.push(url)
        const text = files[url]
        if (text === undefined) throw new Error('404')
        return text
      },
      { language: 'en' },
    )
    expect(result.transcript?.cues.map((c) => c.text)).toEqual(['Hello from the VTT file.'])
    expect(result.source?.url).toBe('https://cdn.example.com/ep12.vtt')
    expect(result.attempts).toEqual([
      {
        url: 'https://cdn.example.com/ep12.json',
        type: 'application/json',
        error: expect.stringMatching(/^not readable: json line 1/),
      },
      { url: 'https://cdn.example.com/ep12.vtt', type: 'text/vtt' },
    ])
    expect(tried).toHaveLength(2)
  })

  it('records every failure and returns null when nothing can be used', async () => {
    const result = await loadTranscript(ep12, (url) =>
      url.endsWith('.srt') ? Promise.resolve('') : Promise.reject(new Error(`offline: ${url}`)),
    )
    expect(result.transcript).toBeNull()
    expect(result.source).toBeNull()
    expect(result.attempts.map((a) => a.error?.split(':')[0])).toEqual([
      'fetch failed',
      'fetch failed',
      'fetch failed',
      'not readable',
      'fetch failed',
    ])
  })

  it('reads word-level JSON with the item duration', async () => {
    const json = formatTranscript(parseTranscript(vtt), 'json')
    const result = await loadTranscript(ep12, async () => json)
    expect(result.transcript?.format).toBe('json')
    expect(result.transcript?.duration).toBe(3723)
    expect(result.attempts).toEqual([{ url: 'https://cdn.example.com/ep12.json', type: 'application/json' }])
  })
})

describe('matchSpeakers', () => {
  const persons: Person[] = [
    { name: 'José García', role: 'host', group: 'cast' },
    { name: 'Ana Müller', role: 'host', group: 'cast' },
    { name: 'Lee Chen', role: 'guest', group: 'cast' },
  ]

  it('matches names ignoring case and accents, through aliases for labels, and leaves the rest unmatched', () => {
    const matched = matchSpeakers(
      ['jose garcia', 'ANA MULLER', 'SPEAKER_1', 'SPEAKER_2', 'Narrator'],
      persons,
      {
        SPEAKER_1: 'Lee Chen',
        SPEAKER_2: 'Nobody Here',
      },
    )
    expect([...matched].map(([speaker, person]) => [speaker, person?.name ?? null])).toEqual([
      ['jose garcia', 'José García'],
      ['ANA MULLER', 'Ana Müller'],
      ['SPEAKER_1', 'Lee Chen'],
      ['SPEAKER_2', null],
      ['Narrator', null],
    ])
  })

  it('matches a name written with combining marks to one written precomposed', () => {
    const matched = matchSpeakers(['Jose\u0301 Garci\u0301a'], persons)
    expect(matched.get('Jose\u0301 Garci\u0301a')?.name).toBe('José García')
  })
})
