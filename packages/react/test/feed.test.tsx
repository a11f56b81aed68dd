/**
 * `<FeedPlayer feed episode>` (React): the sample feed's episode loads the audio, title, artwork,
 * transcript, chapters, people (the provider's `persons` store) and highlights that seek; a failing JSON
 * transcript falls back to the SRT one; an unknown GUID or an unreachable feed is a plain alert.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test, vi } from 'vitest'
import { FEED_GUID, FEED_URL, sampleFeedFetch } from '../../dom/test/feed-fixture.js'
import { de } from '../src/entry/locales/de.js'
import { FeedPlayer, useFeedEpisode } from '../src/entry/player.js'
import { CastlineProvider, useCastlineStore } from '../src/index.js'
import { fakeMedia } from './fake-media.js'
import { fakePlayerPage, listMounted, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

const folder = 'https://podcast.example/episodes/talk-python-514/'

fakePlayerPage()

function serveFeed(overrides: Parameters<typeof sampleFeedFetch>[0] = {}) {
  const served = sampleFeedFetch(overrides)
  vi.stubGlobal('fetch', (url: string) => served.fetch(String(url)))
  return served
}

/** The provider's `persons` store as its parts read it, in `seen`. */
let seen: readonly string[] = []
function Persons() {
  seen = useCastlineStore('persons').map((p) => `${p.name} (${p.role})`)
  return null
}

/** A custom layout over `useFeedEpisode`: its own provider given the feed's people. */
function Probe() {
  const load = useFeedEpisode(FEED_URL, FEED_GUID)
  if (load.status !== 'ready' || load.episode.transcript === null) return null
  return (
    <CastlineProvider transcript={load.episode.transcript} persons={load.episode.persons}>
      <Persons />
    </CastlineProvider>
  )
}

// The sample's 1,074 lines and the readers' dynamic imports take seconds on a busy machine: a generous limit, no timing asserted.
describe('<FeedPlayer>', { timeout: 30_000 }, () => {
  test('loads the audio, title, artwork, transcript, chapters and highlights from the feed', async () => {
    serveFeed()
    const { container } = render(<FeedPlayer feed={FEED_URL} episode={FEED_GUID} deepLink={false} />)
    expect(screen.getByRole('status').textContent).toBe('Loading the episode from its feed…')
    const region = await screen.findByRole(
      'region',
      { name: 'Python Language Summit 2025' },
      { timeout: 20_000 },
    )
    const audio = container.querySelector('audio')!
    expect(audio.getAttribute('src')).toBe(`${folder}episode.mp3`)
    const media = fakeMedia(audio)
    act(() => media.loadMetadata(4374.406))
    await settled()
    await listMounted()
    expect(within(region).getByRole('heading', { name: 'Python Language Summit 2025' })).toBeTruthy()
    expect(container.querySelector('.castline-player__artwork')?.getAttribute('src')).toBe(
      `${folder}artwork.svg`,
    )
    expect(container.querySelector('.castline-player__artwork')?.getAttribute('alt')).toBe('')
    await waitFor(() =>
      expect(container.querySelector('.castline-line__text')?.textContent).toContain(
        'Every year, the core developers',
      ),
    )
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Introduction' })).toBeTruthy())
    const highlights = screen.getByRole('list', { name: 'Highlights' })
    const buttons = within(highlights).getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual([
      '9:54 Free-threading was a big part of the Language Summit',
      '39:45 The state of free-threaded Python',
    ])
    await userEvent.click(buttons[0]!)
    expect(media.seeks.at(-1)).toBe(594)
  })

  test("useFeedEpisode in a custom layout: the feed's people reach the provider's persons store", async () => {
    serveFeed()
    render(<Probe />)
    await waitFor(() => expect(seen).toEqual(['Michael Kennedy (host)', 'Seth Michael Larson (guest)']), {
      timeout: 20_000,
    })
  })

  test('a JSON transcript that fails falls back to the SRT one', async () => {
    const served = serveFeed({ 'transcript.json': 404 })
    const { container } = render(<FeedPlayer feed={FEED_URL} episode={FEED_GUID} deepLink={false} />)
    await screen.findByRole('region', { name: 'Python Language Summit 2025' }, { timeout: 20_000 })
    await settled()
    await listMounted()
    await waitFor(() =>
      expect(container.querySelector('.castline-line__text')?.textContent).toContain('Every year'),
    )
    expect(served.requests).toContain(`${folder}transcript.srt`)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('an unknown GUID and an unreachable feed are plain alerts', async () => {
    serveFeed()
    const { unmount } = render(<FeedPlayer feed={FEED_URL} episode="nope" />)
    expect((await screen.findByRole('alert', {}, { timeout: 20_000 })).textContent).toBe(
      'The feed has no episode with the GUID "nope" (it lists 1 episode).',
    )
    unmount()
    serveFeed({ 'feed.xml': 'reject' })
    render(<FeedPlayer feed={FEED_URL} episode={FEED_GUID} />)
    expect((await screen.findByRole('alert', {}, { timeout: 20_000 })).textContent).toBe(
      `The feed ${FEED_URL} could not be reached: Failed to fetch.`,
    )
    expect(screen.queryByRole('region')).toBeNull()
  })

  test("in German the alerts are German (the feed's failure by its kind, and no GUID given)", async () => {
    serveFeed()
    const { unmount } = render(<FeedPlayer feed={FEED_URL} episode="nope" locale={de} />)
    expect((await screen.findByRole('alert', {}, { timeout: 20_000 })).textContent).toBe(
      'Diese Folge steht nicht im Feed.',
    )
    unmount()
    serveFeed({ 'feed.xml': 'reject' })
    const second = render(<FeedPlayer feed={FEED_URL} episode={FEED_GUID} locale={de} />)
    expect((await screen.findByRole('alert', {}, { timeout: 20_000 })).textContent).toBe(
      'Der Feed des Podcasts ist nicht erreichbar.',
    )
    second.unmount()
    render(<FeedPlayer feed={FEED_URL} episode="" locale={de} />)
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Keine Folge angegeben: Nenne die GUID der Folge.',
    )
  })
})
