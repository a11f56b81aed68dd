import { parsePeaks } from '@castline/core/peaks'
import { StrictMode } from 'react'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-react'
import { Waveform } from '../src/entry/waveform.js'
import { CastlineProvider, Transcript } from '../src/index.js'
import '../src/styles.css'
import { type AudioFixture, makeAudioFixture } from './audio-fixture.js'
import { generateTranscript } from './helpers.js'

const SECONDS = 8

/** Records every fetch and every decodeAudioData call made by the page while installed. */
function watchNetwork() {
  const fetched: string[] = []
  let decodes = 0
  const fetchBefore = window.fetch
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    fetched.push(input instanceof Request ? input.url : String(input))
    return fetchBefore(input, init)
  }
  const proto = BaseAudioContext.prototype
  const decodeBefore = proto.decodeAudioData
  proto.decodeAudioData = function (this: BaseAudioContext, ...args: Parameters<typeof decodeBefore>) {
    decodes++
    return decodeBefore.apply(this, args)
  } as typeof decodeBefore
  return {
    fetched,
    get decodes() {
      return decodes
    },
    restore() {
      window.fetch = fetchBefore
      proto.decodeAudioData = decodeBefore
    },
  }
}

/** wavesurfer's elements: the hosts of its shadow roots under the waveform. */
function wavesurferHosts(root: Element): Element[] {
  return Array.from(root.querySelectorAll('.castline-waveform__wave > *')).filter(
    (el) => el.shadowRoot !== null,
  )
}

/** Pixels with any opacity on wavesurfer's canvases. */
function paintedPixels(root: Element): number {
  let painted = 0
  for (const host of wavesurferHosts(root)) {
    for (const canvas of host.shadowRoot!.querySelectorAll('canvas')) {
      if (canvas.width === 0 || canvas.height === 0) continue
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++
    }
  }
  return painted
}

let audio: AudioFixture
let network: ReturnType<typeof watchNetwork>
beforeEach(async () => {
  audio = await makeAudioFixture(SECONDS)
  network = watchNetwork()
})
afterEach(() => {
  network.restore()
  audio.release()
})

function Player({ peaks, media }: { peaks?: ReturnType<typeof parsePeaks>; media?: HTMLAudioElement }) {
  return (
    <div style={{ width: 800 }}>
      <CastlineProvider
        src={audio.url}
        transcript={generateTranscript(SECONDS, { seconds: 1 })}
        {...(media === undefined ? {} : { media })}
      >
        <Waveform {...(peaks === undefined ? {} : { peaks })} duration={audio.duration} />
        <Transcript />
      </CastlineProvider>
    </div>
  )
}

test('with peaks, wavesurfer draws the wave and neither fetches nor decodes the audio, before or during play', async () => {
  const peaks = parsePeaks(audio.peaksJson)
  const screen = await render(
    <StrictMode>
      <Player peaks={peaks} />
    </StrictMode>,
  )
  const root = screen.container
  // Drawn: a canvas in wavesurfer's shadow root has painted pixels.
  await expect.poll(() => paintedPixels(root), { timeout: 5000 }).toBeGreaterThan(500)
  // StrictMode mounted the effect twice; one wavesurfer is left.
  expect(wavesurferHosts(root)).toHaveLength(1)
  expect(network.fetched.filter((u) => u === audio.url)).toEqual([])
  expect(network.decodes).toBe(0)

  const media = root.querySelector('audio')!
  await media.play()
  await expect.poll(() => media.currentTime, { timeout: 5000 }).toBeGreaterThan(1.2)
  media.pause()
  expect(network.fetched.filter((u) => u === audio.url)).toEqual([])
  expect(network.decodes).toBe(0)
})

test('without peaks, wavesurfer fetches and decodes the (short) file itself and still draws it', async () => {
  const screen = await render(<Player />)
  await expect.poll(() => paintedPixels(screen.container), { timeout: 5000 }).toBeGreaterThan(500)
  // The positive control for the test above: the spies do see wavesurfer's download and decode.
  expect(network.fetched).toContain(audio.url)
  expect(network.decodes).toBeGreaterThan(0)
})

test('slider keys and clicks on the wave seek the media, and the transcript follows', async () => {
  const screen = await render(<Player peaks={parsePeaks(audio.peaksJson)} />)
  const media = screen.container.querySelector('audio')!
  await expect.poll(() => media.readyState, { timeout: 5000 }).toBeGreaterThanOrEqual(1)
  const slider = screen.getByRole('slider', { name: 'Seek' })
  await expect.element(slider).toHaveAttribute('aria-valuemax', String(SECONDS))

  await userEvent.click(slider, { position: { x: 600, y: 20 } })
  // 600 of 800 px: three quarters of eight seconds.
  await expect.poll(() => media.currentTime).toBeCloseTo(6, 0)
  await expect.element(slider).toHaveAttribute('aria-valuenow', '6')
  await expect.element(slider).toHaveAttribute('aria-valuetext', '6 seconds of 8 seconds')
  await expect.element(screen.getByRole('listitem').nth(6)).toHaveAttribute('aria-current', 'true')

  await userEvent.keyboard('{ArrowLeft}')
  await expect.poll(() => media.currentTime).toBeCloseTo(1, 1)
  await userEvent.keyboard('{End}')
  await expect.poll(() => media.currentTime).toBeCloseTo(SECONDS, 1)
  await userEvent.keyboard('{Home}')
  await expect.poll(() => media.currentTime).toBe(0)
  await expect.element(screen.getByRole('listitem').nth(0)).toHaveAttribute('aria-current', 'true')
  await userEvent.keyboard('{PageUp}')
  await expect.poll(() => media.currentTime).toBeCloseTo(SECONDS, 1)
})

test('unmounting destroys wavesurfer and leaves the media element it does not own alone', async () => {
  const media = document.createElement('audio')
  media.src = audio.url
  document.body.append(media)
  const screen = await render(<Player peaks={parsePeaks(audio.peaksJson)} media={media} />)
  await expect.poll(() => wavesurferHosts(screen.container).length).toBe(1)
  await expect.poll(() => media.readyState, { timeout: 5000 }).toBeGreaterThanOrEqual(1)
  await media.play()
  await screen.unmount()
  expect(wavesurferHosts(document.body)).toHaveLength(0)
  // Still there, still loaded, still playing: wavesurfer never paused or unloaded it.
  expect(media.isConnected).toBe(true)
  expect(media.src).toBe(audio.url)
  expect(media.paused).toBe(false)
  media.pause()
  media.remove()
})
