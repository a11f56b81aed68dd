/** What the play functions share: finding the media and the lines, and waiting for a real browser. */
import { expect, waitFor } from 'storybook/test'
import { fakeIntersectionObserver } from '../../packages/dom/test/fake-intersection-observer.js'

/** Generous: real audio and a 100,000-line list on a machine shared with other test runs. */
export const SLOW = { timeout: 15_000 }

/** The story's media element (the player's hidden `<audio>`, or the site's own element). */
export function mediaIn(root: HTMLElement): HTMLMediaElement {
  const media = root.querySelector<HTMLMediaElement>('audio, video')
  if (media === null) throw new Error('The story renders no media element.')
  return media
}

/** Waits until the media knows its duration, so that seeks take effect. */
export async function metadataOf(media: HTMLMediaElement): Promise<void> {
  await waitFor(() => expect(media.readyState).toBeGreaterThanOrEqual(1), SLOW)
}

/** The transcript's viewport (the scroller). */
export function viewportIn(root: HTMLElement): HTMLElement {
  const viewport = root.querySelector<HTMLElement>('.castline-transcript__viewport')
  if (viewport === null) throw new Error('The story renders no transcript list.')
  return viewport
}

/**
 * Waits for the first rendered line. A client-side mount commits the transcript's region first and
 * renders its lines in a transition after it, so a play function that reads rows waits for them.
 */
export async function linesIn(root: HTMLElement): Promise<HTMLElement> {
  let first: HTMLElement | null = null
  await waitFor(() => {
    first = root.querySelector<HTMLElement>('.castline-line')
    expect(first).not.toBeNull()
  }, SLOW)
  return first!
}

/** The rendered row of line `index` (0-based), or null when it is not in the DOM. */
export function rowOf(root: HTMLElement, index: number): HTMLElement | null {
  return root.querySelector<HTMLElement>(`.castline-line[data-index="${index}"]`)
}

/** Index of the highlighted line, or -1. */
export function activeIndex(root: HTMLElement): number {
  const active = root.querySelector('.castline-line[aria-current="true"]')
  return active === null ? -1 : Number(active.getAttribute('data-index'))
}

/** True when `el` is wholly inside the viewport's visible box. */
export function inView(el: Element, viewport: HTMLElement): boolean {
  const v = viewport.getBoundingClientRect()
  const r = el.getBoundingClientRect()
  return r.top >= v.top - 1 && r.bottom <= v.bottom + 1
}

/** Scrolls the list the way a person does: a wheel event (the input follow mode listens to), then the scroll. */
export function wheel(viewport: HTMLElement, deltaY: number): void {
  viewport.dispatchEvent(new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true }))
  viewport.scrollTop += deltaY
}

/**
 * The visible controls under `root`, in it and in every open shadow root below it, each with its box:
 * what the target-size checks measure (WCAG 2.5.8: 24 x 24 px, 44 x 44 px on a touch screen).
 */
export function controlSizes(root: Element): Array<{ what: string; width: number; height: number }> {
  const roots: Array<Element | ShadowRoot> = [root]
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot !== null) roots.push(el.shadowRoot)
  }
  return roots
    .flatMap((r) => [...r.querySelectorAll('button, a[href], input, select, summary')])
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0)
    .map(({ el, box }) => ({
      what: `${el.tagName.toLowerCase()}.${el.className} ${el.getAttribute('aria-label') ?? el.textContent}`,
      width: box.width,
      height: box.height,
    }))
}

/** The stand-in IntersectionObserver's "scroll" while a mini player story runs (see `standInObserver`). */
export let scrollControls: ((inView: boolean) => void) | null = null

/**
 * A story's `beforeEach`: the page's IntersectionObserver replaced by one the play function drives
 * (`scrollControls(false)`: the controls left the view), restored when the story ends.
 */
export function standInObserver(): () => void {
  const io = fakeIntersectionObserver()
  const saved = window.IntersectionObserver
  window.IntersectionObserver = io.Observer
  scrollControls = io.scroll
  return () => {
    window.IntersectionObserver = saved
    scrollControls = null
  }
}

/** The boxes of a player's layout, found in `root` (the React player's canvas, or the element's shadow root). */
export interface LayoutBoxes {
  /** The root's `data-layout`. */
  layout: string | null
  /** Whether the panel and the transcript's column sit side by side. */
  twoColumns: boolean
  /** The waveform's and the transcript's widths as shares of the player's content width (0 to 1). */
  wave: number
  transcript: number
}

/** Measures the player's layout (`.castline-player`, its panel, its transcript column, its waveform). */
export function layoutBoxes(root: ParentNode): LayoutBoxes {
  const player = root.querySelector<HTMLElement>('.castline-player')!
  const main = root.querySelector('.castline-player__main')!.getBoundingClientRect()
  const side = root.querySelector('.castline-player__side')!
  const wave = root.querySelector('.castline-waveform, castline-waveform')!.getBoundingClientRect()
  const transcript = side.lastElementChild!.getBoundingClientRect()
  const style = getComputedStyle(player)
  const width =
    player.getBoundingClientRect().width -
    Number.parseFloat(style.paddingLeft) -
    Number.parseFloat(style.paddingRight)
  return {
    layout: player.getAttribute('data-layout'),
    twoColumns: side.getBoundingClientRect().top < main.bottom,
    wave: wave.width / width,
    transcript: transcript.width / width,
  }
}

/**
 * Asserts a player's layout: its `data-layout`, and one column (the waveform and transcript at least 90%
 * of the player's width) or two (the transcript at least 60%).
 */
export function expectLayout(boxes: LayoutBoxes, layout: 'stacked' | 'panel', twoColumns: boolean): void {
  expect(boxes.layout).toBe(layout)
  expect(boxes.twoColumns).toBe(twoColumns)
  if (twoColumns) expect(boxes.transcript).toBeGreaterThanOrEqual(0.6)
  else {
    expect(boxes.wave).toBeGreaterThanOrEqual(0.9)
    expect(boxes.transcript).toBeGreaterThanOrEqual(0.9)
  }
}

/**
 * The panel layout's chapters and speakers parts in `root` (a player's root, or the element's shadow
 * root): shown or not (a box of some height), the chapters listed, the one marked playing, and each
 * speaker's name and role.
 */
export function panelListsIn(root: ParentNode) {
  const shown = (selector: string) => {
    const el = root.querySelector(selector)
    return el !== null && el.getBoundingClientRect().height > 0
  }
  return {
    chaptersShown: shown('.castline-player__chapters ol'),
    chapters: root.querySelectorAll('.castline-player__chapters li').length,
    currentChapters: root.querySelectorAll('.castline-player__chapters [aria-current="true"]').length,
    speakersShown: shown('.castline-player__speakers ul'),
    speakers: [...root.querySelectorAll('.castline-player__speakers li')].map((li) =>
      [...li.querySelectorAll('.castline-line__speaker-name, .castline-line__role')]
        .map((part) => part.textContent)
        .join(' '),
    ),
  }
}
