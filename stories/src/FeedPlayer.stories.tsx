import { FeedPlayer } from '@castline/react/player'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { mediaIn, SLOW } from './play-helpers.js'
import { sampleFile } from './sample.js'

/** The sample feed's episode GUID (apps/demo/scripts/make-feed.ts). */
const GUID = 'talkpython-514-python-language-summit-2025'

const meta = {
  title: 'Components/FeedPlayer',
  component: FeedPlayer,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `The whole player loaded from a podcast's RSS feed: the episode's audio (its enclosure), title,
artwork, transcript (the next one when one fails), chapters, people and soundbites ("Highlights", buttons
that seek). \`TranscriptPlayer\`'s props given as well win over the feed's.

\`\`\`tsx
import { FeedPlayer } from '@castline/react/player'

<FeedPlayer feed="https://example.com/feed.xml" episode="the-episode-guid" />
\`\`\``,
      },
    },
  },
} satisfies Meta<typeof FeedPlayer>

export default meta
type Story = StoryObj<typeof meta>

/** The demo's sample feed (feed.xml): the JSON transcript with speaker labels, chapters, two highlights. */
export const FromFeed: Story = {
  args: {
    feed: sampleFile('feed.xml'),
    episode: GUID,
    peaks: sampleFile('peaks.json'),
    deepLink: false,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const region = await canvas.findByRole('region', { name: 'Python Language Summit 2025' }, SLOW)
    await waitFor(
      () =>
        expect(region.querySelector('.castline-transcript')?.textContent ?? '').toContain(
          'Every year, the core developers',
        ),
      SLOW,
    )
    expect(mediaIn(canvasElement).getAttribute('src')).toMatch(/episode\.mp3$/)
    expect(await canvas.findByRole('heading', { name: 'Introduction' }, SLOW)).toBeVisible()
    const highlights = within(canvas.getByRole('list', { name: 'Highlights' })).getAllByRole('button')
    expect(highlights.map((b) => b.textContent)).toEqual([
      '9:54 Free-threading was a big part of the Language Summit',
      '39:45 The state of free-threaded Python',
    ])
    await userEvent.click(highlights[0]!)
    await waitFor(() => expect(mediaIn(canvasElement).currentTime).toBe(594), SLOW)
  },
}

/** A GUID the feed does not have: the plain message, no player. */
export const UnknownEpisode: Story = {
  args: { feed: sampleFile('feed.xml'), episode: 'no-such-episode' },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', undefined, SLOW)
    expect(alert).toHaveTextContent(
      'The feed has no episode with the GUID "no-such-episode" (it lists 1 episode).',
    )
  },
}

/** A feed the server does not have (404): the plain message. */
export const MissingFeed: Story = {
  args: { feed: sampleFile('no-such-feed.xml'), episode: GUID },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', undefined, SLOW)
    expect(alert).toHaveTextContent(/could not be loaded: the server answered 404\.$/)
  },
}
