import { formatTimestamp } from '@castline/core'
import { TranscriptPlayer } from '@castline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { activeIndex, mediaIn, metadataOf, rowOf, SLOW } from './play-helpers.js'
import {
  EPISODE,
  EXCERPT_AUDIO,
  EXCERPT_DURATION,
  EXCERPT_PEAKS,
  EXCERPT_TEXT,
  excerpt,
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
side by side from 700px of width and stacked below that. It renders and owns a hidden \`<audio>\` for \`src\`.

\`\`\`tsx
import { formatTimestamp } from '@castline/core'
import { TranscriptPlayer } from '@castline/react'
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
        expect(slider.getAttribute('aria-valuetext')).toMatch(
          new RegExp(`^${formatTimestamp(cue.start, 'clock')} of `),
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
