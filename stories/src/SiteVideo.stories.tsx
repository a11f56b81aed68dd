import { formatTranscript } from '@castline/core/formats'
import { CastlineProvider, Transcript, TranscriptSearch } from '@castline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { type CSSProperties, type ReactNode, useRef } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { activeIndex, mediaIn, metadataOf, SLOW } from './play-helpers.js'
import { EXCERPT_AUDIO, excerpt } from './sample.js'

/** The excerpt's lines as the video's WebVTT captions (a data: URL, so the track is there from the first render). */
const CAPTIONS = `data:text/vtt;charset=utf-8,${encodeURIComponent(formatTranscript(excerpt, 'vtt'))}`

/**
 * A site that already has its media element (here a `<video>` playing the excerpt, with the transcript
 * as its captions) hands it to the provider as `media`: the provider renders no `<audio>` of its own.
 */
function SiteVideo(): ReactNode {
  const video = useRef<HTMLVideoElement | null>(null)
  return (
    <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'minmax(0, 24rem) minmax(0, 1fr)' }}>
      <video ref={video} src={EXCERPT_AUDIO} controls preload="metadata" width={384} height={216}>
        <track kind="captions" src={CAPTIONS} srcLang="en" label="English" default />
      </video>
      <CastlineProvider media={video} transcript={excerpt} deepLink={false}>
        <TranscriptSearch />
        <Transcript style={{ '--castline-transcript-height': '16rem' } as CSSProperties} />
      </CastlineProvider>
    </div>
  )
}

const meta = {
  title: 'Recipes/Site video element',
  component: CastlineProvider,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `\`<CastlineProvider media={ref}>\` drives the transcript from a media element the site renders
itself (a \`<video>\`, a styled \`<audio controls>\`, a third-party player's element): clicks on lines seek it, and
its own controls move the highlight.

\`\`\`tsx
const video = useRef<HTMLVideoElement>(null)
<video ref={video} src="/episodes/514.mp4" controls />
<CastlineProvider media={video} transcript={{ url: '/episodes/514.vtt' }}>
  <Transcript />
</CastlineProvider>
\`\`\``,
      },
    },
  },
  args: { transcript: excerpt },
  render: () => <SiteVideo />,
} satisfies Meta<typeof CastlineProvider>

export default meta
type Story = StoryObj<typeof meta>

/** Lines seek the site's video; seeking the video (its own controls) moves the highlight. */
export const SiteVideoElement: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    const video = mediaIn(canvasElement)
    expect(video.tagName).toBe('VIDEO')
    expect(canvasElement.querySelectorAll('audio')).toHaveLength(0)
    await metadataOf(video)
    await step('a click on the fourth line seeks the video', async () => {
      await userEvent.click(canvas.getByText(excerpt.cues[3]!.text))
      await waitFor(() => expect(video.currentTime).toBeCloseTo(excerpt.cues[3]!.start, 1), SLOW)
      await waitFor(() => expect(activeIndex(canvasElement)).toBe(3), SLOW)
    })
    await step("the video's own seek moves the highlight", async () => {
      video.currentTime = excerpt.cues[6]!.start + 0.5
      await waitFor(() => expect(activeIndex(canvasElement)).toBe(6), SLOW)
    })
  },
}
