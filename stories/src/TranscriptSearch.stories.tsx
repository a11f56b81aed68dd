import { searchTranscript } from '@castline/core'
import { CastlineProvider, Transcript, TranscriptSearch } from '@castline/react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { inView, mediaIn, metadataOf, SLOW, viewportIn } from './play-helpers.js'
import { EPISODE, episode, sampleFile } from './sample.js'

const meta = {
  title: 'Components/TranscriptSearch',
  component: TranscriptSearch,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: `Search over the whole transcript model: a virtualized list keeps most lines out of the DOM, where
the browser's find-in-page cannot see them. Typing moves to the first match at or after the spoken line; Enter
and Shift+Enter (or the arrow buttons) step through the matches, scrolling the list to each; Escape clears.
Put it anywhere inside the same \`<CastlineProvider>\` as the \`<Transcript>\`:

\`\`\`tsx
<CastlineProvider src={audio} transcript={transcript}>
  <TranscriptSearch placeholder="Search this episode" />
  <Transcript />
</CastlineProvider>
\`\`\``,
      },
    },
  },
  render: (args) => (
    <CastlineProvider
      src={sampleFile('episode.mp3')}
      transcript={episode}
      duration={EPISODE.duration}
      deepLink={false}
    >
      <TranscriptSearch {...args} />
      <Transcript />
    </CastlineProvider>
  ),
} satisfies Meta<typeof TranscriptSearch>

export default meta
type Story = StoryObj<typeof meta>

const status = (root: HTMLElement) => within(root).getByRole('status')
const currentMatch = (root: HTMLElement) => root.querySelector<HTMLElement>('.castline-match--current')

/** "Python" is said all through the episode: step through the matches with Enter, Shift+Enter and the buttons. */
export const ManyHits: Story = {
  args: { placeholder: 'Search this episode' },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    await metadataOf(mediaIn(canvasElement))
    const viewport = viewportIn(canvasElement)
    const matches = searchTranscript(episode, 'python')
    expect(matches.length).toBeGreaterThan(20)
    const total = matches.length
    const expectAt = async (n: number) => {
      await waitFor(() => expect(status(canvasElement)).toHaveTextContent(`${n + 1} of ${total}`), SLOW)
      await waitFor(() => {
        const mark = currentMatch(canvasElement)
        expect(mark?.closest('.castline-line')).toHaveAttribute('data-index', String(matches[n]!.cue))
        expect(inView(mark!, viewport)).toBe(true)
      }, SLOW)
      expect(currentMatch(canvasElement)!.textContent?.toLowerCase()).toBe('python')
    }
    const search = canvas.getByRole('searchbox', { name: 'Search transcript' })
    await step('typing finds every match and shows the first', async () => {
      await userEvent.type(search, 'python')
      await expectAt(0)
    })
    await step('Enter goes to the next match, Shift+Enter back', async () => {
      await userEvent.keyboard('{Enter}{Enter}')
      await expectAt(2)
      await userEvent.keyboard('{Shift>}{Enter}{/Shift}')
      await expectAt(1)
    })
    await step('"Previous match" from the first wraps round to the last, far down the list', async () => {
      await userEvent.keyboard('{Shift>}{Enter}{/Shift}')
      await expectAt(0)
      await userEvent.click(canvas.getByRole('button', { name: 'Previous match' }))
      await expectAt(total - 1)
      await userEvent.click(canvas.getByRole('button', { name: 'Next match' }))
      await expectAt(0)
    })
    await step('stepping through matches detached the list; Escape clears', async () => {
      expect(canvas.getByRole('button', { name: /Jump to current line/ })).toBeVisible()
      search.focus()
      await userEvent.keyboard('{Escape}')
      expect(search).toHaveValue('')
      await waitFor(() => expect(canvasElement.querySelector('.castline-match')).toBeNull(), SLOW)
      expect(status(canvasElement)).toHaveTextContent('')
    })
  },
}

/** Nothing matches: the count says so and the buttons are disabled. */
export const NoHits: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const query = 'xylophone'
    expect(searchTranscript(episode, query)).toHaveLength(0)
    // Pasted at once: typed letter by letter, its first letters would match (and move the list) on the way.
    canvas.getByRole('searchbox').focus()
    await userEvent.paste(query)
    await waitFor(() => expect(status(canvasElement)).toHaveTextContent('No matches'), SLOW)
    expect(canvas.getByRole('button', { name: 'Previous match' })).toBeDisabled()
    expect(canvas.getByRole('button', { name: 'Next match' })).toBeDisabled()
    await userEvent.keyboard('{Enter}')
    expect(canvasElement.querySelector('.castline-match')).toBeNull()
    // Nothing to reveal: the list was not moved, and still follows the audio.
    expect(canvas.queryByRole('button', { name: /Jump to current line/ })).toBeNull()
  },
}
