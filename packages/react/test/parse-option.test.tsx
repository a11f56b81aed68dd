import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { formatVtt, parseVtt } from '@castline/core/vtt'
import { render, screen } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, test, vi } from 'vitest'
import { CastlineProvider as LeanProvider } from '../src/entry/provider.js'
import { CastlineProvider, Transcript, useCastline } from '../src/index.js'
import { generateTranscript, settled } from './helpers.js'

// A WebVTT file of ten generated lines, and its lines as parseVtt reads them.
const vtt = formatVtt(generateTranscript(10))
const lines = parseVtt(vtt).cues.map((c) => c.text)

let seen: ReturnType<typeof useCastline> | null = null
function Probe() {
  seen = useCastline()
  return null
}

describe('the provider’s parse option', () => {
  test('CastlineProvider reads a string transcript with the given parser, once per text', async () => {
    const parse = vi.fn(parseVtt)
    const { rerender } = render(
      <CastlineProvider transcript={vtt} parse={parse}>
        <Probe />
      </CastlineProvider>,
    )
    await settled()
    expect(parse).toHaveBeenCalledTimes(1)
    expect(parse.mock.calls[0]![0]).toBe(vtt)
    expect(seen!.transcript!.cues.map((c) => c.text)).toEqual(lines)
    // A new function (an inline parser) does not read the same text again.
    rerender(
      <CastlineProvider transcript={vtt} parse={(s) => parse(s)}>
        <Probe />
      </CastlineProvider>,
    )
    expect(parse).toHaveBeenCalledTimes(1)
  })

  test('the given parser wins over detection, and its error is the load error', async () => {
    // WebVTT text handed to a parser that reads only JSON: the JSON reader's error, not a transcript.
    const parse = vi.fn((source: string) => {
      JSON.parse(source)
      throw new Error('unreachable')
    })
    render(
      <CastlineProvider transcript={vtt} parse={parse}>
        <Transcript />
      </CastlineProvider>,
    )
    expect(parse).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('alert')).toHaveTextContent('The transcript could not be shown.')
  })

  test('the provider of @castline/react/provider reads with parse at once, also on a server', () => {
    const parse = vi.fn(parseVtt)
    const html = renderToString(
      <LeanProvider transcript={vtt} parse={parse}>
        <Transcript />
      </LeanProvider>,
    )
    expect(parse).toHaveBeenCalledTimes(1)
    expect(html).toContain(lines[0]!)
    expect(html).not.toContain('Loading transcript')
  })

  test('without parse it loads the all-formats reader first, then reads the text', async () => {
    render(
      <LeanProvider transcript={vtt}>
        <Transcript />
      </LeanProvider>,
    )
    expect(screen.getByRole('status')).toHaveTextContent('Loading transcript')
    expect(await screen.findByText(lines[0]!)).toBeInTheDocument()
  })

  test('@castline/react/provider imports no all-formats code: its module graph reaches no @castline/core/formats', () => {
    // Walk the entry's static imports in the sources: not `import type` (erased), nor a dynamic import().
    const src = resolve(import.meta.dirname, '../src')
    const seen = new Set<string>()
    const packages = new Set<string>()
    const walk = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const code = readFileSync(join(src, file), 'utf8')
      for (const m of code.matchAll(/^(?:import|export) (type )?[^;]*?from '([^']+)'/gm)) {
        if (m[1] !== undefined) continue
        const spec = m[2]!
        if (!spec.startsWith('.')) packages.add(spec)
        else {
          const base = join(dirname(file), spec.replace(/\.js$/, ''))
          walk(existsSync(join(src, `${base}.ts`)) ? `${base}.ts` : `${base}.tsx`)
        }
      }
    }
    walk('entry/provider.ts')
    expect(seen).toContain('provider.tsx')
    expect(seen).toContain('transcript-load.ts')
    expect(seen).not.toContain('use-transcript-input.ts')
    expect([...packages].filter((p) => p.startsWith('@castline/'))).toEqual([
      '@castline/core',
      '@castline/dom',
    ])
    // The root entry, for contrast, does import it.
    seen.clear()
    packages.clear()
    walk('index.ts')
    expect(packages).toContain('@castline/core/formats')
  })
})
