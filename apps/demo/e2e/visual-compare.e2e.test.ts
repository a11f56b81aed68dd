import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { comparePngs, MAX_DIFF_SHARE, matchBaseline, PIXEL_THRESHOLD } from './visual.js'

// The comparison the visual regression tests rely on, shown failing and passing on generated images:
// 100x100 = 10,000 pixels, so the suite's 0.1 % allows 10 of them to differ.

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
    expect(MAX_DIFF_SHARE).toBe(0.001)
  })

  test('identical images pass with no differing pixel', () => {
    const result = comparePngs(png(100, 4), png(100, 4))
    expect(result).toMatchObject({ differing: 0, share: 0, pass: true, reason: '' })
  })

  test('a changed block over the tolerance fails, saying how much differs', () => {
    // 4x4 = 16 pixels of 10,000: 0.16 %.
    const result = comparePngs(png(100), png(100, 4))
    expect(result.differing).toBe(16)
    expect(result.pass).toBe(false)
    expect(result.reason).toBe('0.16 % of the pixels differ (16 of 10000; at most 0.1 % may)')
    // The diff image marks exactly those pixels (pixelmatch draws them red).
    const diff = result.diff!
    const red = (x: number, y: number) =>
      diff.data[(y * 100 + x) * 4] === 255 && diff.data[(y * 100 + x) * 4 + 1] === 0
    expect(red(10, 10) && red(13, 13)).toBe(true)
    expect(red(14, 14)).toBe(false)
  })

  test('a changed block under the tolerance passes', () => {
    // 3x3 = 9 pixels of 10,000: 0.09 %.
    const result = comparePngs(png(100), png(100, 3))
    expect(result).toMatchObject({ differing: 9, pass: true, reason: '' })
  })

  test('a colour change within the per-pixel threshold is no difference', () => {
    const image = new PNG({ width: 100, height: 100 })
    image.data.fill(255)
    image.data[0] = 250 // one channel of one pixel, 5 of 255 off
    expect(comparePngs(png(100), PNG.sync.write(image)).differing).toBe(0)
  })

  test('another size fails whatever the pixels', () => {
    const result = comparePngs(png(100), png(90))
    expect(result).toMatchObject({ share: 1, pass: false, diff: null })
    expect(result.reason).toBe('the sizes differ: 90x90 taken, 100x100 in the baseline')
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
    await expect(matchBaseline('state', png(100), files(), false)).rejects.toThrow(
      /^Visual state "state" has no baseline .*CASTLINE_UPDATE_SCREENSHOTS=1/,
    )
    expect(existsSync(join(dir, 'artifacts', 'state.actual.png'))).toBe(true)
  })

  test('updating writes the baseline (and only a changed one); the same image then passes and another fails with its files named', async () => {
    await expect(matchBaseline('state', png(100), files(), true)).resolves.toBeNull()
    expect(comparePngs(await readFile(files().baseline), png(100)).differing).toBe(0)

    await expect(matchBaseline('state', png(100), files(), false)).resolves.toMatchObject({ pass: true })
    // Updating keeps a baseline within the tolerance and replaces one beyond it.
    await expect(matchBaseline('state', png(100, 3), files(), true)).resolves.toMatchObject({ differing: 9 })
    expect(comparePngs(await readFile(files().baseline), png(100)).differing).toBe(0)
    await expect(matchBaseline('state', png(100, 4), files(), true)).resolves.toBeNull()
    expect(comparePngs(await readFile(files().baseline), png(100, 4)).differing).toBe(0)
    await expect(matchBaseline('state', png(100), files(), true)).resolves.toBeNull()

    const error = await matchBaseline('state', png(100, 5), files(), false).then(
      () => null,
      (e: Error) => e.message,
    )
    const actual = join(dir, 'artifacts', 'state.actual.png')
    const diff = join(dir, 'artifacts', 'state.diff.png')
    expect(error).toBe(
      `Visual state "state" differs from its baseline: 0.25 % of the pixels differ (25 of 10000; at most 0.1 % may). ` +
        `Baseline ${files().baseline}, actual ${actual}, diff ${diff}. If the change is intended, run ` +
        'CASTLINE_UPDATE_SCREENSHOTS=1 npx vitest run --project e2e apps/demo/e2e/visual.e2e.test.ts.',
    )
    expect(comparePngs(await readFile(actual), png(100, 5)).differing).toBe(0)
    expect(PNG.sync.read(await readFile(diff)).width).toBe(100)
  })
})
