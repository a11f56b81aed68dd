/**
 * `loadFeedEpisode`: the sample feed's episode with everything it links (relative URLs resolved against
 * the feed's), the JSON transcript's failure falling back to the SRT one, and each plain error.
 */
import { describe, expect, test } from 'vitest'
import { FeedLoadError, loadFeedEpisode } from '../src/index.js'
import { FEED_GUID, FEED_URL, repoFile, sampleFeedFetch } from './feed-fixture.js'

const folder = 'https://podcast.example/episodes/talk-python-514/'

describe('loadFeedEpisode', () => {
  test('loads the sample feed: episode, JSON transcript with speakers, chapters, persons, soundbites', async () => {
    const { fetch, requests } = sampleFeedFetch()
    const loaded = await loadFeedEpisode(FEED_URL, FEED_GUID, { fetch })
    expect(loaded.episode).toMatchObject({
      guid: FEED_GUID,
      title: 'Python Language Summit 2025',
      show: 'Talk Python To Me',
      author: 'Michael Kennedy',
      image: `${folder}artwork.svg`,
      duration: 4374,
      number: 514,
      pubDate: 'Mon, 07 Jul 2025 08:00:00 GMT',
      enclosure: { url: `${folder}episode.mp3`, type: 'audio/mpeg', length: 8749335 },
    })
    expect(loaded.transcriptSource?.url).toBe(`${folder}transcript.json`)
    expect(loaded.attempts).toEqual([{ url: `${folder}transcript.json`, type: 'application/json' }])
    expect(loaded.transcript?.cues).toHaveLength(1074)
    expect(loaded.transcript?.speakers).toEqual(['SPEAKER_1', 'SPEAKER_2'])
    expect(loaded.chapters?.chapters[1]).toMatchObject({ start: 187, title: 'What is the Language Summit?' })
    expect(loaded.persons.map((p) => [p.name, p.role, p.img])).toEqual([
      ['Michael Kennedy', 'host', `${folder}people/michael-kennedy.svg`],
      ['Seth Michael Larson', 'guest', `${folder}people/seth-michael-larson.svg`],
    ])
    expect(loaded.soundbites.map((s) => [s.startTime, s.duration, s.title])).toEqual([
      [594, 14, 'Free-threading was a big part of the Language Summit'],
      [2385, 21, 'The state of free-threaded Python'],
    ])
    // The feed, one transcript and the chapters: the SRT is never fetched when the JSON reads.
    expect(requests.sort()).toEqual([`${folder}chapters.json`, FEED_URL, `${folder}transcript.json`])
  })

  test('a JSON transcript that fails falls back to the SRT one, and says why', async () => {
    const { fetch } = sampleFeedFetch({ 'transcript.json': 500 })
    const loaded = await loadFeedEpisode(FEED_URL, FEED_GUID, { fetch })
    expect(loaded.attempts).toEqual([
      {
        url: `${folder}transcript.json`,
        type: 'application/json',
        error: 'fetch failed: the server answered 500',
      },
      { url: `${folder}transcript.srt`, type: 'application/x-subrip' },
    ])
    expect(loaded.transcriptSource?.type).toBe('application/x-subrip')
    expect(loaded.transcript?.cues).toHaveLength(1074)

    const broken = sampleFeedFetch({ 'transcript.json': { body: '{"segments": [' } })
    const again = await loadFeedEpisode(FEED_URL, FEED_GUID, { fetch: broken.fetch })
    expect(again.attempts[0]?.error).toMatch(/^not readable: /)
    expect(again.transcript?.cues[0]?.text).toMatch(/^Every year, the core developers/)
  })

  test('no readable transcript and failed chapters still give the episode, with the reasons', async () => {
    const { fetch } = sampleFeedFetch({
      'transcript.json': 404,
      'transcript.srt': 'reject',
      'chapters.json': 404,
    })
    const loaded = await loadFeedEpisode(FEED_URL, FEED_GUID, { fetch })
    expect(loaded.transcript).toBeNull()
    expect(loaded.attempts.map((a) => a.error)).toEqual([
      'fetch failed: the server answered 404',
      'fetch failed: Failed to fetch',
    ])
    expect(loaded.chapters).toBeNull()
    expect(loaded.chaptersError).toMatch(/^The chapters could not be loaded: the server answered 404/)
    expect(loaded.episode.enclosure.url).toBe(`${folder}episode.mp3`)
  })

  test('an unknown GUID says how many episodes the feed has', async () => {
    const { fetch } = sampleFeedFetch()
    const error = await loadFeedEpisode(FEED_URL, 'no-such-guid', { fetch }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FeedLoadError)
    expect(error).toMatchObject({ kind: 'unknown-episode', itemCount: 1 })
    expect((error as Error).message).toBe(
      'The feed has no episode with the GUID "no-such-guid" (it lists 1 episode).',
    )
  })

  test('a real feed (the Podcasting 2.0 example): an episode found by GUID, an unknown one counted', async () => {
    const xml = repoFile('../shared/corpora/podcast-namespace/example.xml')
    const { fetch } = sampleFeedFetch({ 'https://example.com/feed.xml': { body: xml } })
    const loaded = await loadFeedEpisode('https://example.com/feed.xml', 'https://example.com/ep0003', {
      fetch,
    })
    expect(loaded.episode.enclosure.url).toBe('https://example.com/file-03.mp3')
    // Its transcripts are on example.com, which the fake answers 404: recorded, not thrown.
    expect(loaded.transcript).toBeNull()
    expect(loaded.attempts.length).toBeGreaterThan(0)
    await expect(loadFeedEpisode('https://example.com/feed.xml', 'ep9', { fetch })).rejects.toThrow(
      'The feed has no episode with the GUID "ep9" (it lists 3 episodes).',
    )
  })

  test('an unreachable feed, an HTTP error and a page that is no feed are plain FeedLoadErrors', async () => {
    const cases: Array<[Parameters<typeof sampleFeedFetch>[0], string, RegExp]> = [
      [
        { 'feed.xml': 'reject' },
        'unreachable',
        /^The feed .*feed\.xml could not be reached: Failed to fetch\.$/,
      ],
      [{ 'feed.xml': 404 }, 'http', /^The feed .*feed\.xml could not be loaded: the server answered 404\.$/],
      [
        { 'feed.xml': { body: '<html><body>Hi</body></html>' } },
        'not-a-feed',
        /is not a podcast feed: rss line 1/,
      ],
      [{ 'feed.xml': { body: 'plain words' } }, 'not-a-feed', /is not a podcast feed/],
    ]
    for (const [overrides, kind, message] of cases) {
      const { fetch } = sampleFeedFetch(overrides)
      const error = await loadFeedEpisode(FEED_URL, FEED_GUID, { fetch }).catch((e: unknown) => e)
      expect(error, kind).toBeInstanceOf(FeedLoadError)
      expect((error as FeedLoadError).kind).toBe(kind)
      expect((error as Error).message).toMatch(message)
    }
  })

  test('a relative feed URL resolves against the base, and so do the URLs inside it', async () => {
    const { fetch, requests } = sampleFeedFetch()
    const loaded = await loadFeedEpisode('talk-python-514/feed.xml', FEED_GUID, {
      fetch,
      base: 'https://podcast.example/episodes/',
    })
    expect(requests[0]).toBe(FEED_URL)
    expect(loaded.episode.enclosure.url).toBe(`${folder}episode.mp3`)
  })

  test('an abort rejects with the signal reason', async () => {
    const { fetch } = sampleFeedFetch()
    const controller = new AbortController()
    const loading = loadFeedEpisode(FEED_URL, FEED_GUID, { fetch, signal: controller.signal })
    controller.abort(new Error('gone'))
    await expect(loading).rejects.toThrow('gone')
  })
})
