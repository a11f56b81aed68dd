import { describe, expect, it } from 'vitest'
import WaveSurfer from 'wavesurfer.js'
import { isWaveformMarkup } from '../src/trusted-types.js'

// The markup wavesurfer really writes into its shadow root, captured from the library itself, so that
// an upgrade that changes it fails here rather than on a strict page.
function wavesurferTemplate(options: { cspNonce?: string; height?: number } = {}): string {
  const descriptor = Object.getOwnPropertyDescriptor(ShadowRoot.prototype, 'innerHTML')!
  let captured: string | null = null
  Object.defineProperty(ShadowRoot.prototype, 'innerHTML', {
    ...descriptor,
    set(value: string) {
      captured ??= value
      descriptor.set!.call(this, value)
    },
  })
  const container = document.createElement('div')
  document.body.append(container)
  try {
    WaveSurfer.create({ container, ...options }).destroy()
  } catch {
    // jsdom draws no canvas; the template was written before that.
  } finally {
    Object.defineProperty(ShadowRoot.prototype, 'innerHTML', descriptor)
    container.remove()
  }
  if (captured === null) throw new Error('wavesurfer wrote no shadow DOM markup')
  return captured
}

describe('isWaveformMarkup', () => {
  it("accepts wavesurfer's own shadow DOM template (with and without a nonce) and the empty string", () => {
    expect(isWaveformMarkup(wavesurferTemplate())).toBe(true)
    expect(isWaveformMarkup(wavesurferTemplate({ cspNonce: 'abc123', height: 64 }))).toBe(true)
    expect(isWaveformMarkup('')).toBe(true)
  })

  it('refuses the template with anything added, and any other markup', () => {
    const template = wavesurferTemplate()
    const hostile = [
      `${template}<img src=x onerror=alert(1)>`,
      `<img src=x onerror=alert(1)>${template}`,
      template.replace('</style>', '</style><script>alert(1)</script>'),
      template.replace(':host {', ':host { background: url(https://evil.example/x.png);'),
      template.replace(':host {', '@import "https://evil.example/x.css"; :host {'),
      template.replace(':host {', ':host { background: u\\rl(x);'),
      template.replace('class="cursor"', 'class="cursor" onclick="alert(1)"'),
      template.replace('<style>', '<style nonce="x" onload="alert(1)">'),
      '<script>alert(1)</script>',
      ' ',
      '<b>hi</b>',
    ]
    for (const html of hostile) expect(isWaveformMarkup(html), html.slice(0, 80)).toBe(false)
  })
})

describe('installWaveformTrustedTypes', () => {
  it('installs one default policy: the waveform markup and what alsoAllow accepts pass, the rest is refused', async () => {
    const { installWaveformTrustedTypes } = await import('../src/trusted-types.js')
    const policies: { name: string; createHTML(input: string): string | null }[] = []
    const factory = {
      defaultPolicy: null as unknown,
      createPolicy(name: string, rules: { createHTML(input: string): string | null }) {
        policies.push({ name, ...rules })
        factory.defaultPolicy = rules
        return rules
      },
    }
    const g = globalThis as { trustedTypes?: unknown }
    g.trustedTypes = factory
    try {
      expect(installWaveformTrustedTypes({ alsoAllow: (html) => html === '<svg id="mine"></svg>' })).toBe(
        'installed',
      )
      expect(installWaveformTrustedTypes()).toBe('existing')
      expect(policies.map((p) => p.name)).toEqual(['default'])
      const { createHTML } = policies[0]!
      const template = wavesurferTemplate()
      expect(createHTML(template)).toBe(template)
      expect(createHTML('')).toBe('')
      expect(createHTML('<svg id="mine"></svg>')).toBe('<svg id="mine"></svg>')
      expect(createHTML('<svg id="mine"></svg><img src=x onerror=alert(1)>')).toBeNull()
      expect(createHTML('<b>hi</b>')).toBeNull()
    } finally {
      delete g.trustedTypes
    }
  })
})
