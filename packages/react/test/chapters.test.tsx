/**
 * Chapters in the React renderer: headings at the right lines (text as text), the current chapter above
 * the lines and in the controls, markers that seek, previous/next buttons and keys, silent chapters not
 * listed, and a chapters file that fails as a message.
 */
import type { Chapter } from '@castline/core/chapters'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test, vi } from 'vitest'
import { TranscriptPlayer, type TranscriptPlayerProps } from '../src/entry/player.js'
import { fakePlayerPage, generateTranscript, renderLoaded } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

fakePlayerPage()

// 200 lines of 5 s: line i starts at 5i.
const TRANSCRIPT = generateTranscript(200, { seconds: 5 })
const CHAPTERS: Chapter[] = [
  { start: 0, end: 20, title: 'Introduction', toc: true },
  { start: 20, end: 30, title: 'Sponsor', toc: false },
  { start: 30, end: 52, title: '<b>Timing</b> & you', toc: true },
  { start: 52, end: 1000, title: 'Wrap-up', toc: true },
]

const renderPlayer = (props: Partial<TranscriptPlayerProps> = {}) =>
  renderLoaded(
    <TranscriptPlayer src="/ep.mp3" transcript={TRANSCRIPT} duration={1000} chapters={CHAPTERS} {...props} />,
    1000,
  )

describe('transcript', () => {
  test('a heading inside the first line of each listed chapter, its title as text; lines stay listitems', async () => {
    await renderPlayer()
    const transcript = screen.getByRole('region', { name: 'Transcript' })
    const headings = within(transcript).getAllByRole('heading', { level: 3 })
    expect(headings.map((h) => h.textContent)).toEqual(['Introduction', '<b>Timing</b> & you', 'Wrap-up'])
    expect(transcript.querySelector('b')).toBeNull()
    const rows = headings.map((h) => h.closest('[role="listitem"], li')!)
    expect(rows.map((r) => r.getAttribute('aria-posinset'))).toEqual(['1', '7', '12'])
    // Line 11 (55 s) is the first at or after 52 s; line 10 (50 s) is still the chapter before.
    expect(within(rows[2] as HTMLElement).getByText(/Line number 11 /)).toBeInTheDocument()
  })

  test('the current chapter is shown above the lines and follows playback', async () => {
    const { media } = await renderPlayer()
    const bar = document.querySelector('.castline-transcript__chapter')!
    expect(bar).toHaveTextContent('Current chapter: Introduction')
    act(() => media.advance(35))
    expect(bar).toHaveTextContent('Current chapter: <b>Timing</b> & you')
    // A silent chapter keeps the listed one before it.
    act(() => media.advance(25))
    await waitFor(() => expect(bar).toHaveTextContent('Current chapter: Introduction'))
  })
})

describe('onChapterChange', () => {
  test('tells the page of each change of the listed chapter playing, once a change', async () => {
    const seen: Array<string | null> = []
    const { media } = await renderPlayer({ onChapterChange: (c) => seen.push(c?.title ?? null) })
    expect(seen).toEqual(['Introduction'])
    act(() => media.advance(35))
    await waitFor(() => expect(seen).toEqual(['Introduction', '<b>Timing</b> & you']))
    act(() => media.advance(36))
    act(() => media.advance(37))
    expect(seen).toEqual(['Introduction', '<b>Timing</b> & you'])
    act(() => media.advance(60))
    await waitFor(() => expect(seen).toEqual(['Introduction', '<b>Timing</b> & you', 'Wrap-up']))
  })
})

describe('artwork', () => {
  test("the current chapter's image replaces the episode's artwork while it plays", async () => {
    const chapters = CHAPTERS.map((c) => (c.start === 30 ? { ...c, img: '/timing.png' } : c))
    const { media, container } = await renderPlayer({ chapters, image: '/show.png', title: 'Episode' })
    const artwork = () => container.querySelector('.castline-player__artwork')?.getAttribute('src')
    expect(artwork()).toBe('/show.png')
    act(() => media.advance(35))
    expect(artwork()).toBe('/timing.png')
    act(() => media.advance(20))
    await waitFor(() => expect(artwork()).toBe('/show.png'))
  })
})

describe('waveform markers', () => {
  test('one marker per listed chapter, named by its title, placed by time, seeking on click', async () => {
    const user = userEvent.setup()
    const { media } = await renderPlayer()
    const markers = within(screen.getByRole('list', { name: 'Chapter markers' })).getAllByRole('button')
    expect(markers.map((m) => m.textContent)).toEqual(['Introduction', '<b>Timing</b> & you', 'Wrap-up'])
    expect((markers[1]!.parentElement as HTMLElement).style.getPropertyValue('--castline-at')).toBe('0.03')
    await user.click(screen.getByRole('button', { name: 'Wrap-up' }))
    expect(media.seeks.at(-1)).toBe(52)
  })
})

describe('controls', () => {
  test('current chapter, previous/next buttons and [ ] keys seek; the list seeks; silent chapters are not listed', async () => {
    const user = userEvent.setup()
    const { media } = await renderPlayer()
    expect(document.querySelector('.castline-controls__chapter')).toHaveTextContent('Chapter: Introduction')
    await user.click(screen.getByRole('button', { name: 'Next chapter' }))
    expect(media.seeks.at(-1)).toBe(30)
    expect(document.querySelector('.castline-controls__chapter')).toHaveTextContent(
      'Chapter: <b>Timing</b> & you',
    )
    await user.click(screen.getByRole('button', { name: 'Next chapter' }))
    expect(media.seeks.at(-1)).toBe(52)
    expect(screen.getByRole('button', { name: 'Next chapter' })).toBeDisabled()
    await user.click(screen.getByRole('button', { name: 'Previous chapter' }))
    expect(media.seeks.at(-1)).toBe(30)

    screen.getByRole('slider', { name: 'Seek' }).focus()
    await user.keyboard(']')
    expect(media.seeks.at(-1)).toBe(52)
    await user.keyboard('[[') // '[' escaped: user-event reads '[' as a key descriptor
    expect(media.seeks.at(-1)).toBe(30)

    const list = document.querySelector('.castline-controls__chapter-list')!
    const items = within(list as HTMLElement).getAllByRole('button')
    expect(items.map((b) => b.textContent)).toEqual([
      '0:00 Introduction',
      '0:30 <b>Timing</b> & you',
      '0:52 Wrap-up',
    ])
    expect(items[1]).toHaveAttribute('aria-current', 'true')
    await user.click(items[0]!)
    expect(media.seeks.at(-1)).toBe(0)
  })

  test('no chapters: no chapter controls, markers or headings, and [ ] do nothing', async () => {
    const user = userEvent.setup()
    const { media } = await renderPlayer({ chapters: undefined })
    expect(screen.queryByRole('button', { name: 'Next chapter' })).toBeNull()
    expect(screen.queryByRole('list', { name: 'Chapter markers' })).toBeNull()
    expect(screen.queryAllByRole('heading', { level: 3 })).toEqual([])
    screen.getByRole('slider', { name: 'Seek' }).focus()
    await user.keyboard(']')
    expect(media.seeks).toEqual([])
  })

  test('chapters from a URL load; a URL that fails is a readable alert and the player stays usable', async () => {
    const fetch = vi.fn(async (url: string) =>
      url === '/good.json'
        ? new Response('{"chapters":[{"startTime":0,"title":"Only"},{"startTime":40,"title":"Then"}]}')
        : new Response('', { status: 404 }),
    )
    vi.stubGlobal('fetch', fetch)
    const good = await renderPlayer({ chapters: '/good.json' })
    await waitFor(() => expect(screen.getByRole('button', { name: 'Then' })).toBeInTheDocument())
    good.unmount()
    await renderPlayer({ chapters: '/missing.json' })
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The chapters could not be loaded: the server answered 404 for /missing.json.',
      ),
    )
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(5)
    expect(screen.getByRole('button', { name: 'Play' })).toBeEnabled()
  })
})
