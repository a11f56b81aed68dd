import { expect, test } from 'vitest'
import { render } from 'vitest-browser-react'

test('renders in real chromium', async () => {
  const screen = await render(<p>hello</p>)
  await expect.element(screen.getByText('hello')).toBeVisible()
  expect(navigator.userAgent).toContain('Chrome')
})
