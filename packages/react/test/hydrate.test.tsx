import { createManualSource } from '@castline/core'
import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { CastlineProvider } from '../src/context.js'
import { TranscriptSearch } from '../src/search.js'
import { Transcript } from '../src/transcript.js'
import { generateTranscript, mockLayout } from './helpers.js'

let restore: () => void
beforeEach(() => {
  restore = mockLayout({ viewport: 400, row: 40 })
})
afterEach(() => restore())

test('server HTML hydrates without mismatches, then the list becomes virtual and live', async () => {
  const transcript = generateTranscript(500)
  const app = (source?: ReturnType<typeof createManualSource>) => (
    <CastlineProvider transcript={transcript} source={source}>
      <TranscriptSearch />
      <Transcript />
    </CastlineProvider>
  )
  const html = renderToString(app())
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  expect(container.querySelectorAll('li')).toHaveLength(34) // 30 lines plus overscan
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  const recoverable = vi.fn()
  const source = createManualSource({ duration: 1000 })
  let root: ReturnType<typeof hydrateRoot> | undefined
  await act(async () => {
    root = hydrateRoot(container, app(source), { onRecoverableError: recoverable })
  })
  expect(recoverable).not.toHaveBeenCalled()
  expect(errors).not.toHaveBeenCalled()
  errors.mockRestore()
  // Mounted: rows are positioned by the virtualizer and the line at the source's time is active.
  expect(container.querySelector('[data-static]')).toBeNull()
  expect(container.querySelectorAll('li').length).toBeLessThan(34)
  await act(async () => source.setTime(9))
  expect(container.querySelector('[aria-current="true"]')).toHaveAttribute('aria-posinset', '5')
  await act(async () => root!.unmount())
  container.remove()
})
