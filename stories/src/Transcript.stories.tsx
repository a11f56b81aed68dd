import {
  createManualSource,
  formatTimestamp,
  searchTranscript,
  type Transcript as TranscriptModel,
} from '@castline/core'
import type { Person } from '@castline/core/feed'
import { parseTranscript } from '@castline/core/formats'
import { CastlineProvider, Transcript, TranscriptSearch } from '@castline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ReactNode, useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import {
  activeIndex,
  inView,
  linesIn,
  mediaIn,
  metadataOf,
  rowOf,
  SLOW,
  viewportIn,
  wheel,
} from './play-helpers.js'
import { WithAudio, WithExcerpt } from './providers.js'
import {
  ARABIC_LINES,
  EPISODE,
  EXCERPT_AUDIO,
  EXCERPT_DURATION,
  episode,
  excerpt,
  excerptWithSpeakers,
  excerptWordLevelJson,
  JAPANESE_LINES,
  linesAtExcerptTimes,
  sampleFile,
  tenHourTranscript,
} from './sample.js'

const meta = {
  title: 'Components/Transcript',
  component: Transcript,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `The transcript on its own: a labelled region with a virtualized list (only the visible lines are in
the DOM, so 100,000 lines cost what 100 do). The spoken line is highlighted and kept in view while following; a
scroll of the listener's detaches, and "Jump to current line" comes back. Click a line (or a word of a word-level
transcript) to seek. One tab stop: arrows, Home/End and PageUp/PageDown move, Enter or Space seeks.

It lives inside a \`<CastlineProvider>\`, which holds the transcript and the media:

\`\`\`tsx
import { CastlineProvider, Transcript, TranscriptSearch } from '@castline/react'

<CastlineProvider src="/episodes/514.mp3" transcript={{ url: '/episodes/514.vtt' }}>
  <TranscriptSearch />
  <Transcript style={{ '--castline-transcript-height': '30rem' }} />
</CastlineProvider>
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof Transcript>

export default meta
type Story = StoryObj<typeof meta>

const renderShort: Story['render'] = (args) => (
  <WithExcerpt>
    <Transcript {...args} />
  </WithExcerpt>
)

/** The first eight lines of the episode, with its audio. */
export const Short: Story = { render: renderShort }

/** The list is one tab stop; the arrows, Home and End move inside it, Enter seeks, ArrowRight reaches "Copy link". */
export const KeyboardUse: Story = {
  render: renderShort,
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    const timeOf = (index: number) => rowOf(canvasElement, index)!.querySelector('.castline-line__time')!
    await step('Tab enters the list at its first line', async () => {
      await userEvent.tab()
      await waitFor(() => expect(timeOf(0)).toHaveFocus(), SLOW)
    })
    await step('ArrowDown, End, Home move the focus', async () => {
      await userEvent.keyboard('{ArrowDown}')
      await waitFor(() => expect(timeOf(1)).toHaveFocus(), SLOW)
      await userEvent.keyboard('{End}')
      await waitFor(() => expect(timeOf(excerpt.cues.length - 1)).toHaveFocus(), SLOW)
      await userEvent.keyboard('{Home}')
      await waitFor(() => expect(timeOf(0)).toHaveFocus(), SLOW)
    })
    await step('Enter on the fourth line seeks there', async () => {
      await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}')
      await waitFor(() => expect(media.currentTime).toBeCloseTo(excerpt.cues[3]!.start, 1), SLOW)
      await waitFor(() => expect(activeIndex(canvasElement)).toBe(3), SLOW)
      await waitFor(() => expect(timeOf(3)).toHaveFocus(), SLOW)
    })
    await step('ArrowRight reaches the line\'s "Copy link", Tab leaves the list', async () => {
      await userEvent.keyboard('{ArrowRight}')
      await waitFor(
        () =>
          expect(
            canvas.getByRole('button', { name: `Copy link to ${formatTimestamp(excerpt.cues[3]!.start)}` }),
          ).toHaveFocus(),
        SLOW,
      )
      await userEvent.tab()
      expect(canvasElement.querySelector('.castline-transcript')!.contains(document.activeElement)).toBe(
        false,
      )
    })
  },
}

/** Text selected in a line: the quote menu floats under it with "Copy quote" and "Copy link". */
export const QuoteMenuOpen: Story = {
  render: (args) => (
    <WithExcerpt>
      <Transcript {...args} episodeTitle={EPISODE.title} />
    </WithExcerpt>
  ),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(rowOf(canvasElement, 2)).not.toBeNull(), SLOW)
    await step('selecting the words of the third line opens the menu', async () => {
      const text = rowOf(canvasElement, 2)!.querySelector('.castline-line__text')!
      const node = text.firstChild!
      window.getSelection()!.setBaseAndExtent(node, 0, node, Math.min(24, node.textContent!.length))
      const menu = await canvas.findByRole('group', { name: 'Share the selected quote' }, SLOW)
      await expect(within(menu).getByRole('button', { name: 'Copy quote' })).toBeVisible()
      await expect(within(menu).getByRole('button', { name: 'Copy link' })).toBeVisible()
    })
  },
}

const renderEpisode: Story['render'] = (args) => (
  <WithAudio src={sampleFile('episode.mp3')} transcript={episode} duration={EPISODE.duration}>
    <Transcript {...args} />
  </WithAudio>
)

/** The whole 72-minute episode (1,209 lines of its published transcript) with its audio. */
export const SeventyTwoMinutes: Story = {
  render: renderEpisode,
  play: async ({ canvasElement }) => {
    await linesIn(canvasElement)
    const rows = canvasElement.querySelectorAll('.castline-line')
    expect(rows[0]).toHaveAttribute('aria-setsize', String(episode.cues.length))
    // Virtualized: a screenful and a few more, not the whole episode.
    expect(rows.length).toBeLessThan(60)
  },
}

/**
 * Following: a seek far into the episode brings its line into view. A wheel scroll of the listener's
 * detaches; "Jump to current line" points at the spoken line and brings it back.
 */
export const FollowDetachJump: Story = {
  render: renderEpisode,
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    const viewport = viewportIn(canvasElement)
    await metadataOf(media)
    const target = 600
    await step('a seek to line 601 while following scrolls it into view', async () => {
      media.currentTime = episode.cues[target]!.start + 0.1
      await waitFor(() => expect(activeIndex(canvasElement)).toBe(target), SLOW)
      await waitFor(() => expect(inView(rowOf(canvasElement, target)!, viewport)).toBe(true), SLOW)
      expect(canvas.queryByRole('button', { name: /Jump to current line/ })).toBeNull()
    })
    await step('the listener scrolls up with the wheel: detached', async () => {
      wheel(viewport, -4000)
      const jump = await canvas.findByRole('button', { name: /Jump to current line/ }, SLOW)
      await waitFor(() => expect(jump).toHaveAttribute('data-direction', 'down'), SLOW)
      expect(rowOf(canvasElement, target)).toBeNull()
    })
    await step('the jump button follows again', async () => {
      await userEvent.click(canvas.getByRole('button', { name: /Jump to current line/ }))
      await waitFor(() => expect(inView(rowOf(canvasElement, target)!, viewport)).toBe(true), SLOW)
      expect(canvas.queryByRole('button', { name: /Jump to current line/ })).toBeNull()
    })
  },
}

function AtLine(props: { index: number; following: boolean; resumeAfterMs?: number; children: ReactNode }) {
  const [source] = useState(() =>
    createManualSource({ time: episode.cues[props.index]!.start + 0.1, duration: EPISODE.duration }),
  )
  return (
    <CastlineProvider
      transcript={episode}
      source={source}
      defaultFollow={props.following}
      resumeAfterMs={props.resumeAfterMs}
      deepLink={false}
    >
      {props.children}
    </CastlineProvider>
  )
}

/**
 * Detached from the start (`defaultFollow={false}`) while line 801 is spoken: the list stays where the
 * reader is, and the jump button points down to the spoken line.
 */
export const Detached: Story = {
  render: (args) => (
    <AtLine index={800} following={false}>
      <Transcript {...args} />
    </AtLine>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const viewport = viewportIn(canvasElement)
    const jump = await canvas.findByRole('button', { name: /Jump to current line/ })
    expect(jump).toHaveAttribute('data-direction', 'down')
    expect(viewport.scrollTop).toBe(0)
    expect(inView(rowOf(canvasElement, 0)!, viewport)).toBe(true)
    await userEvent.click(jump)
    await waitFor(() => expect(inView(rowOf(canvasElement, 800)!, viewport)).toBe(true), SLOW)
    expect(rowOf(canvasElement, 800)).toHaveAttribute('aria-current', 'true')
  },
}

/** With `resumeAfterMs`, follow mode comes back by itself once the listener has stopped scrolling. */
export const ResumesAfterScrolling: Story = {
  render: (args) => (
    <AtLine index={300} following={true} resumeAfterMs={1500}>
      <Transcript {...args} />
    </AtLine>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const viewport = viewportIn(canvasElement)
    await waitFor(() => expect(inView(rowOf(canvasElement, 300)!, viewport)).toBe(true), SLOW)
    // Taken before the wheel that starts the quiet time: a busy machine only makes the wait longer.
    const detachedAt = performance.now()
    wheel(viewport, -5000)
    expect(await canvas.findByRole('button', { name: /Jump to current line/ })).toBeVisible()
    await waitFor(
      () => expect(canvas.queryByRole('button', { name: /Jump to current line/ })).toBeNull(),
      SLOW,
    )
    // Not at once: only after the quiet time.
    expect(performance.now() - detachedAt).toBeGreaterThan(1000)
    await waitFor(() => expect(inView(rowOf(canvasElement, 300)!, viewport)).toBe(true), SLOW)
  },
}

let tenHours: TranscriptModel | null = null

function TenHourProvider({ children }: { children: ReactNode }) {
  const [transcript] = useState(() => {
    tenHours ??= tenHourTranscript()
    return tenHours
  })
  const [source] = useState(() => createManualSource({ duration: 36_000 }))
  return (
    <CastlineProvider transcript={transcript} source={source} deepLink={false}>
      {children}
    </CastlineProvider>
  )
}

/** Ten hours, 100,000 generated lines: still one screenful in the DOM; End and Enter reach the last line. */
export const TenHours: Story = {
  render: (args) => (
    <TenHourProvider>
      <Transcript {...args} />
    </TenHourProvider>
  ),
  play: async ({ canvasElement, step }) => {
    const rowCount = () => canvasElement.querySelectorAll('.castline-line').length
    const focusedRow = () => document.activeElement?.closest<HTMLElement>('.castline-line') ?? null
    expect(await linesIn(canvasElement)).toHaveAttribute('aria-setsize', '100000')
    expect(rowCount()).toBeLessThan(60)
    await step('End moves to line 100,000, Enter seeks there', async () => {
      await userEvent.tab()
      await userEvent.keyboard('{End}')
      await waitFor(() => expect(focusedRow()).toHaveAttribute('aria-posinset', '100000'), SLOW)
      expect(focusedRow()).toHaveTextContent('Line 100000:')
      await userEvent.keyboard('{Enter}')
      await waitFor(() => expect(activeIndex(canvasElement)).toBe(99_999), SLOW)
      expect(rowCount()).toBeLessThan(60)
    })
    await step('Home goes back to the first line, PageDown a page on', async () => {
      await userEvent.keyboard('{Home}')
      await waitFor(() => expect(focusedRow()).toHaveAttribute('aria-posinset', '1'), SLOW)
      await userEvent.keyboard('{PageDown}')
      await waitFor(
        () => expect(Number(focusedRow()?.getAttribute('aria-posinset'))).toBeGreaterThan(5),
        SLOW,
      )
      expect(inView(focusedRow()!, viewportIn(canvasElement))).toBe(true)
    })
  },
}

const SPEAKERS_VTT = excerptWithSpeakers()

/** A WebVTT file with voices: the name is shown where a speaker starts, and read with each line's time. */
export const Speakers: Story = {
  render: (args) => (
    <WithAudio src={EXCERPT_AUDIO} transcript={SPEAKERS_VTT} duration={EXCERPT_DURATION}>
      <Transcript {...args} />
    </WithAudio>
  ),
  play: async ({ canvasElement }) => {
    await linesIn(canvasElement)
    const cues = parseTranscript(SPEAKERS_VTT).cues
    const starts = cues.flatMap((c, i) => (i === 0 || cues[i - 1]!.speaker !== c.speaker ? [i] : []))
    expect(starts.length).toBeGreaterThan(1)
    const shown = [...canvasElement.querySelectorAll('.castline-line__speaker')]
    expect(shown.map((el) => el.textContent)).toEqual(starts.map((i) => cues[i]!.speaker))
    for (const i of starts) {
      const time = rowOf(canvasElement, i)!.querySelector('.castline-line__time')!
      expect(time).toHaveAccessibleDescription(`${cues[i]!.speaker} ${cues[i]!.text}`)
    }
  },
}

/** A round avatar as an inline SVG data URI: a coloured disc with the person's initials. */
function avatar(initials: string, fill: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="36" height="36" viewBox="0 0 36 36"><circle cx="18" cy="18" r="18" fill="${fill}"/><text x="18" y="23" font-family="sans-serif" font-size="14" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

/** The episode's people, as `@castline/core/feed` reads its `podcast:person`s. */
const PERSONS: Person[] = [
  { name: 'Michael Kennedy', role: 'host', group: 'cast', img: avatar('MK', '#1d5fc4') },
  // No picture: the initials stand in for it.
  { name: 'Seth Michael Larson', role: 'guest', group: 'cast' },
]

/** The same excerpt with diarization labels in place of names, as a speech-to-text service writes them. */
const LABELLED_VTT = SPEAKERS_VTT.replaceAll('<v Michael Kennedy>', '<v SPEAKER_1>').replaceAll(
  '<v Seth Michael Larson>',
  '<v SPEAKER_2>',
)

/** What each speaker change shows: the avatar (or initials), the name and the role. */
async function expectSpeakers(canvasElement: HTMLElement): Promise<HTMLElement[]> {
  await linesIn(canvasElement)
  const labels = [...canvasElement.querySelectorAll<HTMLElement>('.castline-line__speaker')]
  const names = labels.map((l) => l.querySelector('.castline-line__speaker-name')?.textContent)
  expect(names).toEqual(['Michael Kennedy', 'Seth Michael Larson', 'Michael Kennedy'])
  expect(labels.map((l) => l.querySelector('.castline-line__role')?.textContent)).toEqual([
    'host',
    'guest',
    'host',
  ])
  const img = labels[0]!.querySelector('img')!
  expect(img).toHaveAttribute('alt', '')
  await waitFor(() => expect(img.complete && img.naturalWidth > 0).toBe(true), SLOW)
  expect(labels[1]!.querySelector('.castline-line__avatar--initials')).toHaveTextContent('SL')
  // Each person in a colour of their own, the same one at each of their turns.
  const colors = labels.map((l) => getComputedStyle(l.querySelector('.castline-line__speaker-name')!).color)
  expect(colors[0]).not.toBe(colors[1])
  expect(colors[2]).toBe(colors[0])
  // The speaker line keeps the height the list estimates for it before measuring (SPEAKER_PX, 21px at
  // the default 16px font): the avatar fits inside it.
  for (const label of labels)
    expect(Math.abs(label.getBoundingClientRect().height - 21)).toBeLessThanOrEqual(1)
  const time = rowOf(canvasElement, 0)!.querySelector('.castline-line__time')!
  expect(time.getAttribute('aria-describedby')!.split(' ')[0]).toBe(labels[0]!.id)
  return labels
}

/**
 * `persons` (the feed's `podcast:person`s): where a speaker starts, their avatar (initials where the feed
 * has no picture), their name in a colour of their own and their role.
 */
export const SpeakersWithPersons: Story = {
  render: (args) => (
    <CastlineProvider
      src={EXCERPT_AUDIO}
      transcript={SPEAKERS_VTT}
      duration={EXCERPT_DURATION}
      deepLink={false}
      persons={PERSONS}
    >
      <Transcript {...args} />
    </CastlineProvider>
  ),
  play: async ({ canvasElement }) => {
    await expectSpeakers(canvasElement)
  },
}

/**
 * A transcript whose speakers are diarization labels (`SPEAKER_1`, `SPEAKER_2`): the `speakers` map gives
 * each label a person's name (matched ignoring case and accents), and the person their avatar and role.
 */
export const SpeakerLabelsMapped: Story = {
  render: (args) => (
    <CastlineProvider
      src={EXCERPT_AUDIO}
      transcript={LABELLED_VTT}
      duration={EXCERPT_DURATION}
      deepLink={false}
      persons={PERSONS}
      speakers={{ SPEAKER_1: 'michael kennedy', SPEAKER_2: 'Seth Michael Larson' }}
    >
      <Transcript {...args} />
    </CastlineProvider>
  ),
  play: async ({ canvasElement }) => {
    const labels = await expectSpeakers(canvasElement)
    expect(canvasElement.textContent).not.toContain('SPEAKER_1')
    expect(labels).toHaveLength(3)
  },
}

/** The speakers in the dark theme: the palette's dark colours (axe checks their contrast on every row). */
export const SpeakersDark: Story = {
  ...SpeakersWithPersons,
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const labels = await expectSpeakers(canvasElement)
    // Light text on the dark rows: the dark palette, not the light one.
    const [r, g, b] = (
      getComputedStyle(labels[0]!.querySelector('.castline-line__speaker-name')!).color.match(/[\d.]+/g) ?? []
    ).map(Number)
    expect((0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255).toBeGreaterThan(0.5)
  },
}

const WORDS_JSON = excerptWordLevelJson()

/**
 * A Podcasting 2.0 word-level JSON (a segment per word): the spoken word is marked as the audio plays,
 * and a click on a word seeks to it.
 */
export const WordLevel: Story = {
  render: (args) => (
    <WithAudio src={EXCERPT_AUDIO} transcript={WORDS_JSON} duration={EXCERPT_DURATION}>
      <Transcript {...args} />
    </WithAudio>
  ),
  play: async ({ canvasElement, step }) => {
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    const words = parseTranscript(WORDS_JSON).cues[1]!.words!
    const row = () => rowOf(canvasElement, 1)!
    const spoken = () => Number(row().querySelector('[data-spoken]')?.getAttribute('data-word') ?? -1)
    await step("the second line's time seeks to the line", async () => {
      await userEvent.click(row().querySelector('.castline-line__time')!)
      await waitFor(() => expect(activeIndex(canvasElement)).toBe(1), SLOW)
      expect(media.currentTime).toBeCloseTo(words[0]!.start, 1)
    })
    await step('a click on its fourth word seeks to that word', async () => {
      const word = row().querySelector<HTMLElement>('[data-word="3"]')!
      expect(word).toHaveTextContent(words[3]!.text)
      await userEvent.click(word)
      await waitFor(() => expect(media.currentTime).toBeCloseTo(words[3]!.start, 2), SLOW)
      await waitFor(() => expect(spoken()).toBe(3), SLOW)
    })
    await step('playing moves the spoken word on', async () => {
      await media.play()
      await waitFor(() => expect(spoken()).toBeGreaterThan(3), SLOW)
      media.pause()
    })
  },
}

function WithSearch(props: { lang: string; dir?: 'rtl'; transcript: string }) {
  return (
    <div lang={props.lang} dir={props.dir}>
      <WithAudio src={EXCERPT_AUDIO} transcript={props.transcript} duration={EXCERPT_DURATION}>
        <TranscriptSearch />
        <Transcript />
      </WithAudio>
    </div>
  )
}

const ARABIC = linesAtExcerptTimes(ARABIC_LINES)

/** Arabic, right to left (`dir="rtl"` on an ancestor): the layout mirrors, search finds Arabic words. */
export const RightToLeft: Story = {
  render: () => <WithSearch lang="ar" dir="rtl" transcript={ARABIC} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await linesIn(canvasElement)
    const row = rowOf(canvasElement, 2)!
    expect(getComputedStyle(row).direction).toBe('rtl')
    const time = row.querySelector('.castline-line__time')!.getBoundingClientRect()
    const text = row.querySelector('.castline-line__text')!.getBoundingClientRect()
    expect(time.left).toBeGreaterThan(text.right - 1)
    const query = 'بايثون'
    const expected = searchTranscript(parseTranscript(ARABIC), query)
    expect(expected.length).toBeGreaterThan(1)
    await userEvent.type(canvas.getByRole('searchbox'), query)
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(`1 of ${expected.length}`), SLOW)
    expect(canvasElement.querySelector('.castline-match--current')).toHaveTextContent(query)
  },
}

const JAPANESE = linesAtExcerptTimes(JAPANESE_LINES)

/** Japanese, no spaces between words: lines wrap and search finds a phrase inside a line. */
export const CJK: Story = {
  render: () => <WithSearch lang="ja" transcript={JAPANESE} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const query = '開発者'
    const expected = searchTranscript(parseTranscript(JAPANESE), query)
    expect(expected.length).toBeGreaterThan(1)
    const search = canvas.getByRole('searchbox')
    await userEvent.type(search, query)
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(`1 of ${expected.length}`), SLOW)
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(`2 of ${expected.length}`), SLOW)
    const current = canvasElement.querySelector('.castline-match--current')!
    expect(current).toHaveTextContent(query)
    expect(current.closest('.castline-line')).toHaveAttribute('data-index', String(expected[1]!.cue))
  },
}
