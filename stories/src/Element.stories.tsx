import { parseTranscript } from '@castline/core/formats'
import '@castline/element'
import type { CastlinePlayerElement } from '@castline/element'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ReactNode, useEffect, useRef } from 'react'
import { expect, waitFor } from 'storybook/test'
import {
  controlSizes,
  expectLayout,
  layoutBoxes,
  panelListsIn,
  SLOW,
  scrollControls,
  standInObserver,
} from './play-helpers.js'
import {
  EPISODE,
  EXCERPT_AUDIO,
  EXCERPT_DURATION,
  EXCERPT_PEAKS,
  excerptWithSpeakers,
  SAMPLE_PERSONS,
  sampleFile,
} from './sample.js'

/**
 * `<castline-player>` on the episode's excerpt (the element renders into its shadow root). Made with
 * `setAttribute`, as a page's HTML would: React 19 would set same-named properties instead.
 */
function Player({
  targetSize,
  waveform = false,
  extra,
  properties,
  width,
}: {
  /** Properties set on the element before it connects (`persons`, a parsed `transcript`). */
  properties?: Partial<Pick<CastlinePlayerElement, 'persons' | 'transcript'>>
  /** The column the element is in (CSS width); the story's own width without it. */ width?: string
  /** `--castline-target-size` on the element (44px: a touch screen's). */ targetSize?: string
  /** With the waveform (the excerpt's peaks); without it, `waveform="none"`. */ waveform?: boolean
  /** More attributes for the element. */ extra?: Record<string, string>
}): ReactNode {
  const host = useRef<HTMLDivElement | null>(null)
  useEffect(() => {
    const el = document.createElement('castline-player')
    if (targetSize !== undefined) el.style.setProperty('--castline-target-size', targetSize)
    const attributes: Record<string, string> = {
      src: EXCERPT_AUDIO,
      transcript: sampleFile('excerpt.txt'),
      duration: String(EXCERPT_DURATION),
      title: EPISODE.title,
      'deep-link': 'off',
      ...(waveform ? { peaks: EXCERPT_PEAKS } : { waveform: 'none' }),
      ...extra,
    }
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value)
    Object.assign(el, properties)
    host.current!.append(el)
    return () => el.remove()
  }, [targetSize, waveform, extra, properties])
  return (
    <div ref={host} style={width === undefined ? undefined : { inlineSize: width, maxInlineSize: '100%' }} />
  )
}

const meta = {
  title: 'Elements/castline-player',
  component: Player,
  parameters: {
    docs: {
      description: {
        component: `The custom element \`<castline-player>\` (\`@castline/element\`): the same player as the React
one, in a shadow root, for pages without React. See docs/embed.md.`,
      },
    },
  },
} satisfies Meta<typeof Player>

export default meta
type Story = StoryObj<typeof meta>

/** The player's shadow root, once the element rendered the transcript. */
async function shadowOf(canvasElement: HTMLElement): Promise<ShadowRoot> {
  const host = canvasElement.querySelector('castline-player')!
  let found: ShadowRoot | null = null
  await waitFor(() => {
    const transcript = host.shadowRoot?.querySelector('castline-transcript')
    found = transcript?.shadowRoot ?? null
    expect(found?.querySelector('.castline-line[data-index="2"] .castline-line__text')).not.toBeNull()
  }, SLOW)
  return found!
}

/** The element's layout once its transcript and waveform are drawn. */
async function layoutOf(canvasElement: HTMLElement) {
  await shadowOf(canvasElement)
  const player = canvasElement.querySelector('castline-player')!.shadowRoot!
  const wave = player.querySelector('castline-waveform')!.shadowRoot!
  await waitFor(() => expect(wave.querySelector('[data-peaks="ready"]')).not.toBeNull(), SLOW)
  return layoutBoxes(player)
}

/** `layout="stacked"` (the default) in a 64rem column: the waveform and the transcript full width. */
export const LayoutStacked: Story = {
  args: {
    waveform: true,
    width: '64rem',
    extra: { layout: 'stacked', chapters: sampleFile('chapters.json') },
  },
  play: async ({ canvasElement }) => {
    expectLayout(await layoutOf(canvasElement), 'stacked', false)
  },
}

/** `layout="panel"` in a 64rem column: the side panel beside the transcript, which takes the rest. */
export const LayoutPanel: Story = {
  args: {
    waveform: true,
    width: '64rem',
    extra: { layout: 'panel', chapters: sampleFile('chapters.json') },
    properties: {
      transcript: parseTranscript(excerptWithSpeakers(), { duration: EXCERPT_DURATION }),
      persons: SAMPLE_PERSONS,
    },
  },
  play: async ({ canvasElement }) => {
    expectLayout(await layoutOf(canvasElement), 'panel', true)
    const root = canvasElement.querySelector('castline-player')!.shadowRoot!
    await waitFor(() => expect(panelListsIn(root).chapters).toBeGreaterThanOrEqual(10), SLOW)
    const lists = panelListsIn(root)
    expect(lists).toMatchObject({ chaptersShown: true, currentChapters: 1, speakersShown: true })
    expect(lists.speakers).toEqual(['Michael Kennedy host', 'Seth Michael Larson guest'])
    // The controls' chapter disclosure gives way to the open list.
    const controls = root.querySelector('castline-controls')!.shadowRoot!
    expect(controls.querySelector('details.castline-controls__chapter-list')!.getClientRects()).toHaveLength(
      0,
    )
  },
}

/** `layout="panel"` in a 400 px column of a wide page: by its own width, one column. */
export const LayoutPanelInNarrowColumn: Story = {
  args: { ...LayoutPanel.args, width: '400px' },
  play: async ({ canvasElement }) => {
    expectLayout(await layoutOf(canvasElement), 'panel', false)
    // One column: no tall lists above the transcript (the controls' chapter disclosure stays).
    const root = canvasElement.querySelector('castline-player')!.shadowRoot!
    await waitFor(() => expect(panelListsIn(root).chapters).toBeGreaterThanOrEqual(10), SLOW)
    expect(panelListsIn(root)).toMatchObject({ chaptersShown: false, speakersShown: false })
  },
}

/** `<castline-player lang="de">`: the player in German (its labels, and "1,5×" for the speed). */
export const LocaleGerman: Story = {
  args: { extra: { lang: 'de', transcript: sampleFile('excerpt.de.txt') } },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('castline-player')!.shadowRoot!
    await shadowOf(canvasElement)
    const controls = root.querySelector('castline-controls')!.shadowRoot!
    await waitFor(
      () => expect(controls.querySelector('.castline-controls__play')).toHaveTextContent('Abspielen'),
      SLOW,
    )
    expect(controls.querySelector('.castline-controls__rate')).toHaveTextContent('1,5×')
    const search = root.querySelector('castline-search')!.shadowRoot!.querySelector('input')!
    expect(search).toHaveAttribute('placeholder', 'Transkript durchsuchen')
    expect(root.querySelector('.castline-player')).toHaveAttribute('dir', 'ltr')
  },
}

/**
 * `<castline-player lang="ar">` over the excerpt's Arabic translation: UI and text right to left, each
 * line's time on the right, the waveform still left to right.
 */
export const LocaleArabicRtl: Story = {
  args: { waveform: true, extra: { lang: 'ar', transcript: sampleFile('excerpt.ar.txt') } },
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('castline-player')!.shadowRoot!
    const transcript = await shadowOf(canvasElement)
    expect(root.querySelector('.castline-player')).toHaveAttribute('dir', 'rtl')
    const controls = root.querySelector('castline-controls')!.shadowRoot!
    await waitFor(
      () => expect(controls.querySelector('.castline-controls__play')).toHaveTextContent('تشغيل'),
      SLOW,
    )
    const row = transcript.querySelector('.castline-line[data-index="0"]')!
    const time = row.querySelector('.castline-line__time')!.getBoundingClientRect()
    const text = row.querySelector('.castline-line__text')!.getBoundingClientRect()
    expect(time.left).toBeGreaterThanOrEqual(text.right - 1)
    const wave = root.querySelector('castline-waveform')!.shadowRoot!.querySelector('.castline-waveform')!
    expect(getComputedStyle(wave).direction).toBe('ltr')
  },
}

/** Text selected in a line of the element's transcript: the quote menu floats under it. */
export const QuoteMenuOpen: Story = {
  play: async ({ canvasElement, step }) => {
    const root = await shadowOf(canvasElement)
    await step('selecting the words of the third line opens the menu', async () => {
      const node = root.querySelector('.castline-line[data-index="2"] .castline-line__text')!.firstChild!
      window.getSelection()!.setBaseAndExtent(node, 0, node, Math.min(24, node.textContent!.length))
      await waitFor(() => expect(root.querySelector('.castline-quote-menu')).not.toBeNull(), SLOW)
      const menu = root.querySelector<HTMLElement>('.castline-quote-menu')!
      expect(menu.getAttribute('role')).toBe('group')
      expect(menu.getAttribute('aria-label')).toBe('Share the selected quote')
      const names = [...menu.querySelectorAll('button')].map((b) => b.textContent)
      expect(names).toEqual(['Copy quote', 'Copy link'])
      await expect(menu).toBeVisible()
    })
  },
}

/**
 * Touch-screen targets: what `@media (pointer: coarse)` sets, forced here with `--castline-target-size:
 * 44px` on the element. Every control in its shadow roots, each line's time among them, is at least
 * 44 x 44 px (24 x 24 px without it).
 */
export const TouchTargets: Story = {
  args: { targetSize: '44px' },
  play: async ({ canvasElement }) => {
    await shadowOf(canvasElement)
    const sizes = controlSizes(canvasElement)
    expect(sizes.length).toBeGreaterThan(5)
    expect(sizes.filter((s) => s.width < 44 || s.height < 44)).toEqual([])
  },
}

/**
 * The element's waveform with a search typed ("python"): a tick at each line found, and the tooltip with
 * the time where the pointer hovers. The story ends in the hover state.
 */
export const WaveformTicksAndTooltip: Story = {
  args: { waveform: true },
  play: async ({ canvasElement }) => {
    await shadowOf(canvasElement)
    const player = canvasElement.querySelector('castline-player')!.shadowRoot!
    const input = player.querySelector('castline-search')!.shadowRoot!.querySelector('input')!
    input.value = 'python'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    const wave = player.querySelector('castline-waveform')!.shadowRoot!
    const slider = wave.querySelector<HTMLElement>('[role="slider"]')!
    await waitFor(
      () => expect(wave.querySelectorAll('.castline-waveform__tick').length).toBeGreaterThan(0),
      SLOW,
    )
    await waitFor(() => expect(slider.getAttribute('aria-valuemax')).not.toBe('0'), SLOW)
    const box = slider.getBoundingClientRect()
    slider.dispatchEvent(
      new PointerEvent('pointermove', { clientX: box.left + box.width / 2, isPrimary: true, bubbles: true }),
    )
    const tip = wave.querySelector<HTMLElement>('.castline-waveform__hover')!
    await waitFor(() => expect(tip.textContent).toMatch(/^\d+:\d\d/), SLOW)
    await expect(tip).toBeVisible()
    const drawn = tip.getBoundingClientRect()
    expect(drawn.left).toBeGreaterThanOrEqual(box.left - 0.5)
    expect(drawn.right).toBeLessThanOrEqual(box.right + 0.5)
  },
}

/** The element's reader settings open: larger text and timestamps hidden (kept settings cleared before and after). */
export const ReaderSettingsOpen: Story = {
  beforeEach: () => {
    localStorage.removeItem('castline:reader-settings')
    return () => localStorage.removeItem('castline:reader-settings')
  },
  play: async ({ canvasElement }) => {
    await shadowOf(canvasElement)
    const player = canvasElement.querySelector('castline-player')!.shadowRoot!
    const details = player.querySelector<HTMLDetailsElement>('details.castline-reader')!
    details.querySelector('summary')!.click()
    await waitFor(() => expect(details.open).toBe(true))
    details.querySelector<HTMLButtonElement>('.castline-reader__larger')!.click()
    player.querySelector<HTMLInputElement>('#castline-reader-timestamps')!.click()
    const region = player
      .querySelector('castline-transcript')!
      .shadowRoot!.querySelector<HTMLElement>('section.castline-transcript')!
    await waitFor(() => expect(region.getAttribute('data-timestamps')).toBe('hidden'))
    expect(region.style.getPropertyValue('--castline-text-scale')).toBe('1.125')
    expect(details.querySelector('output')!.textContent).toBe('113%')
  },
}

/**
 * `mini-player`: playback started and the controls scrolled out of view (the story's stand-in
 * IntersectionObserver says so) show the bar fixed at the bottom; its Pause pauses.
 */
export const MiniPlayerShown: Story = {
  args: { extra: { 'mini-player': '' } },
  beforeEach: standInObserver,
  play: async ({ canvasElement }) => {
    await shadowOf(canvasElement)
    const player = canvasElement.querySelector('castline-player')!.shadowRoot!
    const audio = player.querySelector('audio')!
    await audio.play()
    scrollControls?.(false)
    const bar = player.querySelector<HTMLElement>('section.castline-mini')!
    await waitFor(() => expect(bar.hidden).toBe(false), SLOW)
    expect(bar.getAttribute('aria-label')).toBe('Mini player')
    const button = bar.querySelector<HTMLButtonElement>('.castline-mini__play')!
    await waitFor(() => expect(button.textContent).toBe('Pause'), SLOW)
    button.click()
    await waitFor(() => expect(audio.paused).toBe(true), SLOW)
    await waitFor(() => expect(button.textContent).toBe('Play'), SLOW)
  },
}
