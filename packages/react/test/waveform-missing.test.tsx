/**
 * `<Waveform>` on a site that has not installed wavesurfer.js (an optional peer dependency): the import
 * fails as a bundler makes a missing optional peer fail, when the module is loaded. The box says so, is
 * an error rather than ready, the console hears it once, and the slider still seeks.
 */
import { type Peaks, parsePeaks } from '@castline/core/peaks'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { CastlineProvider } from '../src/index.js'
import { WAVEFORM_UNAVAILABLE, Waveform } from '../src/waveform.js'
import { fakeMedia, installFakeMedia } from './fake-media.js'
import { generateTranscript } from './helpers.js'

// What Vite's optional-peer-dependency stub throws when the package is not installed.
vi.mock('wavesurfer.js', () => {
  throw new Error('Could not resolve "wavesurfer.js" imported by "@castline/react". Is it installed?')
})

const EPISODE = 200

/** Peaks that are ready at once (parsed), so that nothing but the missing wavesurfer.js stands in the way. */
const PEAKS: Peaks = parsePeaks(
  JSON.stringify({
    version: 2,
    channels: 1,
    sample_rate: 8000,
    samples_per_pixel: 8000,
    bits: 8,
    length: EPISODE,
    data: Array.from({ length: EPISODE * 2 }, (_, i) => (i % 2 === 0 ? -20 : 20)),
  }),
)

function audio(): HTMLAudioElement {
  const el = document.createElement('audio')
  el.setAttribute('src', '/episode.mp3')
  return el
}

let restoreMedia: () => void
let consoleError: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  restoreMedia = installFakeMedia()
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  restoreMedia()
  consoleError.mockRestore()
})

describe('without wavesurfer.js', () => {
  test('every box says so, visibly and as the slider description; the console hears it once', async () => {
    // Two waveforms, and StrictMode's second effect run for each: four failed loads, one console error.
    render(
      <StrictMode>
        <CastlineProvider media={audio()} transcript={generateTranscript(5)}>
          <Waveform peaks={PEAKS} duration={EPISODE} label="First" />
        </CastlineProvider>
        <CastlineProvider media={audio()} transcript={generateTranscript(5)}>
          <Waveform peaks={PEAKS} duration={EPISODE} label="Second" />
        </CastlineProvider>
      </StrictMode>,
    )
    for (const name of ['First', 'Second']) {
      const slider = screen.getByRole('slider', { name })
      await waitFor(() => expect(slider).toHaveAccessibleDescription(WAVEFORM_UNAVAILABLE))
      expect(slider).toHaveTextContent(WAVEFORM_UNAVAILABLE)
      // Not ready with nothing drawn: an error, whatever its peaks.
      expect(slider).toHaveAttribute('data-peaks', 'error')
      expect(slider).toHaveClass('castline-waveform--error')
      expect(slider).not.toHaveClass('castline-waveform--ready')
      expect(slider).not.toHaveAttribute('aria-busy')
    }
    expect(consoleError).toHaveBeenCalledTimes(1)
    const [message, error] = consoleError.mock.calls[0]!
    expect(message).toMatch(/wavesurfer\.js did not load.*npm i wavesurfer\.js/)
    // The import's own error goes with it (Vitest wraps what the mock threw as its cause).
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).cause)).toMatch(/Could not resolve "wavesurfer\.js"/)
  })

  test('the slider still seeks the media from the keyboard', async () => {
    const user = userEvent.setup()
    const el = audio()
    render(
      <CastlineProvider media={el} transcript={generateTranscript(5)}>
        <Waveform peaks={PEAKS} duration={EPISODE} />
      </CastlineProvider>,
    )
    const slider = screen.getByRole('slider', { name: 'Seek' })
    await waitFor(() => expect(slider).toHaveAttribute('data-peaks', 'error'))
    await user.tab()
    await user.keyboard('{ArrowRight}{ArrowRight}')
    expect(fakeMedia(el).seeks.at(-1)).toBe(10)
  })
})
