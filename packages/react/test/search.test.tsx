import { createManualSource } from '@castline/core'
import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { CastlineProvider } from '../src/context.js'
import { useCastline } from '../src/hooks.js'
import { matchCountText, TranscriptSearch } from '../src/search.js'
import { Transcript } from '../src/transcript.js'
import { generateTranscript, lineTop, listMounted, mockLayout, settled } from './helpers.js'

let restore: () => void
beforeEach(() => {
  restore = mockLayout({ viewport: 400, row: 40 })
})
afterEach(() => restore())

// "needle" on every 50th line: 20 matches in 1000 lines, one of them twice ("needle needle").
const transcript = generateTranscript(1000, {
  text: (i) =>
    i === 500
      ? 'a Needle and another néedle here'
      : i % 50 === 0
        ? `line ${i} has a needle in it`
        : `line ${i} is hay`,
})

function FocusButton() {
  const { focusSearch } = useCastline()
  return (
    <button type="button" onClick={() => focusSearch()}>
      focus search
    </button>
  )
}

async function setup() {
  const source = createManualSource({ duration: 2000 })
  render(
    <CastlineProvider transcript={transcript} source={source}>
      <FocusButton />
      <TranscriptSearch />
      <Transcript />
    </CastlineProvider>,
  )
  const input = screen.getByRole('searchbox', { name: 'Search transcript' })
  const viewport = document.querySelector<HTMLElement>('.castline-transcript__viewport')!
  await settled()
  await listMounted()
  return { source, input, viewport }
}

const row = (index: number) => document.querySelector<HTMLElement>(`.castline-line[data-index="${index}"]`)
const count = () => screen.getByRole('status')
const jumpButton = () => screen.queryByRole('button', { name: /Jump to current line/ })

test('matchCountText', async () => {
  expect(matchCountText('', -1, 0)).toBe('')
  expect(matchCountText('x', -1, 0)).toBe('No matches')
  expect(matchCountText('x', 2, 17)).toBe('3 of 17')
})

describe('TranscriptSearch', () => {
  test('shows "n of total" from the spoken line on, highlights matches as <mark>, scrolls there and detaches', async () => {
    const user = userEvent.setup({ delay: null })
    const { source, input, viewport } = await setup()
    await act(async () => source.setTime(2 * 120 + 1)) // line 120: the first match at or after it is line 150
    await user.type(input, 'needle')
    expect(count()).toHaveTextContent('4 of 21')
    expect(row(150)).not.toBeNull()
    const marks = row(150)!.querySelectorAll('mark')
    expect([...marks].map((m) => m.textContent)).toEqual(['needle'])
    expect(marks[0]).toHaveClass('castline-match--current')
    expect(lineTop(row(150)!)).toBeGreaterThanOrEqual(viewport.scrollTop)
    expect(lineTop(row(150)!)).toBeLessThan(viewport.scrollTop + 400)
    expect(jumpButton()).not.toBeNull()
  })

  test('accent- and case-insensitive, several matches in one line, Enter / Shift+Enter and buttons step and wrap', async () => {
    const user = userEvent.setup({ delay: null })
    const { input } = await setup()
    await user.type(input, 'needle')
    expect(count()).toHaveTextContent('1 of 21')
    for (let i = 0; i < 10; i++) await user.keyboard('{Enter}')
    expect(count()).toHaveTextContent('11 of 21')
    expect([...row(500)!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Needle', 'néedle'])
    expect(row(500)!.querySelector('.castline-match--current')).toHaveTextContent('Needle')
    await user.keyboard('{Enter}')
    expect(row(500)!.querySelector('.castline-match--current')).toHaveTextContent('néedle')
    await user.keyboard('{Shift>}{Enter}{/Shift}')
    expect(count()).toHaveTextContent('11 of 21')
    await user.click(screen.getByRole('button', { name: 'Previous match' }))
    expect(count()).toHaveTextContent('10 of 21')
    await user.click(screen.getByRole('button', { name: 'Next match' }))
    expect(count()).toHaveTextContent('11 of 21')
    // Wraps at both ends.
    await user.clear(input)
    await user.type(input, 'needle')
    await user.keyboard('{Shift>}{Enter}{/Shift}')
    expect(count()).toHaveTextContent('21 of 21')
    await user.keyboard('{Enter}')
    expect(count()).toHaveTextContent('1 of 21')
  }, 20_000)

  test('"No matches", disabled buttons, and Escape clears highlights', async () => {
    const user = userEvent.setup({ delay: null })
    const { input } = await setup()
    await user.type(input, 'zebra')
    expect(count()).toHaveTextContent('No matches')
    expect(screen.getByRole('button', { name: 'Next match' })).toBeDisabled()
    await user.clear(input)
    await user.type(input, 'line 1 ')
    expect(document.querySelectorAll('mark').length).toBeGreaterThan(0)
    await user.keyboard('{Escape}')
    expect(input).toHaveValue('')
    expect(count()).toHaveTextContent('')
    expect(document.querySelectorAll('mark')).toHaveLength(0)
  })

  test('search text is matched and highlighted as text, not markup', async () => {
    const user = userEvent.setup({ delay: null })
    const { input } = await setup()
    await user.type(input, '<b>')
    expect(count()).toHaveTextContent('No matches')
    expect(document.querySelector('.castline-transcript b')).toBeNull()
  })

  test('focusSearch() focuses the field (the player\'s "/" shortcut)', async () => {
    const user = userEvent.setup({ delay: null })
    const { input } = await setup()
    await user.click(screen.getByRole('button', { name: 'focus search' }))
    expect(document.activeElement).toBe(input)
  })
})
