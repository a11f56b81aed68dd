/**
 * The React reader settings and mini player: the "Reader settings" disclosure changes the transcript's
 * text size (kept in localStorage and read by the next player), hides the timestamps (the lines still
 * seek), and turns follow along off; the mini player shows only while playback has started and the
 * controls are out of view (a fake IntersectionObserver), and its own button pauses.
 */
import { READER_SETTINGS_STORAGE_KEY } from '@castline/dom'
import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import { fakeIntersectionObserver } from '../../dom/test/fake-intersection-observer.js'
import { DIALOGUE } from '../../dom/test/take-away-fixture.js'
import { TranscriptPlayer } from '../src/entry/player.js'
import { fakePlayerPage, listMounted, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

beforeEach(() => {
  localStorage.clear()
})
fakePlayerPage()

async function renderPlayer(props: { miniPlayer?: boolean } = {}) {
  const result = render(<TranscriptPlayer src="/ep.mp3" transcript={DIALOGUE} title="A talk" {...props} />)
  await settled()
  await listMounted()
  const transcript = screen.getByRole('region', { name: 'Transcript' })
  return { ...result, transcript }
}

describe('reader settings', () => {
  test('larger text sets --castline-text-scale, is kept, and the next player starts with it', async () => {
    const { transcript, unmount } = await renderPlayer()
    expect(transcript.style.getPropertyValue('--castline-text-scale')).toBe('1')
    await userEvent.click(screen.getByLabelText('Reader settings'))
    await userEvent.click(screen.getByRole('button', { name: 'Larger text' }))
    await userEvent.click(screen.getByRole('button', { name: 'Larger text' }))
    expect(transcript.style.getPropertyValue('--castline-text-scale')).toBe('1.25')
    expect(screen.getByText('125%')).toBeTruthy()
    expect(JSON.parse(localStorage.getItem(READER_SETTINGS_STORAGE_KEY)!)).toMatchObject({ textScale: 1.25 })
    unmount()
    const next = await renderPlayer()
    expect(next.transcript.style.getPropertyValue('--castline-text-scale')).toBe('1.25')
  })

  test('hidden timestamps mark the transcript; the lines still seek by their time button', async () => {
    const { transcript, container } = await renderPlayer()
    await userEvent.click(screen.getByLabelText('Reader settings'))
    const box = screen.getByRole('checkbox', { name: 'Show timestamps' })
    expect(transcript.getAttribute('data-timestamps')).toBe('shown')
    await userEvent.click(box)
    expect(transcript.getAttribute('data-timestamps')).toBe('hidden')
    const audio = container.querySelector('audio')!
    const second = container.querySelectorAll<HTMLElement>('.castline-line__time')[1]!
    await userEvent.click(second)
    expect(audio.currentTime).toBe(DIALOGUE.cues[1]!.start)
  })

  test('follow along unchecked turns follow mode off; checked turns it on', async () => {
    await renderPlayer()
    await userEvent.click(screen.getByLabelText('Reader settings'))
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Follow along' })
    expect(box.checked).toBe(true)
    await userEvent.click(box)
    expect(box.checked).toBe(false)
    await userEvent.click(box)
    expect(box.checked).toBe(true)
  })
})

describe('mini player', () => {
  test('shows while playing with the controls out of view; its Pause pauses; hides when they return', async () => {
    const io = fakeIntersectionObserver()
    vi.stubGlobal('IntersectionObserver', io.Observer)
    const { container } = await renderPlayer({ miniPlayer: true })
    const mini = container.querySelector<HTMLElement>('.castline-mini')!
    expect(mini.hidden).toBe(true)
    act(() => io.scroll(false))
    // Not played yet: nothing to show.
    expect(mini.hidden).toBe(true)
    const controls = container.querySelector<HTMLElement>('.castline-controls')!
    await userEvent.click(within(controls).getByRole('button', { name: 'Play' }))
    expect(mini.hidden).toBe(false)
    const region = screen.getByRole('region', { name: 'Mini player' })
    await userEvent.click(within(region).getByRole('button', { name: 'Pause' }))
    expect(container.querySelector('audio')!.paused).toBe(true)
    expect(within(region).getByRole('button', { name: 'Play' })).toBeTruthy()
    act(() => io.scroll(true))
    expect(mini.hidden).toBe(true)
  })

  test('off by default: no bar', async () => {
    const { container } = await renderPlayer()
    expect(container.querySelector('.castline-mini')).toBeNull()
  })
})
