// The demo's URL parameters in Node (no browser): only http(s):, blob: and relative URLs get through.
import { describe, expect, it } from 'vitest'
import { checkLinkUrl, readLinkParams } from '../src/link-params.js'

const BASE = 'https://castline.example/demo/'

describe('checkLinkUrl', () => {
  it.each([
    ['https://cdn.example/ep.mp3', 'https://cdn.example/ep.mp3'],
    ['http://cdn.example/ep.mp3', 'http://cdn.example/ep.mp3'],
    ['HTTPS://CDN.example/ep.mp3', 'https://cdn.example/ep.mp3'],
    ['episodes/ep.mp3', 'https://castline.example/demo/episodes/ep.mp3'],
    ['/ep.vtt', 'https://castline.example/ep.vtt'],
    ['//other.example/ep.vtt', 'https://other.example/ep.vtt'],
    ['  https://cdn.example/ep.mp3  ', 'https://cdn.example/ep.mp3'],
    ['blob:https://castline.example/0b9f', 'blob:https://castline.example/0b9f'],
  ])('accepts %s', (value, url) => {
    expect(checkLinkUrl(value, BASE)).toEqual({ url })
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:audio/mpeg;base64,AAAA',
    'DATA:,x',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/ep.mp3',
    'chrome://settings',
    'about:blank',
    'ws://example.com/',
  ])('refuses %j', (value) => {
    const result = checkLinkUrl(value, BASE)
    expect(result).toHaveProperty('reason')
    expect((result as { reason: string }).reason).toMatch(/not allowed|not a valid URL/)
  })

  it('refuses what does not parse as a URL at all', () => {
    expect(checkLinkUrl('http://[::1', BASE)).toEqual({ reason: 'it is not a valid URL' })
  })
})

describe('readLinkParams', () => {
  it('refuses the whole link when any one of its URLs is refused, naming that parameter', () => {
    for (const name of ['audio', 'transcript', 'peaks']) {
      const params = new URLSearchParams({ audio: 'a.mp3', transcript: 't.vtt', peaks: 'p.json' })
      params.set(name, 'javascript:alert(1)')
      const result = readLinkParams(`?${params}`, BASE)
      expect(result.kind).toBe('refused')
      expect(result.kind === 'refused' && result.message).toMatch(
        new RegExp(`${name}= parameter was refused`),
      )
    }
  })

  it('keeps a hostile title as a plain string, cut to 200 characters', () => {
    const title = `<img src=x onerror=alert(1)>${'x'.repeat(300)}`
    const result = readLinkParams(
      `?${new URLSearchParams({ audio: 'a.mp3', transcript: 't.vtt', title })}`,
      BASE,
    )
    expect(result).toEqual({
      kind: 'episode',
      episode: {
        audio: 'https://castline.example/demo/a.mp3',
        transcript: 'https://castline.example/demo/t.vtt',
        title: title.slice(0, 200),
      },
    })
  })

  it('?feed=&episode= names a feed episode; a feed without an episode, or a javascript: feed, is refused', () => {
    expect(readLinkParams('?feed=feeds/show.xml&episode=%20ep-1%20', BASE)).toEqual({
      kind: 'feed',
      feed: { feed: 'https://castline.example/demo/feeds/show.xml', guid: 'ep-1' },
    })
    const noEpisode = readLinkParams('?feed=feeds/show.xml', BASE)
    expect(noEpisode.kind === 'refused' && noEpisode.message).toMatch(/needs both a feed= and an episode=/)
    const hostile = readLinkParams(
      `?${new URLSearchParams({ feed: 'javascript:alert(1)', episode: 'x' })}`,
      BASE,
    )
    expect(hostile.kind === 'refused' && hostile.message).toMatch(/feed= parameter was refused: javascript:/)
  })
})
