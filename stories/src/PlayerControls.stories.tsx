import { PlayerControls } from '@castline/react/controls'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { mediaIn, metadataOf, SLOW } from './play-helpers.js'
import { WithExcerpt } from './providers.js'
import { EXCERPT_DURATION } from './sample.js'

const meta = {
  title: 'Components/PlayerControls',
  component: PlayerControls,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `The transport bar: play/pause, skip back and forward, playback speed, the time, volume and mute,
and the audio's state (loading, or its error as an alert). Native buttons, select and range throughout.

\`\`\`tsx
<CastlineProvider src={audio} transcript={transcript}>
  <PlayerControls skipBackSeconds={10} playbackRates={[1, 1.5, 2]} onPlaybackRateChange={save} />
</CastlineProvider>
\`\`\``,
      },
    },
  },
  args: { duration: EXCERPT_DURATION, onPlaybackRateChange: fn() },
  render: (args) => (
    <WithExcerpt>
      <PlayerControls {...args} />
    </WithExcerpt>
  ),
} satisfies Meta<typeof PlayerControls>

export default meta
type Story = StoryObj<typeof meta>

/** Skip, speed and mute act on the real audio element. */
export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    await userEvent.click(canvas.getByRole('button', { name: 'Forward 30 seconds' }))
    await waitFor(() => expect(media.currentTime).toBeCloseTo(30, 1), SLOW)
    await userEvent.click(canvas.getByRole('button', { name: 'Back 15 seconds' }))
    await waitFor(() => expect(media.currentTime).toBeCloseTo(15, 1), SLOW)
    await waitFor(
      () => expect(canvasElement.querySelector('.castline-controls__current')).toHaveTextContent('0:15'),
      SLOW,
    )
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Playback speed' }), '1.5')
    expect(media.playbackRate).toBe(1.5)
    expect(args.onPlaybackRateChange).toHaveBeenCalledWith(1.5)
    await userEvent.click(canvas.getByRole('button', { name: 'Mute' }))
    expect(media.muted).toBe(true)
    expect(await canvas.findByRole('button', { name: 'Unmute' })).toBeVisible()
  },
}

/** Other skips and a shorter speed menu. */
export const CustomSkipsAndRates: Story = {
  args: { skipBackSeconds: 10, skipForwardSeconds: 10, playbackRates: [1, 1.5, 2] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    expect(canvas.getByRole('button', { name: 'Back 10 seconds' })).toBeVisible()
    const options = within(canvas.getByRole('combobox', { name: 'Playback speed' })).getAllByRole('option')
    expect(options.map((o) => o.textContent)).toEqual(['1×', '1.5×', '2×'])
  },
}
