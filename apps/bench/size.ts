/**
 * Bundle size: each library's own code bundled with esbuild (ESM, minified, production), its peers left
 * out, gzipped by zlib at level 9. Castline's packages next to the peers, measured the same way: the
 * root entry of each package (which the issue's budget is for), every subpath entry on its own, and all
 * of a package's entries together (see docs/ARCHITECTURE.md, "Entry points and bundle size").
 *
 *   pnpm --filter @castline/bench size            prints the table
 *   pnpm --filter @castline/bench size --check    also fails when a row is over its CI limit (`npm test`)
 *   pnpm --filter @castline/bench size --json F   also writes the figures for docs/benchmarks.md
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))
const source = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url))

/** What is bundled: entry modules, and what counts as someone else's code. */
interface Entry {
  name: string
  /** Modules to bundle together (paths, or package names resolved from this folder), all their exports. */
  entries: string[]
  /** What a site imports from `entries`, when it is some of their exports and not all (`export { A } from '0'`). */
  picks?: Record<number, string[]>
  /** Imports left out: peer dependencies, and the other packages measured on their own rows. */
  external: string[]
  /**
   * The issue's budget in bytes, minified + gzipped: for the root entry of each Castline package, which
   * is what every site that uses the package loads.
   */
  budget?: number
  /** Packages that must not be in the bundle (checked by `--check`): no React in the custom elements. */
  forbid?: string[]
  /**
   * What `--check` fails above, in bytes: a growth fence a little (about 2-4%) above the size last
   * measured, on every row, so that no entry can grow unnoticed; never above the budget where there is one.
   */
  limit?: number
}

const REACT = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client']
/** The virtualizer (its row below bundles virtual-core into the React adapter), left out of ours as wavesurfer.js is. */
const VIRTUALIZER = ['@tanstack/react-virtual', '@tanstack/virtual-core']
const REACT_PEERS = [...REACT, 'wavesurfer.js', ...VIRTUALIZER]

/** The subpath entries of each package (package.json `exports`), in src/entry/NAME.ts. */
const CORE_SUBPATHS = ['formats', 'vtt', 'srt', 'json', 'html', 'text', 'peaks', 'feed', 'chapters', 'links']
const REACT_SUBPATHS = ['waveform', 'controls', 'player', 'provider']

const core = (sub?: string) => source(sub === undefined ? 'core/src/index.ts' : `core/src/entry/${sub}.ts`)
const react = (sub?: string) => source(sub === undefined ? 'react/src/index.ts' : `react/src/entry/${sub}.ts`)
const dom = () => source('dom/src/index.ts')
const element = () => source('element/src/index.ts')
/** The packages a react row leaves out: each has rows of its own. */
const CASTLINE_BELOW_REACT = ['@castline/core', '@castline/dom']

/** Limits of the subpath rows, in bytes (see `Entry.limit`). */
const CORE_LIMITS: Record<string, number> = {
  formats: 23_500,
  vtt: 10_250,
  srt: 10_000,
  json: 7_650,
  html: 7_100,
  text: 6_300,
  peaks: 1_950,
  // Counts loadTranscript's readers (the formats entry); readFeed alone is tree-shaken to a few kB.
  feed: 24_500,
  // The WebVTT chapter reader is the transcript reader's spec parse and cue-text reader (entity table included).
  chapters: 10_000,
  links: 2_950,
}
const REACT_LIMITS: Record<string, number> = {
  waveform: 3_400,
  controls: 3_850,
  player: 15_400,
  provider: 4_000,
}

/**
 * 1 kB = 1,000 bytes, as size-limit counts. A subpath row counts everything that entry loads, including
 * the code it shares with the package's root entry (`@castline/core/vtt` alone is what a WebVTT-only
 * site pays for transcripts); "all entries" bundles every entry of the package together, shared code once.
 */
export const ENTRIES: Entry[] = [
  { name: '@castline/core', entries: [core()], external: [], budget: 8_000, limit: 6_800 },
  ...CORE_SUBPATHS.map(
    (sub): Entry => ({
      name: `@castline/core/${sub}`,
      entries: [core(sub)],
      external: [],
      ...(CORE_LIMITS[sub] === undefined ? {} : { limit: CORE_LIMITS[sub] }),
    }),
  ),
  {
    name: '@castline/core (all entries)',
    entries: [core(), ...CORE_SUBPATHS.map(core)],
    external: [],
    limit: 37_500,
  },
  // A WebVTT-only player: the root entry and one format.
  { name: '@castline/core + core/vtt', entries: [core(), core('vtt')], external: [], limit: 15_900 },
  // wavesurfer.js is a peer that WaveformView imports dynamically: a bundler puts it in a chunk of its own,
  // loaded only when a waveform is shown, so the row leaves it out as the react rows do; TranscriptView's
  // virtualizer is left out as the react rows leave out theirs.
  {
    name: '@castline/dom',
    entries: [dom()],
    external: ['@castline/core', 'wavesurfer.js', '@tanstack/virtual-core'],
    // The UI's English labels and the locale formatter (labels.ts) came in with issue 18's locales.
    limit: 22_350,
  },
  {
    name: '@castline/react',
    entries: [react()],
    external: [...REACT_PEERS, ...CASTLINE_BELOW_REACT],
    budget: 12_000,
    limit: 10_250,
  },
  ...REACT_SUBPATHS.map(
    (sub): Entry => ({
      name: `@castline/react/${sub}`,
      entries: [react(sub)],
      external: [...REACT_PEERS, ...CASTLINE_BELOW_REACT],
      ...(REACT_LIMITS[sub] === undefined ? {} : { limit: REACT_LIMITS[sub] }),
    }),
  ),
  {
    name: '@castline/react (all entries)',
    entries: [react(), ...REACT_SUBPATHS.map(react)],
    external: [...REACT_PEERS, ...CASTLINE_BELOW_REACT],
    limit: 16_200,
  },
  // Every react entry with the parts of dom and core it imports bundled in (what a site using all of it loads).
  {
    name: '@castline/react (all entries) + its core',
    entries: [react(), ...REACT_SUBPATHS.map(react)],
    external: REACT_PEERS,
    limit: 72_150,
  },
  // The script-tag bundle (dist/castline.js): the elements with everything they use from dom, core (every
  // reader) and virtual-core, and their CSS; wavesurfer.js is its own chunk, loaded when a waveform is shown.
  {
    name: '@castline/element castline.js (all in)',
    entries: [element()],
    external: ['wavesurfer.js'],
    forbid: ['react', 'react-dom', '@castline/react'],
    budget: 30_000,
    // With the English labels, the German and Arabic locales the `lang` attribute picks from, and the two layouts.
    limit: 93_900,
  },
  // A transcript page (provider, transcript, search) with its core and dom: a site that reads only WebVTT
  // (react/provider with parseVtt) against one that passes text in any format to the root's provider.
  // The first leaves out @castline/core/formats, which its provider imports dynamically only when given
  // no parser (a chunk of its own, as wavesurfer.js is); core/vtt is the built package, as react imports it.
  // Both leave out @castline/core/chapters: @castline/dom imports the chapter readers only when a chapters
  // URL is loaded (a chunk of its own); a page without chapters never loads it.
  {
    name: '@castline/react page, WebVTT only (react/provider + core/vtt)',
    entries: [react(), react('provider'), '@castline/core/vtt'],
    picks: { 0: ['Transcript', 'TranscriptSearch'], 1: ['CastlineProvider'], 2: ['parseVtt'] },
    external: [...REACT_PEERS, '@castline/core/formats', '@castline/core/chapters'],
    limit: 37_500,
  },
  {
    name: '@castline/react page, every format (root provider)',
    entries: [react()],
    picks: { 0: ['CastlineProvider', 'Transcript', 'TranscriptSearch'] },
    external: [...REACT_PEERS, '@castline/core/chapters'],
    limit: 49_600,
  },
  { name: 'hyperaudio-lite', entries: ['hyperaudio-lite'], external: [] },
  { name: 'wavesurfer.js', entries: ['wavesurfer.js'], external: [] },
  { name: '@tanstack/react-virtual', entries: ['@tanstack/react-virtual'], external: REACT },
]

/** One measured bundle. */
export interface SizeResult {
  name: string
  version: string
  minified: number
  gzip: number
  budget: number | null
  limit: number | null
  /** Forbidden packages found in the bundle. */
  forbidden: string[]
}

function versionOf(entry: Entry): string {
  const name = entry.name.split(' ')[0]!.split('/').slice(0, 2).join('/')
  const file = name.startsWith('@castline/')
    ? source(`${name.slice('@castline/'.length)}/package.json`)
    : `${here}node_modules/${name}/package.json`
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

/** Bundles one row's entries (all their exports) and returns the minified and gzipped sizes in bytes. */
export async function measureSize(entry: Entry): Promise<SizeResult> {
  const result = await build({
    stdin: {
      contents: entry.entries
        .map((e, i) => {
          const names = entry.picks?.[i]
          return `export ${names === undefined ? '*' : `{ ${names.join(', ')} }`} from ${JSON.stringify(e)}\n`
        })
        .join(''),
      resolveDir: here,
      loader: 'ts',
    },
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
    metafile: true,
  })
  const code = result.outputFiles[0]!.contents
  const inputs = Object.keys(result.metafile.inputs)
  const forbidden = (entry.forbid ?? []).filter((name) =>
    inputs.some((path) =>
      name.startsWith('@castline/')
        ? path.includes(`packages/${name.slice('@castline/'.length)}/`)
        : path.includes(`node_modules/${name}/`),
    ),
  )
  return {
    name: entry.name,
    version: versionOf(entry),
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    budget: entry.budget ?? null,
    limit: entry.limit ?? entry.budget ?? null,
    forbidden,
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`

/** The sizes as a Markdown table. */
export function sizeTable(rows: SizeResult[]): string {
  const out = [
    '| entry | version | minified | min + gzip | budget (issue 6) | CI limit |',
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
  const tainted = rows.filter((r) => r.forbidden.length > 0)
  if (process.argv.includes('--check') && (over.length > 0 || tainted.length > 0)) {
    for (const r of over)
      console.error(`${r.name} is ${kB(r.gzip)} minified + gzipped, over its limit of ${kB(r.limit!)}`)
    for (const r of tainted) console.error(`${r.name} bundles ${r.forbidden.join(', ')}`)
    process.exit(1)
  }
}
