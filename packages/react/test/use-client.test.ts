// @vitest-environment node
/**
 * Every JavaScript entry of the package (package.json `exports`) is a client module: its source's first
 * statement is the 'use client' directive, which tsc copies to the top of the built file (the packaging
 * test reads the built files in the packed tarball). Without it a Next.js server page that imports
 * `TranscriptPlayer` fails `next build` with "createContext is not a function".
 */
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

const packageDir = new URL('../', import.meta.url)
const manifest = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8')) as {
  exports: Record<string, string | { default: string }>
}

/** The source of each JavaScript entry: `./dist/entry/player.js` is built from `src/entry/player.ts`. */
const entries = Object.entries(manifest.exports).flatMap(([name, target]) => {
  const file = typeof target === 'string' ? target : target.default
  if (!file.endsWith('.js')) return []
  return [{ name, source: file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts') }]
})

/** The string of the file's first statement when it is a directive (an expression of a lone string). */
function firstDirective(path: string): string | null {
  const text = readFileSync(new URL(path, packageDir), 'utf8')
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind)
  const first = file.statements[0]
  if (first === undefined || !ts.isExpressionStatement(first)) return null
  return ts.isStringLiteral(first.expression) ? first.expression.text : null
}

describe("'use client' on every entry", () => {
  test('the package has its seven JavaScript entries', () => {
    expect(entries.map((e) => e.name)).toEqual([
      '.',
      './waveform',
      './controls',
      './player',
      './provider',
      './locales/de',
      './locales/ar',
    ])
  })

  test.each(entries)("$name ($source) begins with 'use client'", ({ source }) => {
    expect(firstDirective(source)).toBe('use client')
  })

  test('a module that is not an entry has no directive, and the check tells it apart', () => {
    expect(firstDirective('src/player.tsx')).toBeNull()
  })
})
