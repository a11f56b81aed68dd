import { formatTranscript } from '@castline/core/formats'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { playerShortcutFor, TranscriptPlayer, type TranscriptPlayerProps } from '../src/entry/player.js'
import { type FakeMedia, fakeMedia } from './fake-media.js'
import { fakePlayerPage, generateTranscript } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

afterEach(() => {
  window.location.hash = ''
})
// Registered after the file's own hooks: after-hooks run as a stack, so the page's teardown comes first, as it did.
fakePlayerPage()

const TRANSCRIPT = generateTranscript(200, { seconds: 5 })
const VTT = formatTranscript(TRANSCRIPT, 'vtt')

function renderPlayer(props: Partial<TranscriptPlayerProps> = {}) {
  const result = render(
    <TranscriptPlayer
      src="/ep514.mp3"
      transcript={TRANSCRIPT}
      duration={1000}
      title="Episode 514: Python Language Summit"
      {...props}
    />,
  )
  const media: FakeMedia = fakeMedia(result.container.querySelector('audio')!)
  return { ...result, media }
}

/** A site that keeps the playback rate in its own state and reports each change. */
function RateSite({ onRate }: { onRate: (rate: number) => void }) {
  const [rate, setRate] = useState(1.5)
  return (
    <TranscriptPlayer
      src="/ep.mp3"
      transcript={TRANSCRIPT}
      playbackRate={rate}
      onPlaybackRateChange={(r) => {
        onRate(r)
        setRate(r)
      }}
    />
  )
}

describe('layout', () => {
  test('a region named after the episode holds title, waveform, controls, search and transcript', () => {
    renderPlayer()
    const player = screen.getByRole('region', { name: 'Episode 514: Python Language Summit' })
    expect(within(player).getByRole('heading', { level: 2 })).toHaveTextContent('Episode 514')
    expect(within(player).getByRole('slider', { name: 'Seek' })).toBeInTheDocument()
    expect(within(player).getByRole('button', { name: 'Play' })).toBeInTheDocument()
    expect(within(player).getByRole('searchbox', { name: 'Search transcript' })).toBeInTheDocument()
    const transcript = within(player).getByRole('region', { name: 'Transcript' })
    expect(within(transcript).getAllByRole('listitem').length).toBeGreaterThan(5)
    // One <audio>, the provider's, shared by every part.
    expect(player.parentElement!.querySelectorAll('audio')).toHaveLength(1)
  })

  test("layout: 'stacked' by default; 'panel' reaches the root (data-layout) and ends the panel with the search and menus", async () => {
    const { container, rerender } = renderPlayer()
    const root = container.querySelector('.castline-player')!
    const side = () => container.querySelector('.castline-player__side')!
    const main = () => container.querySelector('.castline-player__main')!
    expect(root.getAttribute('data-layout')).toBe('stacked')
    expect(side().querySelector('.castline-search')).not.toBeNull()
    expect(side().lastElementChild!.classList).toContain('castline-transcript')

    rerender(
      <TranscriptPlayer
        src="/ep514.mp3"
        transcript={TRANSCRIPT}
        duration={1000}
        title="Episode 514: Python Language Summit"
        layout="panel"
      />,
    )
    expect(root.getAttribute('data-layout')).toBe('panel')
    expect(main().lastElementChild!.className).toBe('castline-player__menus')
    expect(main().querySelector('.castline-search')).not.toBeNull()
    // The transcript has its column to itself; the search in the panel still searches it.
    expect([...side().children].map((c) => c.classList.contains('castline-transcript'))).toEqual([true])
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search transcript' }), 'worth hearing')
    await waitFor(() => expect(side().querySelectorAll('mark').length).toBeGreaterThan(0))
  })

  test('the heading level can be set; without a title the region has a generic name', () => {
    const { unmount } = renderPlayer({ headingLevel: 3 })
    expect(screen.getByRole('heading', { level: 3 })).toBeInTheDocument()
    unmount()
    renderPlayer({ title: undefined })
    expect(screen.getByRole('region', { name: 'Audio player' })).toBeInTheDocument()
    expect(screen.queryByRole('heading')).toBeNull()
  })

  test('the highlighted line follows the media', () => {
    const { media } = renderPlayer()
    act(() => media.loadMetadata(1000))
    act(() => media.advance(12))
    const current = screen.getAllByRole('listitem').filter((li) => li.getAttribute('aria-current') === 'true')
    expect(current).toHaveLength(1)
    expect(current[0]).toHaveTextContent('Line number 2 ')
  })

  test('a click on a line seeks the one media element', async () => {
    const user = userEvent.setup()
    const { media } = renderPlayer()
    act(() => media.loadMetadata(1000))
    await user.click(screen.getAllByRole('listitem')[3]!.querySelector('.castline-line__text')!)
    expect(media.seeks.at(-1)).toBe(15)
  })
})

describe('server HTML', () => {
  test('hydrates without mismatches and then comes alive (wavesurfer created, controls enabled)', async () => {
    const { instances } = await import('./fake-wavesurfer.js')
    const before = instances.length
    const app = <TranscriptPlayer src="/ep.mp3" transcript={TRANSCRIPT} duration={1000} title="Episode" />
    const container = document.createElement('div')
    container.innerHTML = renderToString(app)
    document.body.append(container)
    expect(container.querySelector('.castline-controls__mute')).toBeDisabled()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const recoverable = vi.fn()
    let root: ReturnType<typeof hydrateRoot> | undefined
    try {
      await act(async () => {
        root = hydrateRoot(container, app, { onRecoverableError: recoverable })
      })
      expect(recoverable).not.toHaveBeenCalled()
      expect(errors).not.toHaveBeenCalled()
      errors.mockRestore()
      expect(within(container).getByRole('button', { name: 'Mute' })).toBeEnabled()
      await waitFor(() => expect(instances.length).toBe(before + 1))
    } finally {
      errors.mockRestore()
      act(() => root?.unmount())
      container.remove()
    }
  })
})

describe('loading and errors', () => {
  test('while a fetched transcript loads, the player says so and the controls are there', async () => {
    let resolve: (r: Response) => void = () => {}
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((r) => (resolve = r))),
    )
    renderPlayer({ transcript: { url: '/ep514.vtt' } })
    expect(screen.getByText(/Loading transcript/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument()
    await act(async () => resolve(new Response(VTT, { status: 200 })))
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBeGreaterThan(5))
    vi.unstubAllGlobals()
  })

  test('the audio loading state shows until the metadata arrives', () => {
    const { media } = renderPlayer()
    expect(screen.getByText('Loading audio…')).toBeInTheDocument()
    act(() => media.loadMetadata(1000))
    expect(screen.queryByText('Loading audio…')).toBeNull()
  })

  test('an audio failure is an alert; the transcript stays readable and its lines still respond', async () => {
    const user = userEvent.setup()
    const { media } = renderPlayer()
    act(() => media.fail(4))
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent(/audio could not be loaded/i)
    expect(alert).toHaveTextContent(/transcript is still here/i)
    const lines = screen.getAllByRole('listitem')
    expect(lines.length).toBeGreaterThan(5)
    expect(lines[0]).toHaveTextContent('Line number 0')
    // A click asks for a seek and nothing throws; the list does not lose its lines.
    await user.click(lines[4]!.querySelector('.castline-line__text')!)
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(5)
    expect(screen.getByRole('button', { name: 'Play' })).toBeDisabled()
  })

  test('a transcript that fails to parse shows the error with its line; the audio part still works', () => {
    const broken =
      '{\n "version": "1.0.0",\n "segments": [\n {"startTime": 1, "endTime": 2, "body": "a"},\n oops\n ]\n}'
    renderPlayer({ transcript: broken })
    const region = screen.getByRole('region', { name: 'Transcript' })
    expect(within(region).getByRole('alert')).toHaveTextContent(/json line 5/)
    expect(screen.getByRole('button', { name: 'Play' })).toBeEnabled()
    expect(screen.getByRole('slider', { name: 'Seek' })).toBeInTheDocument()
  })
})

describe('keyboard shortcuts', () => {
  test('Space and K play and pause, J and L skip 10 s, when focus is on the waveform', async () => {
    const user = userEvent.setup()
    const { media, container } = renderPlayer()
    act(() => media.loadMetadata(1000))
    act(() => media.advance(100))
    screen.getByRole('slider', { name: 'Seek' }).focus()
    await user.keyboard(' ')
    expect(container.querySelector('audio')!.paused).toBe(false)
    await user.keyboard('k')
    expect(container.querySelector('audio')!.paused).toBe(true)
    await user.keyboard('l')
    expect(media.seeks.at(-1)).toBe(110)
    await user.keyboard('jj')
    expect(media.seeks.at(-1)).toBe(90)
  })

  test('arrows: the waveform slider moves 5 s once (not twice); other controls get the shortcut', async () => {
    const user = userEvent.setup()
    const { media } = renderPlayer()
    act(() => media.loadMetadata(1000))
    act(() => media.advance(100))
    screen.getByRole('slider', { name: 'Seek' }).focus()
    await user.keyboard('{ArrowRight}')
    expect(media.seeks).toEqual([105])
    screen.getByRole('button', { name: 'Forward 30 seconds' }).focus()
    await user.keyboard('{ArrowLeft}')
    expect(media.seeks).toEqual([105, 100])
  })

  test('keys belong to the focused element where it uses them: fields, ranges, buttons, the list', async () => {
    const user = userEvent.setup()
    const { media, container } = renderPlayer()
    act(() => media.loadMetadata(1000))
    const audio = container.querySelector('audio')!
    // Typing in search is typing.
    await user.click(screen.getByRole('searchbox'))
    await user.keyboard('kjl ')
    expect(screen.getByRole('searchbox')).toHaveValue('kjl ')
    expect(audio.paused).toBe(true)
    expect(media.seeks).toEqual([])
    // Arrows on the volume range are the range's.
    screen.getByRole('slider', { name: 'Volume' }).focus()
    await user.keyboard('{ArrowLeft}')
    expect(media.seeks).toEqual([])
    // Space on a button presses that button only.
    screen.getByRole('button', { name: 'Forward 30 seconds' }).focus()
    await user.keyboard(' ')
    expect(media.seeks).toEqual([30])
    expect(audio.paused).toBe(true)
    // Arrows in the transcript list move its focus, not the audio.
    const firstTime = screen.getAllByRole('listitem')[0]!.querySelector<HTMLElement>('.castline-line__time')!
    firstTime.focus()
    await user.keyboard('{ArrowRight}{ArrowLeft}')
    expect(media.seeks).toEqual([30])
  })

  test('/ focuses the search field without typing a slash', async () => {
    const user = userEvent.setup()
    renderPlayer()
    screen.getByRole('button', { name: 'Play' }).focus()
    await user.keyboard('/')
    expect(screen.getByRole('searchbox')).toHaveFocus()
    expect(screen.getByRole('searchbox')).toHaveValue('')
  })

  test('modifier keys and keys outside the list are left alone', () => {
    const button = document.createElement('button')
    const base = { target: button, defaultPrevented: false, altKey: false, ctrlKey: false, metaKey: false }
    expect(playerShortcutFor({ ...base, key: 'k' })).toEqual({ type: 'toggle-play' })
    expect(playerShortcutFor({ ...base, key: 'k', ctrlKey: true })).toBeNull()
    expect(playerShortcutFor({ ...base, key: 'l', metaKey: true })).toBeNull()
    expect(playerShortcutFor({ ...base, key: 'x' })).toBeNull()
    expect(playerShortcutFor({ ...base, key: 'ArrowRight', defaultPrevented: true })).toBeNull()
    const editable = document.createElement('div')
    editable.contentEditable = 'true'
    // jsdom has no isContentEditable; a browser would say true here.
    Object.defineProperty(editable, 'isContentEditable', { value: true })
    expect(playerShortcutFor({ ...base, target: editable, key: 'k' })).toBeNull()
  })
})

describe('props', () => {
  test('playbackRate is controllable through the player', async () => {
    const user = userEvent.setup()
    const seen: number[] = []
    const { container } = render(<RateSite onRate={(r) => seen.push(r)} />)
    const audio = container.querySelector('audio')!
    expect(audio.playbackRate).toBe(1.5)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Playback speed' }), '2')
    expect(seen).toEqual([2])
    expect(audio.playbackRate).toBe(2)
  })

  test('follow is controllable: a user scroll asks the owner to detach', async () => {
    const onFollowChange = vi.fn()
    renderPlayer({ follow: true, onFollowChange })
    const viewport = document.querySelector('.castline-transcript__viewport')!
    viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true }))
    viewport.scrollTop = 300
    viewport.dispatchEvent(new Event('scroll'))
    await waitFor(() => expect(onFollowChange).toHaveBeenCalledWith(false))
    // Controlled: still following until the owner says otherwise.
    expect(screen.queryByRole('button', { name: /Jump to current line/ })).toBeNull()
  })

  test('a #t= deep link starts playback there', () => {
    window.location.hash = '#t=12:34'
    const { media } = renderPlayer({ duration: 4371 })
    expect(media.seeks).toContain(754)
  })

  test('deepLink={false} ignores the hash', () => {
    window.location.hash = '#t=754'
    const { media } = renderPlayer({ deepLink: false })
    expect(media.seeks).toEqual([])
  })
})
