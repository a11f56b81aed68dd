// @vitest-environment node
/**
 * The stylesheets a site imports (package.json `exports`): styles.css for every part, transcript.css for
 * the transcript and search alone (the headless route, beside media of the site's own), player.css for
 * the waveform, controls and player layout; both part files bring theme.css. Each file is read with the
 * files it `@import`s, as a bundler or the browser would, each file once.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { SPEAKER_PALETTE } from '@castline/dom'
import { describe, expect, test } from 'vitest'

const packageDir = new URL('../', import.meta.url)
const srcDir = new URL('src/', packageDir)

/** The text of a stylesheet without its comments. */
function css(name: string): string {
  return readFileSync(new URL(name, srcDir), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
}

/** `name` and every file it imports, depth first in import order, each once. */
function closure(name: string, seen: string[] = []): string[] {
  if (seen.includes(name)) return seen
  seen.push(name)
  for (const m of css(name).matchAll(/@import\s+(?:url\()?["']\.\/([\w-]+\.css)["']\)?\s*;/g)) {
    closure(m[1]!, seen)
  }
  return seen
}

/** The selectors of a selector list: split at its commas outside parentheses (`:where(a, b)` is one). */
function splitList(list: string): string[] {
  const out: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < list.length; i++) {
    const c = list[i]
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim())
      start = i + 1
    }
  }
  out.push(list.slice(start).trim())
  return out
}

/** Every selector of every rule in `name` and what it imports (rules inside @media included). */
function selectors(name: string): string[] {
  return closure(name).flatMap((file) =>
    [...css(file).matchAll(/([^{};]+)\{[^{}]*\}/g)].flatMap((m) => splitList(m[1]!)),
  )
}

const PLAYER_PARTS = /\.castline-(player|waveform|controls)\b/
const TRANSCRIPT_PARTS = /\.castline-(transcript|line|word|match|jump|search)\b/

describe('stylesheets per part', () => {
  test('transcript.css brings the theme, the transcript and search, and none of the player rules', () => {
    expect(closure('transcript.css')).toEqual(['transcript.css', 'theme.css'])
    const all = selectors('transcript.css')
    expect(all).toContain('.castline-transcript__viewport')
    expect(all).toContain('.castline-search__input')
    expect(all).toContain('.castline-visually-hidden')
    expect(all).toContain(':where(:root, :host)')
    expect(all.filter((s) => PLAYER_PARTS.test(s))).toEqual([])
    // The player's own custom properties (error colours, the layout gap) are not the transcript's either.
    expect(css('transcript.css') + css('theme.css')).not.toMatch(/--castline-(player-gap|error-)/)
  })

  test('player.css brings the theme, the waveform, controls and layout, and none of the transcript rules', () => {
    expect(closure('player.css')).toEqual(['player.css', 'theme.css'])
    const all = selectors('player.css')
    expect(all).toContain('.castline-waveform')
    expect(all).toContain('.castline-controls__button')
    expect(all).toContain('.castline-player__layout')
    expect(all.filter((s) => TRANSCRIPT_PARTS.test(s))).toEqual([])
  })

  test('styles.css, as documented, brings every part: every rule of every stylesheet in the package', () => {
    const files = readdirSync(srcDir).filter((f) => f.endsWith('.css'))
    expect(closure('styles.css').sort()).toEqual(files.sort())
    const all = new Set(selectors('styles.css'))
    for (const file of files) for (const s of selectors(file)) expect(all).toContain(s)
  })

  test('every stylesheet is exported as ./NAME.css from dist/ (the build copies each one there)', () => {
    const { exports } = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8')) as {
      exports: Record<string, unknown>
    }
    const exported = Object.entries(exports).filter(([key]) => key.endsWith('.css'))
    const files = readdirSync(srcDir).filter((f) => f.endsWith('.css'))
    expect(exported.sort()).toEqual(files.sort().map((f) => [`./${f}`, `./dist/${f}`]))
  })
})

describe('speaker colours', () => {
  const theme = readFileSync(new URL('theme.css', srcDir), 'utf8')
  /** The colours each scheme's palette states once: `--_castline-speaker-<scheme>-N` -> its value. */
  const stated = new Map(
    [...theme.matchAll(/(--_castline-speaker-(?:light|dark)-\d+):\s*(#[0-9a-f]{6});/g)].map((m) => [
      m[1],
      m[2],
    ]),
  )
  /** The `--castline-speaker-N` values of the block that opens with `opening`, in order (palette references resolved). */
  const palette = (opening: string) => {
    const start = theme.indexOf(opening)
    const block = theme.slice(start, theme.indexOf('}', start))
    return [...block.matchAll(/--castline-speaker-(\d+):\s*var\((--_castline-speaker-[a-z]+-\d+)\);/g)].map(
      (m) => stated.get(m[2]!),
    )
  }

  test('declares @castline/dom’s speaker palette in the light and the dark theme, however picked', () => {
    expect(palette(':where(:root, :host) {')).toEqual(SPEAKER_PALETTE.light)
    expect(palette('@media (prefers-color-scheme: dark)')).toEqual(SPEAKER_PALETTE.dark)
    expect(palette(':where(.castline-dark')).toEqual(SPEAKER_PALETTE.dark)
    expect(palette(':where(.castline-light')).toEqual(SPEAKER_PALETTE.light)
  })

  test('the backgrounds the palette was checked against are the theme’s (dom test/speakers.test.ts)', () => {
    const light = theme.slice(theme.indexOf(':where(:root, :host) {'))
    const dark = theme.slice(theme.indexOf(':where(.castline-dark'))
    expect(light).toMatch(/--castline-bg: #ffffff;[\s\S]*?--castline-active-bg: #eaf0fd;/)
    expect(dark).toMatch(/--castline-bg: #16171b;[\s\S]*?--castline-active-bg: #23304d;/)
  })
})

describe('right to left', () => {
  // The element's stylesheet is a string in its source: the same rules, read as text.
  const elementCss = readFileSync(new URL('../element/src/styles.ts', packageDir), 'utf8').replace(
    /\/\*[\s\S]*?\*\//g,
    '',
  )
  const sheets: [string, string][] = [
    ...readdirSync(srcDir)
      .filter((f) => f.endsWith('.css'))
      .map((f): [string, string] => [f, css(f)]),
    ['element styles.ts', elementCss],
  ]
  const PHYSICAL =
    /(?:^|[;{\s])(?:left|right|margin-left|margin-right|padding-left|padding-right|border-left|border-right)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)/

  test('no physical left or right outside the waveform, whose timeline stays left to right, in either renderer', () => {
    for (const [name, text] of sheets) {
      const physical = [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
        .filter(([, selector, body]) => !selector!.includes('castline-waveform') && PHYSICAL.test(body!))
        .map(([, selector]) => `${name}: ${selector!.trim()}`)
      expect(physical).toEqual([])
    }
  })

  test('the waveform and its chapter markers are left to right in both stylesheets', () => {
    for (const text of [css('player.css'), elementCss]) {
      for (const selector of ['.castline-waveform', '.castline-waveform__chapters']) {
        const rule = [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)].find(([, s]) => s!.trim().endsWith(selector))
        expect(rule?.[2], selector).toMatch(/direction:\s*ltr/)
      }
    }
  })
})
