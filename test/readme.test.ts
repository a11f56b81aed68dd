/**
 * Every ```ts and ```tsx block of the READMEs (the root's and each package's) is a module that
 * type-checks against the packages as written: no name used without being defined, no prop or hook
 * signature that is not the real one. Each block is compiled on its own by the TypeScript compiler API,
 * with the repository's strict options and the packages' sources in place of their builds; shell blocks
 * are not checked. Every stylesheet a block imports is one the package exports.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))
const packages = readdirSync(`${root}packages`).filter((name) =>
  existsSync(`${root}packages/${name}/package.json`),
)

/** The READMEs checked: the root's and every package's that has one. */
const READMES = [
  'README.md',
  ...packages.map((name) => `packages/${name}/README.md`).filter((path) => existsSync(`${root}${path}`)),
]

/** A code block of a README: its language and text, and the README line its first line of code is on. */
interface Block {
  readme: string
  line: number
  lang: 'ts' | 'tsx'
  code: string
}

/** The ```ts / ```tsx (or ```typescript) blocks of a README's text. */
function codeBlocks(readme: string, text: string): Block[] {
  const blocks: Block[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!)
    if (open === null) continue
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l))
    if (end < 0) throw new Error(`${readme}:${i + 1}: a code block that is never closed`)
    const lang = open[1] === 'tsx' ? 'tsx' : open[1] === 'ts' || open[1] === 'typescript' ? 'ts' : null
    if (lang !== null) blocks.push({ readme, line: i + 2, lang, code: lines.slice(i + 1, end).join('\n') })
    i = end
  }
  return blocks
}

/** The repository's compiler options (tsconfig.base.json), with the packages mapped to their sources. */
function compilerOptions(): ts.CompilerOptions {
  const base = ts.readConfigFile(`${root}tsconfig.base.json`, ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, root)
  const paths: Record<string, string[]> = {}
  for (const name of packages) {
    paths[`@castline/${name}`] = [`packages/${name}/src/index.ts`]
    // Subpath entries, and the modules exported as they are (`@castline/dom/locales/de`).
    paths[`@castline/${name}/*`] = [`packages/${name}/src/entry/*.ts`, `packages/${name}/src/*.ts`]
  }
  return { ...options, noEmit: true, types: ['node'], baseUrl: root, paths }
}

/**
 * Type-checks the blocks, each as a module of its own, and returns their errors as `README.md:LINE:
 * message`. The blocks are placed in packages/react (in memory, nothing is written) so that React's
 * types and the optional peers resolve from its node_modules, as in a site that installed them.
 */
function typeCheck(blocks: Block[]): string[] {
  const dir = `${root}packages/react/readme-blocks/`
  const files = new Map<string, Block>()
  blocks.forEach((block, i) => {
    files.set(`${dir}block-${i}.${block.lang}`, block)
  })
  const options = compilerOptions()
  const host = ts.createCompilerHost(options)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f)
  host.readFile = (f) => files.get(f)?.code ?? readFile.call(host, f)
  host.getSourceFile = (f, language, ...rest) => {
    const block = files.get(f)
    return block === undefined
      ? getSourceFile.call(host, f, language, ...rest)
      : ts.createSourceFile(
          f,
          block.code,
          language,
          true,
          block.lang === 'tsx' ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
        )
  }
  const program = ts.createProgram([...files.keys()], options, host)
  const errors: string[] = []
  for (const [file, block] of files) {
    const source = program.getSourceFile(file)!
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]
    for (const d of diagnostics) {
      const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line
      errors.push(
        `${block.readme}:${block.line + at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      )
    }
  }
  return errors
}

const blocks = READMES.flatMap((readme) => codeBlocks(readme, readFileSync(`${root}${readme}`, 'utf8')))

describe('README code blocks', () => {
  test('the root README and each package README have TypeScript examples', () => {
    for (const readme of ['README.md', 'packages/core/README.md', 'packages/react/README.md']) {
      expect(blocks.filter((b) => b.readme === readme).length, readme).toBeGreaterThanOrEqual(2)
    }
  })

  test('every ts/tsx block type-checks as written against the packages', { timeout: 60_000 }, () => {
    expect(typeCheck(blocks)).toEqual([])
  })

  test('names used without being defined are errors (the old "layout of your own" example)', () => {
    const old = [
      '```tsx',
      "import { CastlineProvider, Transcript } from '@castline/react'",
      "import { Waveform } from '@castline/react/waveform'",
      '',
      'export const layout = (',
      '  <CastlineProvider media={audioRef} transcript={t}>',
      '    <Waveform peaks={p} /> <Transcript />',
      '  </CastlineProvider>',
      ')',
      '```',
    ].join('\n')
    const errors = typeCheck(codeBlocks('OLD.md', old))
    expect(errors).toEqual([
      "OLD.md:6: Cannot find name 'audioRef'.",
      "OLD.md:6: Cannot find name 't'.",
      "OLD.md:7: Cannot find name 'p'.",
    ])
  }, 60_000)

  test('every stylesheet a block imports is one its package exports', () => {
    const imported = blocks.flatMap((b) => [
      ...b.code.matchAll(/import '(@castline\/[\w-]+)\/([\w-]+\.css)'/g),
    ])
    expect(imported.length).toBeGreaterThan(0)
    for (const [, name, file] of imported) {
      const manifest = JSON.parse(
        readFileSync(`${root}packages/${name!.slice('@castline/'.length)}/package.json`, 'utf8'),
      ) as { exports: Record<string, unknown> }
      expect(Object.keys(manifest.exports), `${name}/${file}`).toContain(`./${file}`)
    }
  })
})

/** The local files a Markdown text points at: `![alt](path)`, `[text](path)` and `<img src="path">`. */
function localTargets(text: string): string[] {
  const targets = [
    ...[...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!),
  ]
  return targets.filter((t) => !/^[a-z]+:|^#/.test(t)).map((t) => t.split('#')[0]!)
}

describe('README links', () => {
  test('every local image and link of the READMEs is a file in the repository (the screenshots too)', () => {
    const missing: string[] = []
    let images = 0
    for (const readme of READMES) {
      const dir = readme.includes('/') ? readme.slice(0, readme.lastIndexOf('/') + 1) : ''
      for (const target of localTargets(readFileSync(`${root}${readme}`, 'utf8'))) {
        if (target.endsWith('.png')) images++
        if (!existsSync(`${root}${dir}${target}`)) missing.push(`${readme} -> ${target}`)
      }
    }
    expect(missing).toEqual([])
    // The phone, desktop and dark screenshots at least.
    expect(images).toBeGreaterThanOrEqual(3)
  })
})
