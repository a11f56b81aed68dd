import { createTimeIndex, searchTranscript } from '@castline/core'
import { parseTranscript } from '@castline/core/formats'
import { ar } from '@castline/react/locales/ar'
import { de } from '@castline/react/locales/de'
import { TranscriptPlayer } from '@castline/react/player'
import { seekValueText } from '@castline/react/waveform'
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { CSSProperties, ReactNode } from 'react'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { type HeldFetches, holdFetches } from './hold-fetch.js'
import {
  activeIndex,
  controlSizes,
  expectLayout,
  layoutBoxes,
  linesIn,
  mediaIn,
  metadataOf,
  panelListsIn,
  rowOf,
  SLOW,
  scrollControls,
  standInObserver,
} from './play-helpers.js'
import {
  EPISODE,
  EXCERPT_ARABIC,
  EXCERPT_AUDIO,
  EXCERPT_DURATION,
  EXCERPT_GERMAN,
  EXCERPT_PEAKS,
  EXCERPT_TEXT,
  episode,
  excerpt,
  excerptWithSpeakers,
  SAMPLE_PERSONS,
  sampleFile,
} from './sample.js'

const meta = {
  title: 'Components/TranscriptPlayer',
  component: TranscriptPlayer,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `The whole player a podcast site embeds: title, waveform, transport, search and the transcript,
stacked (\`layout="stacked"\`, the default) or a side panel beside the transcript (\`layout="panel"\`,
from 52rem of the player's own width; one column below that). It renders and owns a hidden \`<audio>\` for \`src\`.

\`\`\`tsx
import { TranscriptPlayer } from '@castline/react/player'
import '@castline/react/styles.css'

<TranscriptPlayer
  title="Python Language Summit 2025"
  src="/episodes/514.mp3"
  transcript={{ url: '/episodes/514.txt' }}   // or the text itself, or a parsed Transcript
  peaks="/episodes/514-peaks.json"            // audiowaveform JSON or .dat: no decoding in the browser
  duration={4374.4}
/>
\`\`\`

Keyboard: Space or K plays and pauses, J and L skip 10 s, the arrow keys 5 s, \`/\` goes to the search.`,
      },
    },
  },
} satisfies Meta<typeof TranscriptPlayer>

export default meta
type Story = StoryObj<typeof meta>

/** The demo's sample episode: 72 minutes of audio, its published transcript and precomputed peaks. */
export const SampleEpisode: Story = {
  args: {
    title: EPISODE.title,
    src: sampleFile('episode.mp3'),
    transcript: { url: sampleFile('transcript.txt') },
    peaks: sampleFile('peaks.json'),
    duration: EPISODE.duration,
    deepLink: false,
  },
  // Waits for what is fetched (transcript, peaks, the audio's metadata), so that axe checks the loaded player.
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(await canvas.findByText(episode.cues[1]!.text, undefined, SLOW)).toBeVisible()
    expect(canvasElement.querySelector('.castline-line')).toHaveAttribute(
      'aria-setsize',
      String(episode.cues.length),
    )
    const slider = canvas.getByRole('slider', { name: 'Seek' })
    await waitFor(() => expect(slider).toHaveAttribute('data-peaks', 'ready'), SLOW)
    await metadataOf(mediaIn(canvasElement))
    expect(slider).toHaveAttribute('aria-valuetext', seekValueText(0, EPISODE.duration))
    expect(canvas.getByRole('heading', { name: EPISODE.title })).toBeVisible()
  },
}

/**
 * The sample episode with its chapters (`chapters.json`, Podcasting 2.0 chapters JSON): a heading in each
 * chapter's first line, the current chapter above the lines and in the controls, a marker per chapter
 * under the waveform, previous/next chapter buttons (and the `[` / `]` keys), and the chapter list.
 */
export const WithChapters: Story = {
  args: {
    title: EPISODE.title,
    src: sampleFile('episode.mp3'),
    transcript: { url: sampleFile('transcript.txt') },
    peaks: sampleFile('peaks.json'),
    chapters: sampleFile('chapters.json'),
    duration: EPISODE.duration,
    deepLink: false,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    // The first chapter heads the first line, as a heading.
    const heading = await canvas.findByRole('heading', { level: 3, name: 'Introduction' }, SLOW)
    expect(heading.closest('li')).toHaveAttribute('aria-posinset', '1')
    const markers = within(canvas.getByRole('list', { name: 'Chapter markers' })).getAllByRole('button')
    expect(markers).toHaveLength(15)
    await metadataOf(mediaIn(canvasElement))
    const media = mediaIn(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Next chapter' }))
    await waitFor(() => expect(media.currentTime).toBe(187), SLOW)
    await waitFor(() =>
      expect(canvasElement.querySelector('.castline-controls__chapter')).toHaveTextContent(
        'What is the Language Summit?',
      ),
    )
  },
}

/**
 * The sample as audio with an inserted ad: its seconds 20-30 stand for a 10 s break (`adBreaks`, in audio
 * time). The break is one "Ad break · 0:10" row before the line the audio resumes with; the story ends
 * inside the break, its row current. A line after the break seeks the audio 10 s later than its time.
 */
export const WithAdBreak: Story = {
  args: {
    title: EPISODE.title,
    src: sampleFile('episode.mp3'),
    transcript: { url: sampleFile('transcript.txt') },
    peaks: sampleFile('peaks.json'),
    duration: EPISODE.duration,
    deepLink: false,
    adBreaks: [{ at: 20, duration: 10 }],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const row = await canvas.findByText('Ad break · 0:10', {}, SLOW)
    expect(row.querySelector('button')).toBeNull()
    await metadataOf(mediaIn(canvasElement))
    const media = mediaIn(canvasElement)
    // The line the row heads starts at or after 20 s of transcript time: its time button (m:ss) seeks
    // 10 s later in the audio.
    const time = within(row.closest('li') as HTMLElement).getAllByRole('button')[0]!
    const [m, sec] = time.textContent!.split(':').map(Number)
    const start = m! * 60 + sec!
    expect(start).toBeGreaterThanOrEqual(20)
    await userEvent.click(time)
    await waitFor(() => expect(Math.abs(media.currentTime - (start + 10))).toBeLessThan(1), SLOW)
    // Inside the break: the row is current.
    media.currentTime = 25
    await waitFor(() => expect(row).toHaveAttribute('aria-current', 'true'), SLOW)
  },
}

/** The first 39 seconds of the episode: short enough to play in a test. */
export const Excerpt: Story = {
  args: {
    title: 'Python Language Summit 2025 (excerpt)',
    src: EXCERPT_AUDIO,
    transcript: EXCERPT_TEXT,
    peaks: EXCERPT_PEAKS,
    duration: EXCERPT_DURATION,
    deepLink: false,
  },
}

/** A wide column for the layout stories: 64rem, as a site's main column on a desktop. */
const wide = (Story: () => ReactNode) => (
  <div style={{ inlineSize: '64rem', maxInlineSize: '100%' }}>
    <Story />
  </div>
)

/** The player's layout once its lines and its waveform are drawn. */
async function drawnLayout(canvasElement: HTMLElement) {
  await linesIn(canvasElement)
  const slider = within(canvasElement).getByRole('slider', { name: 'Seek' })
  await waitFor(() => expect(slider).toHaveAttribute('data-peaks', 'ready'), SLOW)
  return layoutBoxes(canvasElement)
}

/**
 * `layout="stacked"` (the default) in a wide column: the waveform full width, the controls in one row
 * under it (play, skip, time, speed, volume, chapters), then the search, the menus and the transcript.
 */
export const LayoutStacked: Story = {
  args: { ...Excerpt.args, chapters: sampleFile('chapters.json'), layout: 'stacked' },
  decorators: [wide],
  play: async ({ canvasElement }) => {
    expectLayout(await drawnLayout(canvasElement), 'stacked', false)
  },
}

/**
 * `layout="panel"` in a wide column: the episode, waveform, controls, highlights, the chapters (the list
 * open) and the speakers (the sample feed's people: avatar, name, role), search and menus in a side panel,
 * the transcript beside it taking the rest of the width, down to the panel's bottom.
 */
export const LayoutPanel: Story = {
  args: {
    ...LayoutStacked.args,
    layout: 'panel',
    transcript: excerptWithSpeakers(),
    persons: SAMPLE_PERSONS,
  },
  decorators: [wide],
  play: async ({ canvasElement }) => {
    expectLayout(await drawnLayout(canvasElement), 'panel', true)
    await waitFor(() => expect(panelListsIn(canvasElement).chapters).toBeGreaterThanOrEqual(10), SLOW)
    const lists = panelListsIn(canvasElement)
    expect(lists).toMatchObject({ chaptersShown: true, currentChapters: 1, speakersShown: true })
    expect(lists.speakers).toEqual(['Michael Kennedy host', 'Seth Michael Larson guest'])
    // The controls' chapter disclosure gives way to the open list.
    expect(
      canvasElement.querySelector('details.castline-controls__chapter-list')!.getClientRects(),
    ).toHaveLength(0)
  },
}

/** `layout="panel"` in a 400 px column of a wide page: by its own width, the player is one column. */
export const LayoutPanelInNarrowColumn: Story = {
  args: LayoutPanel.args,
  decorators: [
    (Story) => (
      <div style={{ inlineSize: '400px' }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    expectLayout(await drawnLayout(canvasElement), 'panel', false)
    // One column: no tall lists above the transcript (the controls' chapter disclosure stays).
    await waitFor(() => expect(panelListsIn(canvasElement).chapters).toBeGreaterThanOrEqual(10), SLOW)
    expect(panelListsIn(canvasElement)).toMatchObject({ chaptersShown: false, speakersShown: false })
  },
}

/**
 * Touch-screen targets: what `@media (pointer: coarse)` sets, forced here with `--castline-target-size:
 * 44px` on a wrapper. Every control, the chapter markers and each line's time among them, is at least
 * 44 x 44 px (24 x 24 px without it).
 */
export const TouchTargets: Story = {
  args: { ...Excerpt.args, chapters: sampleFile('chapters.json') },
  decorators: [
    (Story) => (
      <div style={{ '--castline-target-size': '44px' } as CSSProperties}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    await linesIn(canvasElement)
    await within(canvasElement).findAllByRole('button', { name: /Introduction/ }, SLOW)
    const sizes = controlSizes(canvasElement)
    expect(sizes.length).toBeGreaterThan(5)
    expect(sizes.filter((s) => s.width < 44 || s.height < 44)).toEqual([])
  },
}

/**
 * The transcript menu open: copy all (with or without timestamps), print, and download as text, WebVTT,
 * SRT or JSON, each file named after the episode's title.
 */
export const TakeAwayMenuOpen: Story = {
  args: Excerpt.args,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await linesIn(canvasElement)
    const summary = await canvas.findByText('Transcript', { selector: 'summary' }, SLOW)
    await userEvent.click(summary)
    expect(summary.closest('details')).toHaveAttribute('open')
    for (const name of ['Copy all', 'Copy with timestamps', 'Print']) {
      expect(canvas.getByRole('button', { name })).toBeVisible()
    }
    const download = canvas.getByRole('group', { name: 'Download' })
    expect(
      within(download)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Download as Text', 'Download as WebVTT', 'Download as SRT', 'Download as JSON'])
  },
}

/**
 * Two transcripts, German and Arabic (translations of the excerpt made for the demo): the picker shows
 * each language's own name; the Arabic list is right to left. The choice is kept in localStorage.
 */
export const TwoLanguages: Story = {
  args: {
    ...Excerpt.args,
    transcript: undefined,
    transcripts: [
      { transcript: EXCERPT_GERMAN, language: 'de' },
      { transcript: EXCERPT_ARABIC, language: 'ar' },
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const picker = await canvas.findByRole('combobox', { name: 'Transcript language' }, SLOW)
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Deutsch', 'العربية'])
    await userEvent.selectOptions(picker, 'العربية')
    const list = canvas.getByRole('region', { name: 'Transcript' }).querySelector('ul')!
    await waitFor(() => expect(list).toHaveAttribute('dir', 'rtl'), SLOW)
    expect(list).toHaveAttribute('lang', 'ar')
    await waitFor(() => expect(rowOf(canvasElement, 0)).toHaveTextContent('في كل عام'), SLOW)
  },
}

/** The player in German (`locale={de}`): every control, name and status German, the speed as "1,5×". */
export const LocaleGerman: Story = {
  args: { ...Excerpt.args, transcript: EXCERPT_GERMAN, locale: de, chapters: sampleFile('chapters.json') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await linesIn(canvasElement)
    expect(await canvas.findByRole('button', { name: 'Abspielen' }, SLOW)).toBeInTheDocument()
    expect(canvas.getByRole('searchbox', { name: 'Transkript durchsuchen' })).toBeInTheDocument()
    expect(canvas.getByRole('combobox', { name: 'Wiedergabegeschwindigkeit' })).toHaveTextContent('1,5×')
    expect(canvas.getByRole('slider', { name: 'Springen' })).toBeInTheDocument()
    expect(canvasElement.querySelector('.castline-player')).toHaveAttribute('dir', 'ltr')
  },
}

/**
 * The player in Arabic (`locale={ar}`) over the excerpt's Arabic translation: UI and text right to left,
 * each line's time on the right, the waveform still left to right, times in the locale's digits.
 */
export const LocaleArabicRtl: Story = {
  args: {
    ...Excerpt.args,
    transcript: undefined,
    transcripts: [{ transcript: EXCERPT_ARABIC, language: 'ar' }],
    locale: ar,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await linesIn(canvasElement)
    expect(await canvas.findByRole('button', { name: 'تشغيل' }, SLOW)).toBeInTheDocument()
    expect(canvasElement.querySelector('.castline-player')).toHaveAttribute('dir', 'rtl')
    expect(canvas.getByRole('searchbox', { name: 'البحث في النص' })).toBeInTheDocument()
    const row = rowOf(canvasElement, 0)!
    const time = row.querySelector('.castline-line__time')!.getBoundingClientRect()
    const text = row.querySelector('.castline-line__text')!.getBoundingClientRect()
    expect(time.left).toBeGreaterThanOrEqual(text.right - 1)
    expect(getComputedStyle(canvasElement.querySelector('.castline-waveform')!).direction).toBe('ltr')
  },
}

/** The first 150 lines of the episode (its first 11 minutes and 5 chapters): a list longer than its viewport. */
const printed = { ...episode, cues: episode.cues.slice(0, 150) }

/**
 * The print view: on the window's beforeprint the list renders every line (not the virtual window), with
 * times, speakers and chapter headings, which the print stylesheet lays out in flow without the controls.
 */
export const PrintView: Story = {
  args: { ...SampleEpisode.args, transcript: printed, chapters: sampleFile('chapters.json') },
  play: async ({ canvasElement }) => {
    await linesIn(canvasElement)
    const list = canvasElement.querySelector('.castline-transcript__list')!
    await waitFor(() => expect(list.querySelectorAll('[data-index]').length).toBeLessThan(150), SLOW)
    window.dispatchEvent(new Event('beforeprint'))
    await waitFor(() => expect(list.querySelectorAll('[data-index]')).toHaveLength(150), SLOW)
    expect(list).toHaveAttribute('data-printing')
    // The chapters file arrives on its own: its headings join the printed lines.
    await waitFor(
      () => expect(list.querySelectorAll('.castline-line__chapter').length).toBeGreaterThan(1),
      SLOW,
    )
  },
}

/** Clicking a line seeks the audio to its start; the line is highlighted and the slider says where. */
export const ClickToSeek: Story = {
  args: Excerpt.args,
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    const cue = excerpt.cues[4]!
    await step('click the fifth line', async () => {
      await userEvent.click(canvas.getByText(cue.text))
    })
    await waitFor(() => expect(media.currentTime).toBeCloseTo(cue.start, 1), SLOW)
    await waitFor(() => expect(activeIndex(canvasElement)).toBe(4), SLOW)
    expect(rowOf(canvasElement, 4)).toHaveAttribute('aria-current', 'true')
    const slider = canvas.getByRole('slider', { name: 'Seek' })
    await waitFor(
      () =>
        // The value text starts with the line's start ("12 seconds of …"; without a duration, the time alone).
        expect(slider.getAttribute('aria-valuetext')).toMatch(
          new RegExp(`^${seekValueText(cue.start, 0)} of `),
        ),
      SLOW,
    )
    await step('click the first line', async () => {
      await userEvent.click(canvas.getByText(excerpt.cues[0]!.text))
    })
    await waitFor(() => expect(media.currentTime).toBeCloseTo(0, 1), SLOW)
    await waitFor(() => expect(activeIndex(canvasElement)).toBe(0), SLOW)
  },
}

/** Space or K plays and pauses, L skips forward, the slider's arrows seek, `/` goes to the search. */
export const KeyboardShortcuts: Story = {
  args: Excerpt.args,
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    const slider = canvas.getByRole('slider', { name: 'Seek' })
    await step('Tab reaches the waveform slider; ArrowRight seeks 5 s, Home back to the start', async () => {
      slider.focus()
      await userEvent.keyboard('{ArrowRight}')
      await waitFor(() => expect(media.currentTime).toBeCloseTo(5, 1), SLOW)
      await userEvent.keyboard('{ArrowRight}')
      await waitFor(() => expect(media.currentTime).toBeCloseTo(10, 1), SLOW)
      await waitFor(() => expect(activeIndex(canvasElement)).toBe(createTimeIndex(excerpt).cueAt(10)), SLOW)
      await userEvent.keyboard('{Home}')
      await waitFor(() => expect(media.currentTime).toBe(0), SLOW)
    })
    await step('K plays the real audio for a moment, K again pauses', async () => {
      await userEvent.keyboard('k')
      await waitFor(() => expect(media.paused).toBe(false), SLOW)
      await waitFor(() => expect(media.currentTime).toBeGreaterThan(0.3), SLOW)
      expect(canvas.getByRole('button', { name: 'Pause' })).toBeVisible()
      await userEvent.keyboard('k')
      await waitFor(() => expect(media.paused).toBe(true), SLOW)
      expect(canvas.getByRole('button', { name: 'Play' })).toBeVisible()
    })
    await step('L skips 10 s forward', async () => {
      const before = media.currentTime
      await userEvent.keyboard('l')
      await waitFor(() => expect(media.currentTime).toBeCloseTo(before + 10, 1), SLOW)
    })
    await step('/ focuses the search, where letters are text, not shortcuts', async () => {
      await userEvent.keyboard('/')
      const search = canvas.getByRole('searchbox', { name: 'Search transcript' })
      expect(search).toHaveFocus()
      await userEvent.keyboard('k')
      expect(search).toHaveValue('k')
      expect(media.paused).toBe(true)
    })
  },
}

/**
 * Follow mode controlled by the site (`follow` and `onFollowChange`): the player asks, the site decides.
 * Here the site keeps it off, so "Jump to current line" reports the wish and nothing moves.
 */
export const ControlledFollow: Story = {
  args: { ...Excerpt.args, follow: false, onFollowChange: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const jump = await canvas.findByRole('button', { name: /Jump to current line/ })
    await userEvent.click(jump)
    expect(args.onFollowChange).toHaveBeenCalledWith(true)
    expect(canvas.getByRole('button', { name: /Jump to current line/ })).toBeVisible()
  },
}

let held: HeldFetches | null = null

/**
 * Transcript and peaks still on their way (the story holds their requests): the list says it is
 * loading and the waveform is busy. The play function then lets them through.
 */
export const Loading: Story = {
  args: {
    ...SampleEpisode.args,
    title: 'Loading an episode',
    // The URLs only this story uses, so that no other story's requests are held.
    transcript: { url: `${sampleFile('transcript.txt')}?story=loading` },
    peaks: `${sampleFile('peaks.json')}?story=loading`,
  },
  beforeEach: () => {
    held = holdFetches((url) => url.includes('story=loading'))
    return () => {
      held?.restore()
      held = null
    }
  },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    await step('while the requests are held', async () => {
      expect(await canvas.findByText('Loading transcript…')).toHaveAttribute('role', 'status')
      expect(canvas.getByRole('slider', { name: 'Seek' })).toHaveAttribute('aria-busy', 'true')
      expect(canvas.queryAllByRole('listitem')).toHaveLength(0)
    })
    await step('once they are let through', async () => {
      held?.release()
      // The second line: the first one is spoken at 0:00, its words in spans of their own.
      expect(await canvas.findByText(episode.cues[1]!.text, undefined, SLOW)).toBeVisible()
      await waitFor(
        () => expect(canvas.getByRole('slider', { name: 'Seek' })).not.toHaveAttribute('aria-busy'),
        SLOW,
      )
      expect(canvas.queryByText('Loading transcript…')).toBeNull()
    })
  },
}

/** The audio is missing: the player says so in an alert, and the transcript stays readable and searchable. */
export const AudioError: Story = {
  args: {
    ...Excerpt.args,
    title: 'An episode whose audio is gone',
    src: sampleFile('no-such-episode.mp3'),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', undefined, SLOW)
    expect(alert).toHaveTextContent(/audio could not be/i)
    expect(alert).toHaveTextContent('The transcript is still here to read.')
    expect(canvas.getByRole('button', { name: 'Play' })).toBeDisabled()
    expect(canvas.getAllByRole('listitem')).toHaveLength(excerpt.cues.length)
    await userEvent.type(canvas.getByRole('searchbox'), 'PyCon')
    const expected = searchTranscript(excerpt, 'PyCon').length
    await waitFor(() => expect(canvas.getByText(`1 of ${expected}`)).toBeVisible(), SLOW)
  },
}

/** A transcript that is not one (a JSON file cut short): the error names the format and the line. */
const BROKEN_JSON =
  '{\n  "version": "1.0.0",\n  "segments": [\n    { "startTime": 0, "body": "Every year" }\n    { "startTime": 7, "body": "This year" }\n'

export const TranscriptParseError: Story = {
  args: {
    ...Excerpt.args,
    title: 'An episode with a broken transcript',
    transcript: BROKEN_JSON,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    let message = ''
    try {
      parseTranscript(BROKEN_JSON)
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toMatch(/^json line 5: /)
    const alert = await canvas.findByRole('alert', undefined, SLOW)
    expect(alert).toHaveTextContent(`The transcript could not be shown. ${message}`)
    // The audio still plays without its transcript.
    expect(canvas.getByRole('button', { name: 'Play' })).toBeEnabled()
  },
}

function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).map(Number)
  return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255
}

/** The dark theme, forced by `data-theme="dark"` on an ancestor (the toolbar's Theme menu does the same). */
export const DarkTheme: Story = {
  args: Excerpt.args,
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const player = canvasElement.querySelector<HTMLElement>('.castline-player')!
    const style = getComputedStyle(player)
    expect(luminance(style.backgroundColor)).toBeLessThan(0.15)
    expect(luminance(style.color)).toBeGreaterThan(0.8)
    const row = (await linesIn(canvasElement)).querySelector<HTMLElement>('.castline-line__text')!
    expect(luminance(getComputedStyle(row).color)).toBeGreaterThan(0.8)
  },
}

/** A site's own look: the custom properties set on `.castline` under a class of the site's. */
const BRAND = {
  '--castline-bg': '#fffaf3',
  '--castline-fg': '#2b1d0e',
  '--castline-muted': '#6b5440',
  '--castline-border': '#e4d3bd',
  '--castline-accent': '#8a3b12',
  '--castline-active-bg': '#f6e0c8',
  '--castline-active-fg': '#2b1d0e',
  '--castline-focus-ring': '#8a3b12',
  '--castline-font-family': 'Georgia, "Times New Roman", serif',
  '--castline-radius': '0',
} as const

/** The same colour as the browser computes it, for comparing with a computed style. */
function computed(color: string): string {
  const probe = document.createElement('span')
  probe.style.color = color
  document.body.append(probe)
  const value = getComputedStyle(probe).color
  probe.remove()
  return value
}

export const CustomTheme: Story = {
  args: Excerpt.args,
  decorators: [
    (Story) => (
      <div className="brand-theme">
        {/* A site would put this rule in its own stylesheet. */}
        <style>{`.brand-theme .castline { ${Object.entries(BRAND)
          .map(([name, value]) => `${name}: ${value};`)
          .join(' ')} }`}</style>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    const player = canvasElement.querySelector<HTMLElement>('.castline-player')!
    expect(getComputedStyle(player).backgroundColor).toBe(computed(BRAND['--castline-bg']))
    expect(getComputedStyle(player).fontFamily).toContain('Georgia')
    await userEvent.click(canvas.getByText(excerpt.cues[2]!.text))
    await waitFor(() => expect(activeIndex(canvasElement)).toBe(2), SLOW)
    const active = rowOf(canvasElement, 2)!
    expect(getComputedStyle(active).backgroundColor).toBe(computed(BRAND['--castline-active-bg']))
  },
}

/** Reader settings are kept in localStorage (`@castline/dom`'s READER_SETTINGS_STORAGE_KEY). */
const READER_SETTINGS_STORAGE_KEY = 'castline:reader-settings'

/** Each reader settings story starts and ends without kept settings, so that no other story sees them. */
function freshReaderSettings() {
  localStorage.removeItem(READER_SETTINGS_STORAGE_KEY)
  return () => localStorage.removeItem(READER_SETTINGS_STORAGE_KEY)
}

/**
 * The reader settings open ("Aa"): larger text (the transcript's --castline-text-scale, rows measured
 * again at the new size) and timestamps hidden; follow along stays on.
 */
export const ReaderSettingsOpen: Story = {
  args: Excerpt.args,
  beforeEach: freshReaderSettings,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await linesIn(canvasElement)
    await userEvent.click(canvas.getByLabelText('Reader settings'))
    await userEvent.click(canvas.getByRole('button', { name: 'Larger text' }))
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Show timestamps' }))
    const region = canvas.getByRole('region', { name: 'Transcript' })
    expect(region.style.getPropertyValue('--castline-text-scale')).toBe('1.125')
    expect(region).toHaveAttribute('data-timestamps', 'hidden')
    expect(canvas.getByRole('checkbox', { name: 'Follow along' })).toBeChecked()
    expect(canvas.getByText('113%')).toBeVisible()
  },
}

/**
 * The mini player shown: playback started and the controls scrolled out of view (the story's stand-in
 * IntersectionObserver says so), a bar fixed at the bottom with play/pause, the time and the chapter.
 */
export const MiniPlayerShown: Story = {
  args: { ...Excerpt.args, miniPlayer: true },
  beforeEach: standInObserver,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await linesIn(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }))
    await waitFor(() => expect(media.paused).toBe(false), SLOW)
    scrollControls?.(false)
    const bar = await canvas.findByRole('region', { name: 'Mini player' })
    await userEvent.click(within(bar).getByRole('button', { name: 'Pause' }))
    await waitFor(() => expect(media.paused).toBe(true), SLOW)
    expect(within(bar).getByRole('button', { name: 'Play' })).toBeVisible()
  },
}
