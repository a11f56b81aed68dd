import { createManualSource, type ManualSource, type Transcript as TranscriptModel } from '@castline/core'
import axe from 'axe-core'
import { type CSSProperties, useRef } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-react'
import { CastlineProvider } from '../src/context.js'
import { lineRenderProbe } from '../src/line.js'
import { TranscriptSearch } from '../src/search.js'
import { Transcript } from '../src/transcript.js'
import '../src/styles.css'
import { generateTranscript } from './helpers.js'

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()))
async function frames(n: number) {
  for (let i = 0; i < n; i++) await frame()
}

/** Long, varied lines so that rows really differ in height (1 to 4 text lines at this width). */
function variedTranscript(count: number): TranscriptModel {
  const filler = 'and then we talked about how the interpreter schedules work across threads '
  return generateTranscript(count, { text: (i) => `Line ${i}: ${filler.repeat(1 + (i % 4)).trim()}` })
}

async function mount(transcript: TranscriptModel, source: ManualSource) {
  const screen = await render(
    <div style={{ width: 700 }}>
      <CastlineProvider transcript={transcript} source={source}>
        <TranscriptSearch />
        <Transcript />
      </CastlineProvider>
    </div>,
  )
  await frames(3)
  const viewport = document.querySelector<HTMLElement>('.castline-transcript__viewport')!
  return { screen, viewport }
}

const rows = () => document.querySelectorAll<HTMLElement>('.castline-line')
const row = (index: number) => document.querySelector<HTMLElement>(`.castline-line[data-index="${index}"]`)

/** The active line's box relative to the viewport, as fractions of the viewport height. */
function activePlacement(viewport: HTMLElement) {
  const active = document.querySelector<HTMLElement>('[aria-current="true"]')
  if (active === null) return null
  const v = viewport.getBoundingClientRect()
  const a = active.getBoundingClientRect()
  return {
    top: (a.top - v.top) / v.height,
    bottom: (a.bottom - v.top) / v.height,
    index: Number(active.dataset.index),
  }
}

async function playThrough(source: ManualSource, seconds: number) {
  source.setPlaying(true)
  // Real frames between steps, so that follow mode scrolls as it would while playing.
  for (let t = 0; t < seconds; t += 0.5) {
    source.advance(0.5)
    await frame()
  }
  source.setPlaying(false)
}

describe('virtualization', () => {
  test('100,000 lines: under 60 rows in the DOM, before and after scrolling far', async () => {
    const transcript = variedTranscript(100_000)
    const source = createManualSource({ duration: 200_000 })
    const started = performance.now()
    const { viewport } = await mount(transcript, source)
    const mountMs = performance.now() - started
    const counts = [rows().length]
    expect(row(0)).not.toBeNull()
    expect(rows()[0]).toHaveAttribute('aria-setsize', '100000')
    // The line estimates are built a slice per task before the list turns virtual (its full height): on
    // a busy machine that takes more than the frames above, and a scroll before it finds no far rows.
    await expect.poll(() => viewport.scrollHeight).toBeGreaterThan(100_000 * 30)
    counts.push(rows().length)

    for (const fraction of [0.5, 0.999, 0.1]) {
      viewport.scrollTop = viewport.scrollHeight * fraction
      await frames(4)
      counts.push(rows().length)
      // The rows scrolled to are there (next to the rows kept around the spoken line while following).
      const indexes = [...rows()].map((r) => Number(r.dataset.index))
      expect(indexes.filter((i) => i > 100_000 * fraction * 0.8).length).toBeGreaterThan(3)
    }
    // The list's full height stands for every line.
    expect(viewport.scrollHeight).toBeGreaterThan(100_000 * 30)
    // Search the whole model: a match far down is found, scrolled to and highlighted.
    const searchStarted = performance.now()
    await userEvent.fill(document.querySelector('input[type="search"]')!, 'Line 87654:')
    await expect.poll(() => document.querySelector('.castline-search__count')?.textContent).toBe('1 of 1')
    await expect.poll(() => row(87_654)?.querySelector('mark')?.textContent).toBe('Line 87654:')
    const searchMs = performance.now() - searchStarted
    counts.push(rows().length)
    console.info(
      `[castline] 100k lines: rows in DOM ${counts.join(', ')}; mount ${mountMs.toFixed(0)} ms; search to highlighted match ${searchMs.toFixed(0)} ms`,
    )
    for (const n of counts) expect(n).toBeLessThan(60)
  })

  test('End pressed as soon as the first rows show (before the list is virtual) reaches the last line', async () => {
    // React's own root, without act: the mount's later steps run as they do on a page.
    const host = document.createElement('div')
    host.style.width = '700px'
    document.body.append(host)
    const root = createRoot(host)
    const errors: unknown[] = []
    const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message)
    window.addEventListener('error', onError)
    try {
      const firstRow = new Promise<HTMLElement>((resolve) => {
        const observer = new MutationObserver(() => {
          const el = host.querySelector<HTMLElement>('.castline-line[data-index="0"] .castline-line__time')
          if (el === null) return
          observer.disconnect()
          resolve(el)
        })
        observer.observe(host, { childList: true, subtree: true })
      })
      root.render(
        <CastlineProvider
          transcript={variedTranscript(100_000)}
          source={createManualSource({ duration: 200_000 })}
        >
          <Transcript />
        </CastlineProvider>,
      )
      const time = await firstRow
      // Still the static first screen: the virtualizer knows only its lines.
      expect(host.querySelector('.castline-transcript__list')).toHaveAttribute('data-static')
      time.focus()
      time.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }))
      await expect
        .poll(() => document.activeElement?.closest('.castline-line')?.getAttribute('aria-posinset'))
        .toBe('100000')
      expect(errors).toEqual([])
    } finally {
      window.removeEventListener('error', onError)
      root.unmount()
      host.remove()
    }
  })

  test('rows are measured: a four-line row is taller than a one-line row and nothing overlaps', async () => {
    const { viewport } = await mount(variedTranscript(200), createManualSource({ duration: 400 }))
    await frames(3)
    const boxes = [...rows()].map((r) => r.getBoundingClientRect()).sort((a, b) => a.top - b.top)
    for (let i = 1; i < boxes.length; i++)
      expect(boxes[i]!.top).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 0.5)
    expect(row(3)!.offsetHeight).toBeGreaterThan(row(0)!.offsetHeight)
    expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight)
  })
})

describe('follow mode in a real layout', () => {
  test('keeps the active line inside the comfort band while the source advances', async () => {
    const source = createManualSource({ duration: 20_000 })
    const { viewport } = await mount(variedTranscript(10_000), source)
    const placements: number[] = []
    const scrollTops = new Set<number>()
    source.setPlaying(true)
    // 30 lines at 15 frames each (a line every quarter second: faster than speech, slow enough for a
    // smooth scroll to land).
    for (let line = 0; line < 30; line++) {
      source.advance(2)
      await frames(15)
      const p = activePlacement(viewport)
      expect(p).not.toBeNull()
      placements.push(p!.top)
      scrollTops.add(Math.round(viewport.scrollTop))
    }
    source.setPlaying(false)
    await frames(20)
    const final = activePlacement(viewport)!
    expect(final.index).toBe(30)
    // The line's top always ends up in the comfort band (20%..60%, plus one line's height of travel).
    for (const top of placements) {
      expect(top).toBeGreaterThanOrEqual(0.15)
      expect(top).toBeLessThanOrEqual(0.85)
    }
    // Scrolled in steps, not on every line.
    expect(scrollTops.size).toBeGreaterThan(3)
    expect(scrollTops.size).toBeLessThan(20)
    expect(document.querySelector('.castline-jump')).toBeNull()
    console.info(
      `[castline] follow: ${scrollTops.size} scroll positions for 30 lines; line tops ${placements.map((p) => p.toFixed(2)).join(' ')}`,
    )
  }, 60_000)

  test('a real wheel detaches, the jump button points back and re-attaches', async () => {
    const source = createManualSource({ duration: 20_000 })
    const { viewport, screen: s } = await mount(variedTranscript(10_000), source)
    await playThrough(source, 100) // line 50
    await frames(30)
    await userEvent.wheel(viewport, { delta: { y: 3000 } })
    await frames(10)
    const jump = s.getByRole('button', { name: /Jump to current line/ })
    await expect.element(jump).toBeVisible()
    expect(jump.element()).toHaveAttribute('data-direction', 'up')
    // Detached: playback moves on, the list stays where the user put it.
    const userTop = viewport.scrollTop
    await playThrough(source, 10)
    await frames(10)
    expect(viewport.scrollTop).toBe(userTop)
    await jump.click()
    await frames(40)
    expect(document.querySelector('.castline-jump')).toBeNull()
    const p = activePlacement(viewport)!
    expect(p.index).toBe(55)
    expect(p.top).toBeGreaterThanOrEqual(0.15)
    expect(p.top).toBeLessThanOrEqual(0.65)
  }, 60_000)

  test('a line taller than the viewport keeps the spoken word in view', async () => {
    const long = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ')
    // Line 3 is ~500 words over 250 s; with word timings, and estimated without them.
    for (const words of [true, false]) {
      const transcript = generateTranscript(10, {
        seconds: 250,
        words,
        text: (i) => (i === 3 ? long : `short line ${i}`),
      })
      const source = createManualSource({ duration: 2500 })
      const { viewport, screen: s } = await mount(transcript, source)
      expect(row(3)!.offsetHeight).toBeGreaterThan(viewport.clientHeight * 2)
      source.setTime(750.1)
      await frames(20)
      source.setPlaying(true)
      const v = () => viewport.getBoundingClientRect()
      for (let t = 0; t < 24; t++) {
        source.advance(10) // 20 words further each step
        await frames(12)
        const spoken = document.querySelector('.castline-word--spoken')
        expect(spoken).not.toBeNull()
        const w = spoken!.getBoundingClientRect()
        expect(w.top).toBeGreaterThanOrEqual(v().top - 1)
        expect(w.bottom).toBeLessThanOrEqual(v().bottom + 1)
      }
      source.setPlaying(false)
      expect(document.querySelector('.castline-jump')).toBeNull()
      await s.unmount()
    }
  }, 60_000)

  test('playing across cue boundaries re-renders exactly the two affected rows, also when following scrolls', async () => {
    const source = createManualSource({ duration: 20_000, time: 100.5 })
    const { viewport } = await mount(variedTranscript(10_000), source)
    await frames(30)
    const renders: number[] = []
    lineRenderProbe.current = (i) => renders.push(i)
    const log: string[] = []
    let scrolled = 0
    try {
      source.setPlaying(true)
      // Ten boundaries (lines 50 -> 60), a third of a second of media per frame.
      for (let line = 51; line <= 60; line++) {
        const before = new Set([...rows()].map((r) => Number(r.dataset.index)))
        const top = viewport.scrollTop
        renders.length = 0
        while (source.getTime() < line * 2 + 0.01) {
          source.tick(1 / 3)
          await frame()
        }
        await frames(15) // let a follow scroll land and new rows mount
        const rerendered = [...new Set(renders.filter((i) => before.has(i)))].sort((a, b) => a - b)
        const mounted = new Set(renders.filter((i) => !before.has(i))).size
        if (viewport.scrollTop !== top) scrolled++
        log.push(`${line - 1}->${line}: re-rendered ${JSON.stringify(rerendered)}, newly mounted ${mounted}`)
        expect(rerendered).toEqual([line - 1, line])
      }
      source.setPlaying(false)
    } finally {
      lineRenderProbe.current = null
    }
    console.info(
      `[castline] render counts per cue boundary (${scrolled} with a follow scroll):\n  ${log.join('\n  ')}`,
    )
    expect(scrolled).toBeGreaterThan(0)
  }, 60_000)
})

test('a real audio element drives the highlight', async () => {
  const transcript = generateTranscript(6, { seconds: 0.5 })
  const url = URL.createObjectURL(silentWav(3))
  await render(<SiteWithAudio url={url} transcript={transcript} />)
  const audio = document.querySelector('audio')!
  await new Promise((r) => audio.addEventListener('canplay', r, { once: true }))
  const seen = new Set<number>()
  const observer = new MutationObserver(() => {
    const active = document.querySelector<HTMLElement>('[aria-current="true"]')
    if (active !== null) seen.add(Number(active.dataset.index))
  })
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-current'] })
  await audio.play()
  // Wall-clock time is not media time on a busy machine: wait for the media clock itself.
  await expect.poll(() => audio.currentTime, { timeout: 10_000, interval: 50 }).toBeGreaterThan(1.8)
  audio.pause()
  observer.disconnect()
  // Lines of 0.5 s: 1.8 s of playback walks through lines 1..3.
  expect([...seen].sort()).toEqual(expect.arrayContaining([1, 2, 3]))
  URL.revokeObjectURL(url)
})

test('styles: theme custom properties, light by default and dark by class or data-theme', async () => {
  await render(
    <div>
      <div className="castline" data-testid="plain" />
      <div className="castline castline-dark" data-testid="class" />
      <div data-theme="dark">
        <div className="castline" data-testid="attr" />
      </div>
      {/* A site that themes a whole section of its page, not the part itself. */}
      <section
        style={{ '--castline-bg': '#102030', '--castline-accent': 'rgb(200, 0, 100)' } as CSSProperties}
      >
        <div className="castline" data-testid="site" />
        <div data-theme="dark">
          <div className="castline" data-testid="site-dark" />
        </div>
      </section>
    </div>,
  )
  const prop = (id: string, name: string) =>
    getComputedStyle(document.querySelector(`[data-testid="${id}"]`)!)
      .getPropertyValue(name)
      .trim()
  // Headless Chromium reports a light colour scheme.
  expect(prop('plain', '--castline-bg')).toBe('#ffffff')
  expect(prop('class', '--castline-bg')).toBe('#16171b')
  expect(prop('attr', '--castline-bg')).toBe('#16171b')
  expect(getComputedStyle(document.querySelector('[data-testid="class"]')!).backgroundColor).toBe(
    'rgb(22, 23, 27)',
  )
  // Custom properties a site sets on an ancestor reach the parts; an explicit theme nearer the part wins.
  expect(getComputedStyle(document.querySelector('[data-testid="site"]')!).backgroundColor).toBe(
    'rgb(16, 32, 48)',
  )
  expect(prop('site', '--castline-accent')).toBe('rgb(200, 0, 100)')
  expect(prop('site', '--castline-fg')).toBe('#1b1b1f')
  expect(prop('site-dark', '--castline-bg')).toBe('#16171b')
})

describe('accessibility', () => {
  test('axe-core finds no violations: following, detached with the jump button, and with search matches', async () => {
    const source = createManualSource({ duration: 2000 })
    const { viewport, screen: s } = await mount(variedTranscript(1000), source)
    await playThrough(source, 20)
    const check = async (state: string) => {
      const result = await axe.run(document.body, { resultTypes: ['violations'] })
      const summary = result.violations.map((v) => `${state}: ${v.id} (${v.nodes.length}) ${v.help}`)
      expect(summary).toEqual([])
    }
    await check('following')
    await userEvent.wheel(viewport, { delta: { y: 2000 } })
    await frames(5)
    await check('detached')
    await s.getByRole('searchbox').fill('interpreter')
    await frames(5)
    expect(document.querySelectorAll('mark').length).toBeGreaterThan(0)
    await check('search')
  })
})

/** A site with its own <audio>, shared with Castline by ref. */
function SiteWithAudio({ url, transcript }: { url: string; transcript: TranscriptModel }) {
  const ref = useRef<HTMLAudioElement>(null)
  return (
    <>
      <audio ref={ref} src={url} muted />
      <CastlineProvider transcript={transcript} media={ref}>
        <Transcript />
      </CastlineProvider>
    </>
  )
}

/** A silent mono 8 kHz WAV of `seconds`, so the test needs no audio file and no network. */
function silentWav(seconds: number): Blob {
  const rate = 8000
  const samples = Math.round(rate * seconds)
  const buffer = new ArrayBuffer(44 + samples * 2)
  const v = new DataView(buffer)
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) v.setUint8(at + i, s.charCodeAt(i))
  }
  text(0, 'RIFF')
  v.setUint32(4, 36 + samples * 2, true)
  text(8, 'WAVE')
  text(12, 'fmt ')
  v.setUint32(16, 16, true)
  v.setUint16(20, 1, true)
  v.setUint16(22, 1, true)
  v.setUint32(24, rate, true)
  v.setUint32(28, rate * 2, true)
  v.setUint16(32, 2, true)
  v.setUint16(34, 16, true)
  text(36, 'data')
  v.setUint32(40, samples * 2, true)
  return new Blob([buffer], { type: 'audio/wav' })
}
