import { TranscriptSearch } from '@castline/react'
import { Waveform } from '@castline/react/waveform'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { mediaIn, metadataOf, SLOW } from './play-helpers.js'
import { WithExcerpt } from './providers.js'
import { EXCERPT_DURATION, EXCERPT_PEAKS } from './sample.js'

const meta = {
  title: 'Components/Waveform',
  component: Waveform,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `The episode's waveform (wavesurfer.js) as a seek slider: click or drag to seek, the arrow keys move
5 s, PageUp/PageDown a minute, Home/End to the ends. With \`peaks\` (audiowaveform JSON or \`.dat\`) it is drawn
without downloading the audio; without, wavesurfer decodes the whole file, which only suits short clips.
Colours come from \`--castline-wave-color\`, \`--castline-wave-progress-color\` and \`--castline-wave-cursor-color\`.
It has its own entry point, so that only a site that draws a waveform needs wavesurfer.js (an optional peer).

\`\`\`tsx
import { CastlineProvider } from '@castline/react'
import { TranscriptSearch } from '@castline/react'
import { Waveform } from '@castline/react/waveform'

<CastlineProvider src="/episodes/514.mp3" transcript={transcript}>
  <Waveform peaks="/episodes/514-peaks.json" duration={4374.4} height={80} />
</CastlineProvider>
\`\`\``,
      },
    },
  },
  args: { peaks: EXCERPT_PEAKS, duration: EXCERPT_DURATION },
  render: (args) => (
    <WithExcerpt>
      <Waveform {...args} />
    </WithExcerpt>
  ),
} satisfies Meta<typeof Waveform>

export default meta
type Story = StoryObj<typeof meta>

/** Drawn from precomputed peaks; the slider's keys seek the audio. */
export const WithPeaks: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    const slider = canvas.getByRole('slider', { name: 'Seek' })
    await waitFor(() => expect(slider).toHaveAttribute('data-peaks', 'ready'), SLOW)
    slider.focus()
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    await waitFor(() => expect(media.currentTime).toBeCloseTo(10, 1), SLOW)
    await waitFor(
      () => expect(slider).toHaveAttribute('aria-valuetext', expect.stringMatching(/^10 seconds of /)),
      SLOW,
    )
    await userEvent.keyboard('{End}')
    await waitFor(() => expect(media.currentTime).toBeGreaterThan(EXCERPT_DURATION - 0.5), SLOW)
    await userEvent.keyboard('{PageDown}')
    await waitFor(() => expect(media.currentTime).toBe(0), SLOW)
  },
}

/** Bars instead of a continuous wave, taller. */
export const Bars: Story = {
  args: { barWidth: 3, barGap: 2, barRadius: 2, height: 96 },
}

/** No peaks: wavesurfer fetches and decodes the (short) audio itself. */
export const DecodedInTheBrowser: Story = {
  args: { peaks: undefined },
  play: async ({ canvasElement }) => {
    const slider = within(canvasElement).getByRole('slider', { name: 'Seek' })
    expect(slider).toHaveAttribute('data-peaks', 'none')
    // wavesurfer draws into canvases in its shadow root once it has decoded the file.
    await waitFor(() => {
      const host = canvasElement.querySelector('.castline-waveform__wave > *')
      expect(host?.shadowRoot?.querySelector('canvas')).toBeTruthy()
    }, SLOW)
  },
}

/**
 * Over the wave: a tick at each line the search finds ("Python"), and the tooltip with the time (and the
 * chapter, when there are chapters) where the pointer hovers. The story ends in the hover state.
 */
export const SearchTicksAndTooltip: Story = {
  render: (args) => (
    <WithExcerpt>
      <TranscriptSearch />
      <Waveform {...args} />
    </WithExcerpt>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await metadataOf(mediaIn(canvasElement))
    const slider = canvas.getByRole('slider', { name: 'Seek' })
    await waitFor(() => expect(slider).toHaveAttribute('data-peaks', 'ready'), SLOW)
    await userEvent.type(canvas.getByRole('searchbox'), 'python')
    await waitFor(
      () => expect(slider.querySelectorAll('.castline-waveform__tick').length).toBeGreaterThan(0),
      SLOW,
    )
    // Hover the middle of the wave: the tooltip says the time there, and stays inside the box.
    const box = slider.getBoundingClientRect()
    slider.dispatchEvent(
      new PointerEvent('pointermove', { clientX: box.left + box.width / 2, isPrimary: true, bubbles: true }),
    )
    const tip = await waitFor(() => {
      const found = slider.querySelector<HTMLElement>('.castline-waveform__hover')
      expect(found?.textContent).toMatch(/^\d+:\d\d/)
      return found as HTMLElement
    }, SLOW)
    expect(tip).toHaveAttribute('aria-hidden', 'true')
    const drawn = tip.getBoundingClientRect()
    expect(drawn.left).toBeGreaterThanOrEqual(box.left - 0.5)
    expect(drawn.right).toBeLessThanOrEqual(box.right + 0.5)
  },
}
