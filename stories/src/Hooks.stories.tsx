import { formatTimestamp } from '@castline/core'
import {
  CastlineProvider,
  useActiveCue,
  useCastline,
  useFollowMode,
  useTranscriptSync,
} from '@castline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { type ReactNode, useEffect, useRef } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { mediaIn, metadataOf, SLOW } from './play-helpers.js'
import { EXCERPT_AUDIO, EXCERPT_DURATION, EXCERPT_TEXT } from './sample.js'

/**
 * A site's own transcript list, built from the headless hooks alone: `useActiveCue` for the spoken line,
 * `useTranscriptSync` for a selection of the sync state, `useFollowMode` for following.
 */
function CustomList(): ReactNode {
  const { transcript, seekToCue, togglePlay } = useCastline()
  const active = useActiveCue()
  const playing = useTranscriptSync((s) => s.playing)
  const { following, setFollowing } = useFollowMode()
  const activeItem = useRef<HTMLLIElement | null>(null)
  useEffect(() => {
    if (following && active !== null) activeItem.current?.scrollIntoView({ block: 'nearest' })
  }, [following, active])
  if (transcript === null) return <p role="status">Loading…</p>
  return (
    <div className="custom-list">
      <p>
        <button type="button" onClick={togglePlay}>
          {playing ? 'Pause' : 'Play'}
        </button>{' '}
        <label>
          <input type="checkbox" checked={following} onChange={(e) => setFollowing(e.target.checked)} />{' '}
          Follow the audio
        </label>
      </p>
      <p data-testid="now">Now: {active === null ? 'nothing' : active.cue.text}</p>
      <ol style={{ maxHeight: '12rem', overflowY: 'auto', paddingInlineStart: '1.5rem' }}>
        {transcript.cues.map((cue, i) => (
          <li
            key={cue.start}
            ref={i === active?.index ? activeItem : undefined}
            aria-current={i === active?.index ? 'true' : undefined}
            style={{ fontWeight: i === active?.index ? 700 : 400 }}
          >
            <button type="button" onClick={() => seekToCue(i)}>
              {formatTimestamp(cue.start, 'clock')}
            </button>{' '}
            {cue.text}
          </li>
        ))}
      </ol>
    </div>
  )
}

const meta = {
  title: 'Recipes/Headless hooks',
  component: CastlineProvider,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `Everything the components use is public: build your own list (or a "now playing" line, or chapter
marks) inside a \`<CastlineProvider>\` with the hooks. Each re-renders only when its selection changes.

\`\`\`tsx
function NowPlaying() {
  const active = useActiveCue()                         // { index, cue } or null
  const playing = useTranscriptSync((s) => s.playing)   // any selection of the sync snapshot
  const { following, follow, detach } = useFollowMode()
  return <p>{playing ? 'Now' : 'Paused at'}: {active?.cue.text}</p>
}
\`\`\``,
      },
    },
  },
  args: { src: EXCERPT_AUDIO, transcript: EXCERPT_TEXT, duration: EXCERPT_DURATION, deepLink: false },
  render: (args) => (
    <CastlineProvider {...args}>
      <CustomList />
    </CastlineProvider>
  ),
} satisfies Meta<typeof CastlineProvider>

export default meta
type Story = StoryObj<typeof meta>

/** A seek re-attaches follow mode; the hooks report the spoken line and whether it plays. */
export const CustomListFromHooks: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const media = mediaIn(canvasElement)
    await metadataOf(media)
    const follow = canvas.getByRole('checkbox', { name: 'Follow the audio' })
    const items = canvas.getAllByRole('listitem')
    await step('a seek from the custom list: useActiveCue reports the line', async () => {
      await userEvent.click(within(items[5]!).getByRole('button'))
      await waitFor(() => expect(media.currentTime).toBeGreaterThan(0), SLOW)
      const text = items[5]!.textContent!.replace(/^\S+\s/, '')
      await waitFor(() => expect(canvas.getByTestId('now')).toHaveTextContent(`Now: ${text}`), SLOW)
      expect(items[5]).toHaveAttribute('aria-current', 'true')
    })
    await step('useFollowMode: unchecking detaches, a seek re-attaches', async () => {
      expect(follow).toBeChecked()
      await userEvent.click(follow)
      expect(follow).not.toBeChecked()
      await userEvent.click(within(items[2]!).getByRole('button'))
      await waitFor(() => expect(follow).toBeChecked(), SLOW)
    })
    await step('useTranscriptSync: playing', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Play' }))
      expect(await canvas.findByRole('button', { name: 'Pause' }, SLOW)).toBeVisible()
      await userEvent.click(canvas.getByRole('button', { name: 'Pause' }))
      expect(await canvas.findByRole('button', { name: 'Play' }, SLOW)).toBeVisible()
      expect(media.paused).toBe(true)
    })
  },
}
