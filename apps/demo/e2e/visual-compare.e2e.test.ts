import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { comparePngs, MAX_DIFF_SHARE, matchBaseline, PIXEL_THRESHOLD } from './visual.js'

// The comparison the visual regression tests rely on, shown failing and passing on generated images:
// 320x320 = 102,400 pixels, so the suite's 0.01 % allows 10 of them to differ.

const SIDE = 320

/** A white `size`x`size` PNG with a black `block`x`block` square at (10, 10). */
function png(size: number, block = 0): Buffer {
  const image = new PNG({ width: size, height: size })
  image.data.fill(255)
  for (let y = 10; y < 10 + block; y++) {
    for (let x = 10; x < 10 + block; x++) {
      const i = (y * size + x) * 4
      image.data[i] = 0
      image.data[i + 1] = 0
      image.data[i + 2] = 0
    }
  }
  return PNG.sync.write(image)
}

describe('comparePngs', () => {
  test('the tolerance is the stated one', () => {
    expect(PIXEL_THRESHOLD).toBe(0.1)
    expect(MAX_DIFF_SHARE).toBe(0.0001)
  })

  test('identical images pass with no differing pixel', () => {
    const result = comparePngs(png(SIDE, 4), png(SIDE, 4))
    expect(result).toMatchObject({ differing: 0, share: 0, pass: true, reason: '' })
  })

  test('a changed block over the tolerance fails, saying how much differs', () => {
    // 4x4 = 16 pixels of 102,400: 0.016 %.
    const result = comparePngs(png(SIDE), png(SIDE, 4))
    expect(result.differing).toBe(16)
    expect(result.pass).toBe(false)
    expect(result.reason).toBe('0.016 % of the pixels differ (16 of 102400; at most 0.01 % may)')
    // The diff image marks exactly those pixels (pixelmatch draws them red).
    const diff = result.diff!
    const red = (x: number, y: number) =>
      diff.data[(y * SIDE + x) * 4] === 255 && diff.data[(y * SIDE + x) * 4 + 1] === 0
    expect(red(10, 10) && red(13, 13)).toBe(true)
    expect(red(14, 14)).toBe(false)
  })

  test('a changed block under the tolerance passes', () => {
    // 3x3 = 9 pixels of 102,400: 0.009 %.
    const result = comparePngs(png(SIDE), png(SIDE, 3))
    expect(result).toMatchObject({ differing: 9, pass: true, reason: '' })
  })

  test('a colour change within the per-pixel threshold is no difference', () => {
    const image = new PNG({ width: SIDE, height: SIDE })
    image.data.fill(255)
    image.data[0] = 250 // one channel of one pixel, 5 of 255 off
    expect(comparePngs(png(SIDE), PNG.sync.write(image)).differing).toBe(0)
  })

  test('another size fails whatever the pixels', () => {
    const result = comparePngs(png(SIDE), png(300))
    expect(result).toMatchObject({ share: 1, pass: false, diff: null })
    expect(result.reason).toBe('the sizes differ: 300x300 taken, 320x320 in the baseline')
  })
})

describe('matchBaseline', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'castline-visual-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const files = () => ({ baseline: join(dir, 'baseline', 'state.png'), artifacts: join(dir, 'artifacts') })

  test('a missing baseline fails and keeps the screenshot taken', async () => {
    await expect(matchBaseline('state', png(SIDE), files(), false)).rejects.toThrow(
      /^Visual state "state" has no baseline .*CASTLINE_UPDATE_SCREENSHOTS=1/,
    )
    expect(existsSync(join(dir, 'artifacts', 'state.actual.png'))).toBe(true)
  })

  test('updating writes the baseline (and only a changed one); the same image then passes and another fails with its files named', async () => {
    await expect(matchBaseline('state', png(SIDE), files(), true)).resolves.toBeNull()
    expect(comparePngs(await readFile(files().baseline), png(SIDE)).differing).toBe(0)

    await expect(matchBaseline('state', png(SIDE), files(), false)).resolves.toMatchObject({ pass: true })
    // Updating keeps a baseline within the tolerance and replaces one beyond it.
    await expect(matchBaseline('state', png(SIDE, 3), files(), true)).resolves.toMatchObject({ differing: 9 })
    expect(comparePngs(await readFile(files().baseline), png(SIDE)).differing).toBe(0)
    await expect(matchBaseline('state', png(SIDE, 4), files(), true)).resolves.toBeNull()
    expect(comparePngs(await readFile(files().baseline), png(SIDE, 4)).differing).toBe(0)
    await expect(matchBaseline('state', png(SIDE), files(), true)).resolves.toBeNull()

    const error = await matchBaseline('state', png(SIDE, 5), files(), false).then(
      () => null,
      (e: Error) => e.message,
    )
    const actual = join(dir, 'artifacts', 'state.actual.png')
    const diff = join(dir, 'artifacts', 'state.diff.png')
    expect(error).toBe(
      `Visual state "state" differs from its baseline: 0.024 % of the pixels differ (25 of 102400; at most 0.01 % may). ` +
        `Baseline ${files().baseline}, actual ${actual}, diff ${diff}. If the change is intended, run ` +
        'CASTLINE_UPDATE_SCREENSHOTS=1 npx vitest run --project e2e apps/demo/e2e/visual.e2e.test.ts.',
    )
    expect(comparePngs(await readFile(actual), png(SIDE, 5)).differing).toBe(0)
    expect(PNG.sync.read(await readFile(diff)).width).toBe(SIDE)
  })
})
