/**
 * `<castline-player feed episode>`: the sample feed's episode loads the audio, title, artwork,
 * transcript, chapters, people and highlights; a failing JSON transcript falls back to the SRT one; an
 * unknown GUID or an unreachable feed is a `castline-error` of kind 'feed' and a message in the player.
 */
import { FeedLoadError } from '@castline/dom'
import { describe, expect, test, vi } from 'vitest'
import '../src/index.js'
import { FEED_GUID, FEED_URL, sampleFeedFetch } from '../../dom/test/feed-fixture.js'
import type { CastlinePlayerElement, ErrorDetail } from '../src/index.js'
import { deep, deepAll, record, settle, transcriptOf, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

/** Loading waits for module imports and fetches, not fake timers: a generous bound for a busy machine. */
const WAIT = { timeout: 20_000 }
const folder = 'https://podcast.example/episodes/talk-python-514/'

useFakePage()

/** A player on the sample feed (`overrides` answer chosen files), its errors recorded, loads settled. */
async function feedPlayer(guid: string, overrides: Parameters<typeof sampleFeedFetch>[0] = {}) {
  const served = sampleFeedFetch(overrides)
  vi.stubGlobal('fetch', (url: string) => served.fetch(String(url)))
  const el = document.createElement('castline-player') as CastlinePlayerElement
  el.setAttribute('deep-link', 'off')
  el.setAttribute('waveform', 'none')
  el.setAttribute('feed', FEED_URL)
  el.setAttribute('episode', guid)
  const errors = record<ErrorDetail>(el, 'castline-error')
  document.body.append(el)
  return { el, errors, requests: served.requests }
}

// The sample's 1,074 lines and the readers' dynamic imports take seconds on a busy machine: a generous limit, no timing asserted.
describe('<castline-player feed episode>', { timeout: 30_000 }, () => {
  test('loads the audio, title, artwork, transcript, chapters, persons and highlights from the feed', async () => {
    const { el, errors } = await feedPlayer(FEED_GUID)
    // While the feed loads, the head keeps the room of the title and artwork it will bring (no layout shift).
    const head = deep(el, '.castline-player__head')
    expect(head.hasAttribute('data-pending')).toBe(true)
    // The feed and transcript readers are dynamic imports, which module loading settles, not the fake timers.
    await vi.waitFor(() => expect(el.transcript?.cues).toHaveLength(1074), WAIT)
    await settle()
    expect(errors).toEqual([])
    expect(head.hasAttribute('data-pending')).toBe(false)
    expect(el.media.getAttribute('src')).toBe(`${folder}episode.mp3`)
    expect(deep(el, '.castline-player__title').textContent).toBe('Python Language Summit 2025')
    expect(deep(el, 'section.castline-player').getAttribute('aria-label')).toBe('Python Language Summit 2025')
    const artwork = deep(el, '.castline-player__artwork') as HTMLImageElement
    expect([artwork.hidden, artwork.getAttribute('src'), artwork.alt]).toEqual([
      false,
      `${folder}artwork.svg`,
      '',
    ])
    expect(el.chapters[1]).toMatchObject({ start: 187, title: 'What is the Language Summit?' })
    expect(el.persons.map((p) => [p.name, p.role])).toEqual([
      ['Michael Kennedy', 'host'],
      ['Seth Michael Larson', 'guest'],
    ])
    expect(deepAll(el, 'li[data-index]')[0]?.textContent).toContain('Every year, the core developers')
    // Highlights: a list labelled by its heading text, of buttons (titles as text), each seeking to its soundbite.
    const list = deep(el, '.castline-highlights__list')
    const root = list.getRootNode() as ShadowRoot
    expect(root.getElementById(list.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Highlights')
    const buttons = deepAll(el, '.castline-highlights__button') as HTMLButtonElement[]
    expect(buttons.map((b) => b.textContent)).toEqual([
      '9:54 Free-threading was a big part of the Language Summit',
      '39:45 The state of free-threaded Python',
    ])
    let time = 0
    Object.defineProperty(el.media, 'currentTime', {
      configurable: true,
      get: () => time,
      set: (t: number) => {
        time = t
      },
    })
    buttons[1]!.click()
    expect(time).toBe(2385)
  })

  test("while the feed loads, the waveform keeps the chapter markers' row; not once they came, nor with chapters of its own", async () => {
    const { el } = await feedPlayer(FEED_GUID)
    el.removeAttribute('waveform')
    const waveform = deep(el, 'castline-waveform')
    expect(waveform.hasAttribute('data-pending-chapters')).toBe(true)
    await vi.waitFor(() => expect(el.chapters.length).toBeGreaterThan(0), WAIT)
    await settle()
    expect(waveform.hasAttribute('data-pending-chapters')).toBe(false)
    // A page's own chapters: nothing to wait for from the feed.
    document.body.replaceChildren()
    const own = await feedPlayer(FEED_GUID)
    own.el.setAttribute('chapters', 'data:application/json,{"version":"1.2.0","chapters":[]}')
    own.el.removeAttribute('waveform')
    expect(deep(own.el, 'castline-waveform').hasAttribute('data-pending-chapters')).toBe(false)
    await vi.waitFor(() => expect(own.el.transcript).not.toBeNull(), WAIT)
    await settle()
  })

  test('a JSON transcript that fails falls back to the SRT one', async () => {
    const { el, errors, requests } = await feedPlayer(FEED_GUID, { 'transcript.json': 503 })
    await vi.waitFor(() => expect(el.transcript?.cues).toHaveLength(1074), WAIT)
    expect(errors).toEqual([])
    expect(requests).toContain(`${folder}transcript.srt`)
  })

  test('the persons property set by the page wins over the feed, and null gives the feed back', async () => {
    const { el } = await feedPlayer(FEED_GUID)
    el.persons = [{ name: 'Someone Else', role: 'host', group: 'cast' }]
    await vi.waitFor(() => expect(el.transcript).not.toBeNull(), WAIT)
    expect(el.persons.map((p) => p.name)).toEqual(['Someone Else'])
    el.persons = null
    expect(el.persons.map((p) => p.name)).toEqual(['Michael Kennedy', 'Seth Michael Larson'])
  })

  test('an unknown GUID is a castline-error of kind feed and a plain message in the player', async () => {
    const { el, errors } = await feedPlayer('no-such-episode')
    await vi.waitFor(() => expect(errors).toHaveLength(1), WAIT)
    await settle()
    const message = 'The feed has no episode with the GUID "no-such-episode" (it lists 1 episode).'
    expect(errors.map((e) => [e.kind, e.message])).toEqual([['feed', message]])
    expect(deep(el, '[role="alert"]').textContent).toBe(`The transcript could not be shown. ${message}`)
    expect(deepAll(el, '.castline-highlights')).toEqual([])
    // No title will come: the head's room is given back.
    expect(deep(el, '.castline-player__head').hasAttribute('data-pending')).toBe(false)
  })

  test('in German the listener reads why in German; the event keeps the English FeedLoadError', async () => {
    const { el, errors } = await feedPlayer('no-such-episode')
    el.setAttribute('lang', 'de')
    await vi.waitFor(() => expect(errors).toHaveLength(1), WAIT)
    await settle()
    expect(errors[0]!.message).toBe('Diese Folge steht nicht im Feed.')
    expect(errors[0]!.error).toBeInstanceOf(FeedLoadError)
    expect((errors[0]!.error as Error).message).toContain('no episode with the GUID "no-such-episode"')
    expect(deep(el, '[role="alert"]').textContent).toContain('Diese Folge steht nicht im Feed.')
    el.removeAttribute('episode')
    await vi.waitFor(() => expect(errors).toHaveLength(2), WAIT)
    expect(errors[1]!.message).toBe('Keine Folge angegeben: Nenne die GUID der Folge.')
  })

  test("a feed that fails leaves the page's own transcript in place", async () => {
    const served = sampleFeedFetch()
    vi.stubGlobal('fetch', (url: string) => served.fetch(String(url)))
    const el = document.createElement('castline-player') as CastlinePlayerElement
    el.setAttribute('deep-link', 'off')
    el.setAttribute('waveform', 'none')
    el.transcript = transcriptOf(['Own line one', 'Own line two'])
    el.setAttribute('feed', FEED_URL)
    el.setAttribute('episode', 'nope')
    const errors = record<ErrorDetail>(el, 'castline-error')
    document.body.append(el)
    await vi.waitFor(() => expect(errors).toHaveLength(1), WAIT)
    await settle()
    expect(errors[0]?.kind).toBe('feed')
    expect(el.transcript?.cues.map((c) => c.text)).toEqual(['Own line one', 'Own line two'])
    expect(deepAll(el, '[role="alert"]')).toEqual([])
  })

  test('an unreachable feed says so', async () => {
    const { el, errors } = await feedPlayer(FEED_GUID, { 'feed.xml': 'reject' })
    await vi.waitFor(() => expect(errors).toHaveLength(1), WAIT)
    await settle()
    expect(errors[0]?.kind).toBe('feed')
    expect(errors[0]?.message).toBe(`The feed ${FEED_URL} could not be reached: Failed to fetch.`)
    expect(deep(el, '[role="alert"]').textContent).toContain(errors[0]?.message)
    expect(el.media.getAttribute('src')).toBeNull()
  })
})
