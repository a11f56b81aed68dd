import { parsePeaks } from '@castline/core/peaks'
import axe from 'axe-core'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-react'
import { TranscriptPlayer, type TranscriptPlayerProps } from '../src/entry/player.js'
import '../src/styles.css'
import { type AudioFixture, makeAudioFixture } from './audio-fixture.js'
import { generateTranscript } from './helpers.js'

const SECONDS = 8

let audio: AudioFixture
beforeEach(async () => {
  audio = await makeAudioFixture(SECONDS)
})
afterEach(() => {
  audio.release()
  history.replaceState(null, '', location.pathname + location.search)
})

function renderPlayer(props: Partial<TranscriptPlayerProps> = {}, width = 1100) {
  return render(
    <div style={{ width }}>
      <TranscriptPlayer
        src={audio.url}
        transcript={generateTranscript(SECONDS, { seconds: 1 })}
        peaks={parsePeaks(audio.peaksJson)}
        duration={audio.duration}
        title="A tone in eight lines"
        {...props}
      />
    </div>,
  )
}

function activeIndex(root: Element): number {
  const active = root.querySelector('[aria-current="true"]')
  return active === null ? -1 : Number(active.getAttribute('data-index'))
}

test('a real file plays from the Play button and the highlighted line follows its currentTime', async () => {
  const screen = await renderPlayer()
  const media = screen.container.querySelector('audio')!
  await expect.poll(() => media.readyState, { timeout: 5000 }).toBeGreaterThanOrEqual(1)
  await userEvent.click(screen.getByRole('button', { name: 'Play' }))
  await expect.element(screen.getByRole('button', { name: 'Pause' })).toBeVisible()
  await expect.poll(() => media.currentTime, { timeout: 6000 }).toBeGreaterThan(2.3)
  // Compare within one frame: the line shown is the line at the media's time.
  const samples: [number, number][] = []
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 150))
    await new Promise((r) => requestAnimationFrame(() => r(null)))
    samples.push([media.currentTime, activeIndex(screen.container)])
  }
  for (const [time, index] of samples) {
    // Lines are one second long: the active one is floor(time), or right at a boundary the previous one
    // (the frame's time was read a little earlier) or the next one (the controller shows a change in the
    // frame nearest to it, up to half a frame early: under 50 ms).
    const allowed = [Math.floor(time - 0.05), Math.floor(time), Math.floor(time + 0.05)]
    expect(allowed, `time ${time}`).toContain(index)
  }
  await userEvent.click(screen.getByRole('button', { name: 'Pause' }))
  expect(media.paused).toBe(true)
  await expect.element(screen.getByRole('button', { name: 'Play' })).toBeVisible()
  // The clock shows where it is.
  const current = screen.container.querySelector('.castline-controls__current')!
  expect(current.textContent).toBe(`0:0${Math.floor(media.currentTime)}`)
})

test('axe reports no violations on the full player, idle and after a search', async () => {
  const screen = await renderPlayer()
  // wavesurfer has drawn (its canvases live in a shadow root).
  await expect
    .poll(
      () =>
        screen.container.querySelector('.castline-waveform__wave > *')?.shadowRoot?.querySelector('canvas'),
      {
        timeout: 5000,
      },
    )
    .toBeTruthy()
  let results = await axe.run(screen.container)
  // axe really looked: the slider, buttons, names and contrast rules ran and passed.
  const passed = results.passes.map((r) => r.id)
  for (const rule of ['aria-required-attr', 'button-name', 'color-contrast', 'aria-valid-attr-value']) {
    expect(passed).toContain(rule)
  }
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
  await userEvent.fill(screen.getByRole('searchbox'), 'number 3')
  await expect.element(screen.getByText('1 of 1')).toBeVisible()
  results = await axe.run(screen.container)
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
})

test('an audio that fails shows an alert; the transcript stays readable and clickable', async () => {
  const screen = await renderPlayer({ src: '/castline-no-such-episode.mp3' })
  const alert = screen.getByRole('alert')
  await expect.element(alert, { timeout: 6000 }).toBeVisible()
  await expect.element(alert).toHaveTextContent(/audio could not be/i)
  await expect.element(screen.getByRole('button', { name: 'Play' })).toBeDisabled()
  const lines = screen.getByRole('listitem')
  expect(lines.elements().length).toBe(SECONDS)
  await expect.element(lines.nth(3)).toHaveTextContent('Line number 3')
  await userEvent.click(lines.nth(3))
  // Still all there after the click.
  expect(screen.getByRole('listitem').elements().length).toBe(SECONDS)
  expect(screen.container.querySelector('.castline-transcript')!.textContent).toContain('Line number 7')
})

test("layout 'panel': the transcript beside the waveform on a wide player, under it on a narrow one; 'stacked' (the default): under it at every width", async () => {
  const boxes = (container: HTMLElement) => ({
    main: container.querySelector('.castline-player__main')!.getBoundingClientRect(),
    side: container.querySelector('.castline-player__side')!.getBoundingClientRect(),
  })
  const wide = await renderPlayer({ layout: 'panel' }, 1100)
  let { main, side } = boxes(wide.container)
  expect(side.left).toBeGreaterThanOrEqual(main.right)
  expect(Math.abs(side.top - main.top)).toBeLessThan(2)
  await wide.unmount()

  for (const [layout, width] of [
    ['panel', 600],
    ['stacked', 600],
    ['stacked', 1100],
  ] as const) {
    const screen = await renderPlayer({ layout }, width)
    ;({ main, side } = boxes(screen.container))
    expect(side.top, `${layout} at ${width}`).toBeGreaterThanOrEqual(main.bottom)
    expect(Math.abs(side.left - main.left), `${layout} at ${width}`).toBeLessThan(2)
    // One column: the waveform's column as wide as the transcript's.
    expect(Math.abs(side.width - main.width), `${layout} at ${width}`).toBeLessThan(2)
    await screen.unmount()
  }
})

test('a #t= deep link starts there once the metadata is in', async () => {
  history.replaceState(null, '', '#t=0:05')
  const screen = await renderPlayer()
  const media = screen.container.querySelector('audio')!
  await expect.poll(() => media.readyState, { timeout: 5000 }).toBeGreaterThanOrEqual(1)
  await expect.poll(() => media.currentTime).toBeCloseTo(5, 1)
  await expect.poll(() => activeIndex(screen.container)).toBe(5)
  await expect
    .element(screen.getByRole('slider', { name: 'Seek' }))
    .toHaveAttribute('aria-valuetext', '5 seconds of 8 seconds')
})

test('keyboard shortcuts from anywhere in the player (not in the search field)', async () => {
  const screen = await renderPlayer()
  const media = screen.container.querySelector('audio')!
  await expect.poll(() => media.readyState, { timeout: 5000 }).toBeGreaterThanOrEqual(1)
  await userEvent.click(screen.getByRole('slider', { name: 'Seek' }), { position: { x: 10, y: 10 } })
  await userEvent.keyboard('k')
  await expect.poll(() => media.paused).toBe(false)
  await userEvent.keyboard('k')
  await expect.poll(() => media.paused).toBe(true)
  const before = media.currentTime
  await userEvent.keyboard('l')
  await expect.poll(() => media.currentTime).toBeCloseTo(Math.min(SECONDS, before + 10), 1)
  await userEvent.keyboard('/')
  await expect.element(screen.getByRole('searchbox')).toHaveFocus()
  await userEvent.keyboard('k')
  await expect.element(screen.getByRole('searchbox')).toHaveValue('k')
  expect(media.paused).toBe(true)
})
