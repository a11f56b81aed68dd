/**
 * Ad breaks and the Media Session in the React renderer: the provider's store speaks transcript time
 * (an "Ad break" row before the line the audio resumes with, highlighted while the break plays; a line's
 * seek lands at its audio time), and the platform's media controls follow the chapter (a fake
 * `navigator.mediaSession` installed for the test).
 */
import type { Chapter } from '@castline/core/chapters'
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, test, vi } from 'vitest'
import { freshMediaSessions } from '../../dom/test/fake-media-session.js'
import { TranscriptPlayer, type TranscriptPlayerProps } from '../src/entry/player.js'
import { fakePlayerPage, generateTranscript, renderLoaded, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

const session = freshMediaSessions()
// Registered after the file's own hooks: after-hooks run as a stack, so the page's teardown comes first, as it did.
fakePlayerPage()

// 200 lines of 5 s: line i starts at 5i (transcript time).
const TRANSCRIPT = generateTranscript(200, { seconds: 5 })
const CHAPTERS: Chapter[] = [
  { start: 0, title: 'Introduction', toc: true },
  { start: 30, title: 'Timing', img: '/timing.png', toc: true },
]

const renderPlayer = (props: Partial<TranscriptPlayerProps> = {}) =>
  renderLoaded(
    <TranscriptPlayer
      src="/ep.mp3"
      transcript={TRANSCRIPT}
      duration={1000}
      chapters={CHAPTERS}
      title="Episode 514"
      show="Talk Python"
      artwork="/cover.png"
      {...props}
    />,
    1020,
  )

describe('ad breaks', () => {
  // 20 s of ads at 30 s of audio: audio 30-50 is the break, audio 50 is transcript 30.
  const adBreaks = [{ at: 30, duration: 20 }]

  test('one "Ad break" row before the line the audio resumes with, as text, not a line of its own', async () => {
    await renderPlayer({ adBreaks })
    const rows = document.querySelectorAll('.castline-line__ad')
    expect([...rows].map((r) => r.textContent)).toEqual(['Ad break · 0:20'])
    expect(rows[0]!.closest('li')).toHaveAttribute('aria-posinset', '7')
    expect(rows[0]!.querySelector('button, [tabindex]')).toBeNull()
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(5)
  })

  test('while the break plays its row is current; after it the line at transcript time is', async () => {
    const { media } = await renderPlayer({ adBreaks })
    const row = document.querySelector('.castline-line__ad')!
    expect(row).not.toHaveAttribute('aria-current')
    act(() => media.advance(40))
    expect(row).toHaveAttribute('aria-current', 'true')
    expect(row).toHaveClass('castline-line__ad--current')
    // The list says a break plays: its CSS takes the highlight off the line the time rests on.
    const list = document.querySelector('.castline-transcript__list')!
    expect(list).toHaveAttribute('data-ad-break')
    act(() => media.advance(61))
    expect(row).not.toHaveAttribute('aria-current')
    expect(list).not.toHaveAttribute('data-ad-break')
    // Audio 61 s is transcript 41 s: the chapter there is "Timing", the time shown 0:41.
    expect(document.querySelector('.castline-controls__chapter')).toHaveTextContent('Chapter: Timing')
  })

  test('a line after the break seeks the audio to its transcript time plus the break', async () => {
    const user = userEvent.setup()
    const { media } = await renderPlayer({ adBreaks })
    const line = document.querySelector('li[aria-posinset="11"]') as HTMLElement
    await user.click(within(line).getByRole('button', { name: '0:50' }))
    expect(media.seeks.at(-1)).toBe(70)
    const before = document.querySelector('li[aria-posinset="3"]') as HTMLElement
    await user.click(within(before).getByRole('button', { name: '0:10' }))
    expect(media.seeks.at(-1)).toBe(10)
    // Next chapter (30 s of transcript) lands after the break.
    await user.click(screen.getByRole('button', { name: 'Next chapter' }))
    expect(media.seeks.at(-1)).toBe(50)
  })

  test('invalid breaks are a console warning and no breaks, never a crash', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await renderPlayer({ adBreaks: [{ at: -1, duration: 20 }] })
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Castline adBreaks: ad break 0: start -1/))
    expect(document.querySelector('.castline-line__ad')).toBeNull()
    warn.mockRestore()
  })
})

describe('Media Session', () => {
  test('metadata follows the chapter (its image, else the artwork); handlers while mounted', async () => {
    const { media, unmount } = await renderPlayer()
    expect(session().metadata).toEqual({
      title: 'Introduction',
      artist: 'Talk Python',
      album: 'Episode 514',
      artwork: [{ src: '/cover.png' }],
    })
    act(() => media.advance(35))
    await settled()
    expect(session().metadata).toMatchObject({ title: 'Timing', artwork: [{ src: '/timing.png' }] })
    expect([...session().handlers.keys()].sort()).toEqual(
      ['nexttrack', 'pause', 'play', 'previoustrack', 'seekbackward', 'seekforward', 'seekto'].sort(),
    )
    act(() => session().act('seekto', { seekTime: 12 }))
    expect(media.seeks.at(-1)).toBe(12)
    unmount()
    expect(session().handlers.size).toBe(0)
  })

  test('mediaSession={false} leaves the session alone', async () => {
    await renderPlayer({ mediaSession: false })
    expect(session().metadata).toBeNull()
    expect(session().handlers.size).toBe(0)
  })
})
