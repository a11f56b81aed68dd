import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'

/**
 * The visual regression tests' image comparison (visual.e2e.test.ts): a screenshot against its committed
 * baseline, pixel by pixel with pixelmatch. Node only (no browser, no demo), so that
 * visual-compare.e2e.test.ts can show it failing on generated images.
 */

/**
 * pixelmatch's per-pixel threshold (0 to 1, in its YIQ colour distance): a pixel differs when its colour
 * moved more than this. 0.1 is pixelmatch's default and Playwright's `toHaveScreenshot`'s (0.2) halved:
 * a changed colour or moved edge does not pass. Anti-aliased pixels are compared like any other.
 */
export const PIXEL_THRESHOLD = 0.1

/**
 * The share of a screenshot's pixels that may differ (beyond `PIXEL_THRESHOLD`) and still pass: 0.01 %,
 * 32 pixels of a 390x844 phone, 102 of a 1280x800 desktop: about one short word of transcript text.
 * Measured run-to-run noise of the states is 0 pixels (docs/visual.md): this is headroom, not noise.
 */
export const MAX_DIFF_SHARE = 0.0001

/** What one comparison found. */
export interface Comparison {
  /** Pixels beyond the threshold (all of them when the sizes differ). */
  differing: number
  /** `differing` as a share of the baseline's pixels. */
  share: number
  /** Whether the sizes match and `share` is at most the allowed share. */
  pass: boolean
  /** Why not: the sizes, or the share and the allowed share; '' when it passes. */
  reason: string
  /** The difference drawn by pixelmatch (differing pixels red over a faded copy), null when the sizes differ. */
  diff: PNG | null
}

/** "0.125 %": a share as the failure messages and docs/visual.md write it. */
export function percent(share: number): string {
  return `${Number((share * 100).toFixed(3))} %`
}

/** Compares two PNG files' bytes (`maxShare` and `threshold` default to the suite's). */
export function comparePngs(
  expected: Buffer,
  actual: Buffer,
  { maxShare = MAX_DIFF_SHARE, threshold = PIXEL_THRESHOLD } = {},
): Comparison {
  const a = PNG.sync.read(expected)
  const b = PNG.sync.read(actual)
  const pixels = a.width * a.height
  if (a.width !== b.width || a.height !== b.height) {
    return {
      differing: pixels,
      share: 1,
      pass: false,
      reason: `the sizes differ: ${b.width}x${b.height} taken, ${a.width}x${a.height} in the baseline`,
      diff: null,
    }
  }
  const diff = new PNG({ width: a.width, height: a.height })
  // Anti-aliased pixels count too: pixelmatch skips them by default, and then a thin icon swapped for
  // another (the skip buttons' "15" and "30" trading places) differed by under 100 pixels.
  const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold, includeAA: true })
  const share = pixels === 0 ? 0 : differing / pixels
  const pass = share <= maxShare
  const reason = pass
    ? ''
    : `${percent(share)} of the pixels differ (${differing} of ${pixels}; at most ${percent(maxShare)} may)`
  return { differing, share, pass, reason, diff }
}

/** Where a state's baseline and, on a mismatch, its actual and diff images go. */
export interface BaselineFiles {
  /** The committed baseline (docs/visual/<name>.png). */
  baseline: string
  /** Gitignored folder for the actual screenshot and the diff (e2e/__artifacts__/visual/). */
  artifacts: string
}

/**
 * Checks `actual` (PNG bytes of the state `name`) against its baseline. Updating (`update`), it writes the
 * baseline when there is none or it differs beyond the tolerance, and passes (a baseline within the
 * tolerance is kept, so that an update changes only the images that changed). Otherwise a missing
 * baseline fails, and so does a mismatch beyond the tolerance, after writing `<name>.actual.png` and
 * `<name>.diff.png` to the artifacts folder: the error names the state, the share of differing pixels and
 * the files. Returns the comparison (null when a baseline was written).
 */
export async function matchBaseline(
  name: string,
  actual: Buffer,
  files: BaselineFiles,
  update: boolean,
): Promise<Comparison | null> {
  if (update) {
    if (existsSync(files.baseline)) {
      const kept = comparePngs(await readFile(files.baseline), actual)
      if (kept.pass) return kept
    }
    await mkdir(dirname(files.baseline), { recursive: true })
    // Chromium's PNG as it is: its encoder packs screenshots tighter than pngjs at zlib level 9.
    await writeFile(files.baseline, actual)
    return null
  }
  const actualFile = join(files.artifacts, `${name}.actual.png`)
  if (!existsSync(files.baseline)) {
    await mkdir(files.artifacts, { recursive: true })
    await writeFile(actualFile, actual)
    throw new Error(
      `Visual state "${name}" has no baseline (${files.baseline}); the screenshot taken is ${actualFile}. ` +
        `Run ${UPDATE_COMMAND} to write the baselines.`,
    )
  }
  const result = comparePngs(await readFile(files.baseline), actual)
  if (result.pass) return result
  await mkdir(files.artifacts, { recursive: true })
  await writeFile(actualFile, actual)
  const diffFile = join(files.artifacts, `${name}.diff.png`)
  if (result.diff !== null) await writeFile(diffFile, PNG.sync.write(result.diff))
  throw new Error(
    `Visual state "${name}" differs from its baseline: ${result.reason}. ` +
      `Baseline ${files.baseline}, actual ${actualFile}` +
      (result.diff === null ? '.' : `, diff ${diffFile}.`) +
      ` If the change is intended, run ${UPDATE_COMMAND}.`,
  )
}

/** The command that writes the baselines and docs/visual.md anew. */
export const UPDATE_COMMAND =
  'CASTLINE_UPDATE_SCREENSHOTS=1 npx vitest run --project e2e apps/demo/e2e/visual.e2e.test.ts'
