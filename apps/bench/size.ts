/**
 * Bundle size: each library's own code bundled with esbuild (ESM, minified, production), its peers left
 * out, gzipped by zlib at level 9. Castline's packages next to the peers, measured the same way.
 *
 *   pnpm --filter @castline/bench size            prints the table
 *   pnpm --filter @castline/bench size --check    also fails when a budget is exceeded (run by `npm test`)
 *   pnpm --filter @castline/bench size --json F   also writes the figures for docs/benchmarks.md
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))
const source = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url))

/** What is bundled: an entry module, and what counts as someone else's code. */
interface Entry {
  name: string
  /** Module to bundle (a path or a package name resolved from this folder). */
  entry: string
  /** Imports left out: peer dependencies, and the other packages measured on their own rows. */
  external: string[]
  /** The budget in bytes, minified + gzipped; only Castline's own packages have one. */
  budget?: number
  /**
   * What `--check` fails above, in bytes: the budget once it is met; until then the size last measured plus
   * about 2%, so that the package cannot grow further unnoticed while the budget is still missed. (React's
   * was raised from 14.55 to 14.90 kB when the Trusted Types policy, 0.35 kB, joined the package.)
   */
  limit?: number
}

const REACT = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client']

/** 1 kB = 1,000 bytes, as size-limit counts. */
export const ENTRIES: Entry[] = [
  { name: '@castline/core', entry: source('core/src/index.ts'), external: [], budget: 8_000, limit: 24_600 },
  {
    name: '@castline/react',
    entry: source('react/src/index.ts'),
    external: [...REACT, 'wavesurfer.js', '@tanstack/react-virtual', '@castline/core'],
    budget: 12_000,
    limit: 14_900,
  },
  {
    name: '@castline/react + core',
    entry: source('react/src/index.ts'),
    external: [...REACT, 'wavesurfer.js', '@tanstack/react-virtual'],
  },
  { name: 'hyperaudio-lite', entry: 'hyperaudio-lite', external: [] },
  { name: 'wavesurfer.js', entry: 'wavesurfer.js', external: [] },
  { name: '@tanstack/react-virtual', entry: '@tanstack/react-virtual', external: REACT },
]

/** One measured bundle. */
export interface SizeResult {
  name: string
  version: string
  minified: number
  gzip: number
  budget: number | null
  limit: number | null
}

function versionOf(entry: Entry): string {
  const name = entry.name.split(' ')[0]!
  const file = name.startsWith('@castline/')
    ? source(`${name.slice('@castline/'.length)}/package.json`)
    : `${here}node_modules/${name}/package.json`
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

/** Bundles one entry and returns its minified and gzipped sizes in bytes. */
export async function measureSize(entry: Entry): Promise<SizeResult> {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry.entry)}`, resolveDir: here, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: entry.external,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]!.contents
  return {
    name: entry.name,
    version: versionOf(entry),
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    budget: entry.budget ?? null,
    limit: entry.limit ?? entry.budget ?? null,
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`

/** The sizes as a Markdown table. */
export function sizeTable(rows: SizeResult[]): string {
  const out = [
    '| package | version | minified | min + gzip | budget (issue 6) | CI limit |',
    '|---|---|---:|---:|---:|---:|',
  ]
  for (const r of rows) {
    const budget = r.budget === null ? '-' : `${kB(r.budget)} ${r.gzip <= r.budget ? 'met' : '**missed**'}`
    const limit = r.limit === null ? '-' : kB(r.limit)
    out.push(`| ${r.name} | ${r.version} | ${kB(r.minified)} | ${kB(r.gzip)} | ${budget} | ${limit} |`)
  }
  return out.join('\n')
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows: SizeResult[] = []
  for (const entry of ENTRIES) rows.push(await measureSize(entry))
  console.log(sizeTable(rows))
  const jsonAt = process.argv.indexOf('--json')
  const file = jsonAt === -1 ? undefined : process.argv[jsonAt + 1]
  if (file !== undefined) writeFileSync(file, JSON.stringify(rows, null, 2))
  for (const r of rows) {
    if (r.budget !== null && r.gzip > r.budget)
      console.warn(`${r.name}: ${kB(r.gzip)} misses the issue's budget of ${kB(r.budget)}`)
  }
  const over = rows.filter((r) => r.limit !== null && r.gzip > r.limit)
  if (process.argv.includes('--check') && over.length > 0) {
    for (const r of over)
      console.error(`${r.name} is ${kB(r.gzip)} minified + gzipped, over its limit of ${kB(r.limit!)}`)
    process.exit(1)
  }
}
