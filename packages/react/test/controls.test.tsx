import { createManualSource } from '@castline/core'
import { act, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { formatRate, PlayerControls, type PlayerControlsProps } from '../src/entry/controls.js'
import { CastlineProvider } from '../src/index.js'
import { fakeMedia, installFakeMedia } from './fake-media.js'
import { generateTranscript } from './helpers.js'

let restoreMedia: () => void
beforeEach(() => {
  restoreMedia = installFakeMedia()
})
afterEach(() => restoreMedia())

function renderControls(props: PlayerControlsProps = {}) {
  const el = document.createElement('audio')
  el.setAttribute('src', '/episode.mp3')
  const tree = (p: PlayerControlsProps) => (
    <CastlineProvider media={el} transcript={generateTranscript(10)}>
      <PlayerControls {...p} />
    </CastlineProvider>
  )
  const result = render(tree(props))
  return {
    ...result,
    media: fakeMedia(el),
    el,
    rerenderWith: (p: PlayerControlsProps) => result.rerender(tree(p)),
  }
}

/** A site that keeps the playback rate in its own state. */
function RateOwner({ media }: { media: HTMLMediaElement }) {
  const [rate, setRate] = useState(1)
  return (
    <CastlineProvider media={media} transcript={generateTranscript(3)}>
      <PlayerControls playbackRate={rate} onPlaybackRateChange={setRate} />
      <output data-testid="owner">{rate}</output>
    </CastlineProvider>
  )
}

const speed = () => screen.getByRole('combobox', { name: 'Playback speed' }) as HTMLSelectElement

describe('controls', () => {
  test('every control is there with its name', () => {
    renderControls()
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Back 15 seconds' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Forward 30 seconds' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Mute' })).toBeInTheDocument()
    expect(screen.getByRole('slider', { name: 'Volume' })).toHaveValue('100')
    expect(speed()).toHaveValue('1')
    const rates = Array.from(speed().options, (o) => Number(o.value))
    expect(Math.min(...rates)).toBe(0.5)
    expect(Math.max(...rates)).toBe(3)
    expect(Array.from(speed().options, (o) => o.textContent)).toContain('1.25×')
  })

  test('play and pause go to the media; the button says what it will do', async () => {
    const user = userEvent.setup()
    const { media, el } = renderControls()
    await user.click(screen.getByRole('button', { name: 'Play' }))
    expect(media.plays).toBe(1)
    expect(el.paused).toBe(false)
    const pause = screen.getByRole('button', { name: 'Pause' })
    await user.click(pause)
    expect(el.paused).toBe(true)
    expect(screen.getByRole('button', { name: 'Play' })).toBe(pause)
  })

  test('the buttons work from the keyboard (Tab, Enter, Space)', async () => {
    const user = userEvent.setup()
    const { media, el } = renderControls()
    act(() => media.loadMetadata(600))
    await user.tab()
    expect(screen.getByRole('button', { name: 'Back 15 seconds' })).toHaveFocus()
    await user.tab()
    expect(screen.getByRole('button', { name: 'Play' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(el.paused).toBe(false)
    await user.keyboard(' ')
    expect(el.paused).toBe(true)
    await user.tab()
    await user.keyboard('{Enter}')
    expect(media.seeks.at(-1)).toBe(30)
  })

  test('skip back 15 s and forward 30 s from where the media is', async () => {
    const user = userEvent.setup()
    const { media } = renderControls()
    act(() => media.loadMetadata(600))
    act(() => media.advance(100.5))
    await user.click(screen.getByRole('button', { name: 'Forward 30 seconds' }))
    expect(media.seeks.at(-1)).toBe(130.5)
    await user.click(screen.getByRole('button', { name: 'Back 15 seconds' }))
    expect(media.seeks.at(-1)).toBe(115.5)
    act(() => media.advance(5))
    await user.click(screen.getByRole('button', { name: 'Back 15 seconds' }))
    expect(media.seeks.at(-1)).toBe(0)
  })

  test('shows the time and the duration (the prop until the metadata arrives)', () => {
    const { media, container } = renderControls({ duration: 4371 })
    const current = container.querySelector('.castline-controls__current')!
    const duration = container.querySelector('.castline-controls__duration')!
    expect(current).toHaveTextContent('0:00')
    expect(duration).toHaveTextContent('1:12:51')
    expect(screen.getByRole('status')).toHaveTextContent('Loading audio…')
    act(() => media.loadMetadata(4372.8))
    act(() => media.advance(3723.9))
    expect(current).toHaveTextContent('1:02:03')
    expect(duration).toHaveTextContent('1:12:52')
    expect(screen.getByRole('status')).toHaveTextContent('')
  })

  test('an audio error is announced as an alert and disables the transport', () => {
    const { media } = renderControls()
    act(() => media.fail(4))
    expect(screen.getByRole('alert')).toHaveTextContent(/could not be loaded/i)
    expect(screen.getByRole('button', { name: 'Play' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Forward 30 seconds' })).toBeDisabled()
  })
})

describe('playback rate', () => {
  test('uncontrolled: the choice goes to the media, which the menu then shows', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    const { el } = renderControls({ onPlaybackRateChange: onChange })
    await user.selectOptions(speed(), '1.5')
    expect(el.playbackRate).toBe(1.5)
    expect(el.defaultPlaybackRate).toBe(1.5)
    expect(onChange).toHaveBeenCalledWith(1.5)
    expect(speed()).toHaveValue('1.5')
    // A rate set elsewhere shows as itself.
    act(() => {
      el.playbackRate = 1.1
    })
    expect(speed()).toHaveValue('1.1')
    expect(speed().selectedOptions[0]!.textContent).toBe('1.1×')
  })

  test('uncontrolled with a default: applied to the media once', () => {
    const { el } = renderControls({ defaultPlaybackRate: 0.75 })
    expect(el.playbackRate).toBe(0.75)
    expect(speed()).toHaveValue('0.75')
  })

  test('controlled: the owner decides; a pick only asks', async () => {
    const user = userEvent.setup()
    const onChange = vi.fn()
    const { el, rerenderWith } = renderControls({ playbackRate: 1.25, onPlaybackRateChange: onChange })
    expect(el.playbackRate).toBe(1.25)
    expect(speed()).toHaveValue('1.25')
    await user.selectOptions(speed(), '2')
    expect(onChange).toHaveBeenLastCalledWith(2)
    expect(el.playbackRate).toBe(1.25)
    expect(speed()).toHaveValue('1.25')
    rerenderWith({ playbackRate: 2, onPlaybackRateChange: onChange })
    expect(el.playbackRate).toBe(2)
    expect(speed()).toHaveValue('2')
  })

  test('controlled: a rate change made to the media by someone else is reported to the owner', () => {
    const onChange = vi.fn()
    const { el } = renderControls({ playbackRate: 1, onPlaybackRateChange: onChange })
    act(() => {
      el.playbackRate = 3
    })
    expect(onChange).toHaveBeenCalledWith(3)
  })

  test('controlled through state, round trip', async () => {
    const user = userEvent.setup()
    const el = document.createElement('audio')
    render(<RateOwner media={el} />)
    await user.selectOptions(speed(), '3')
    expect(screen.getByTestId('owner')).toHaveTextContent('3')
    expect(el.playbackRate).toBe(3)
  })

  test('formatRate', () => {
    expect(formatRate(1)).toBe('1×')
    expect(formatRate(0.75)).toBe('0.75×')
    expect(formatRate(1 / 3)).toBe('0.33×')
  })
})

describe('volume', () => {
  test('the range sets the volume; mute toggles and says what it will do', async () => {
    const user = userEvent.setup()
    const { el } = renderControls()
    const volume = screen.getByRole('slider', { name: 'Volume' })
    fireEvent.change(volume, { target: { value: '40' } })
    expect(el.volume).toBeCloseTo(0.4)
    expect(volume).toHaveAttribute('aria-valuetext', '40%')
    await user.click(screen.getByRole('button', { name: 'Mute' }))
    expect(el.muted).toBe(true)
    expect(volume).toHaveValue('0')
    await user.click(screen.getByRole('button', { name: 'Unmute' }))
    expect(el.muted).toBe(false)
    expect(volume).toHaveValue('40')
  })

  test('raising the volume while muted unmutes', async () => {
    const user = userEvent.setup()
    const { el } = renderControls()
    await user.click(screen.getByRole('button', { name: 'Mute' }))
    expect(el.muted).toBe(true)
    fireEvent.change(screen.getByRole('slider', { name: 'Volume' }), { target: { value: '50' } })
    expect(el.muted).toBe(false)
    expect(el.volume).toBeCloseTo(0.5)
  })

  test('unmuting at zero volume brings the sound back', async () => {
    const user = userEvent.setup()
    const { el } = renderControls()
    act(() => {
      el.volume = 0
      el.muted = true
    })
    await user.click(screen.getByRole('button', { name: 'Unmute' }))
    expect(el.muted).toBe(false)
    expect(el.volume).toBe(1)
  })
})

describe('without a media element', () => {
  test('a provider driven by another time source still plays, skips and shows time', async () => {
    const user = userEvent.setup()
    const source = createManualSource({ duration: 120 })
    render(
      <CastlineProvider source={source} transcript={generateTranscript(10)}>
        <PlayerControls />
      </CastlineProvider>,
    )
    await user.click(screen.getByRole('button', { name: 'Play' }))
    expect(source.isPlaying()).toBe(true)
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument()
    act(() => source.advance(61.5))
    expect(document.querySelector('.castline-controls__current')).toHaveTextContent('1:01')
    expect(document.querySelector('.castline-controls__duration')).toHaveTextContent('2:00')
    await user.click(screen.getByRole('button', { name: 'Forward 30 seconds' }))
    expect(source.seeks.at(-1)).toBeCloseTo(91.5)
    expect(screen.getByRole('slider', { name: 'Volume' })).toBeDisabled()
  })
})
