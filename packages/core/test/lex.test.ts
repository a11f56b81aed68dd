import { describe, expect, it } from 'vitest'
import {
  CLOCK_LENIENT,
  CLOCK_SECONDS,
  CLOCK_STAMP,
  CLOCK_VTT,
  type ClockMode,
  fixedClockMs,
  scanClockMs,
} from '../src/formats/lex.js'

const at = { pos: 0 }
const scan = (text: string, mode: ClockMode): number => {
  at.pos = -1
  const ms = scanClockMs(text, 0, text.length, at, mode)
  return Number.isNaN(ms) || at.pos !== text.length ? Number.NaN : ms
}

describe('scanClockMs, CLOCK_VTT (the WebVTT timestamp)', () => {
  it.each([
    ['00:01.000', 1000],
    ['01:02.003', 62_003],
    ['1:02:03.004', 3_723_004],
    ['00:59:59.999', 3_599_999],
    ['100:00:00.000', 360_000_000],
    ['60:00:00.000', 216_000_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(scan(text, CLOCK_VTT)).toBe(ms)
  })

  it.each([
    '0:00.000',
    '00:00:60.000',
    '00:60:00.000',
    '00:00.00',
    '00:00.0000',
    '000:00.000',
    '75:00.000',
    '00:00',
    '00:00,000',
    'x00:00.000',
    '4:52.080',
    '0.860',
    '0:0:0.570',
  ])('rejects %s', (text) => {
    expect(scan(text, CLOCK_VTT)).toBeNaN()
  })
})

describe('scanClockMs, CLOCK_LENIENT and CLOCK_SECONDS (what real tools write)', () => {
  it.each([
    ['4:52.080', 292_080],
    ['0:0:0.570', 570],
    ['0:0:7,560', 7560],
    ['00:00:01,000', 1000],
    ['01:02:03.5', 3_723_500],
    ['1:02:03.05', 3_723_050],
    ['75:30', 4_530_000],
    ['00:00:01.0004', 1000],
    ['00:00:01.0006', 1001],
    ['1234567:00:00', 1234567 * 3_600_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(scan(text, CLOCK_LENIENT)).toBe(ms)
    expect(scan(text, CLOCK_SECONDS)).toBe(ms)
  })

  it.each([
    ['0.860', 860],
    ['7.380', 7380],
    ['754', 754_000],
    ['754,5', 754_500],
  ])('reads the lone seconds %s as %d ms only with CLOCK_SECONDS', (text, ms) => {
    expect(scan(text, CLOCK_SECONDS)).toBe(ms)
    expect(scan(text, CLOCK_LENIENT)).toBeNaN()
  })

  it.each(['00:60:00', '00:00:60', '1:2:3:4', '12345678:00:00', 'a:00', ':00', '00:000', '1:00.1234567890'])(
    'rejects %s',
    (text) => {
      expect(scan(text, CLOCK_LENIENT)).toBeNaN()
    },
  )
})

describe('scanClockMs, CLOCK_STAMP (timestamped text)', () => {
  it.each([
    ['00:01:02', 62_000],
    ['1:02:03', 3_723_000],
    ['02:03', 123_000],
    ['123:04', 7_384_000],
    ['00:01:02.5', 62_500],
    ['00:01:02,250', 62_250],
  ])('reads %s as %d ms', (text, ms) => {
    expect(scan(text, CLOCK_STAMP)).toBe(ms)
  })

  it.each(['3:1', '10:305', '0:0:7', '1234:00', '00:60:00', '12', '1.5'])('rejects %s', (text) => {
    expect(scan(text, CLOCK_STAMP)).toBeNaN()
  })

  it('stops before what follows the stamp, and leaves the cursor alone on failure', () => {
    at.pos = 99
    expect(scanClockMs('00:01:02 text', 0, 13, at, CLOCK_STAMP)).toBe(62_000)
    expect(at.pos).toBe(8)
    at.pos = 99
    expect(scanClockMs('3:1 ratio', 0, 9, at, CLOCK_STAMP)).toBeNaN()
    expect(at.pos).toBe(99)
  })
})

describe('fixedClockMs (HH:MM:SS.mmm at fixed offsets)', () => {
  it('reads the common clock time with a dot, and with a comma unless dotOnly', () => {
    expect(fixedClockMs('01:02:03.004', 0, true)).toBe(3_723_004)
    expect(fixedClockMs('x 01:02:03,004', 2, false)).toBe(3_723_004)
    expect(fixedClockMs('01:02:03,004', 0, true)).toBe(-1)
  })

  it.each(['01:60:03.004', '01:02:60.004', '1:02:03.004', '01:02:03.0a4', '01-02:03.004', '01:02:03'])(
    'leaves %s to the general scanner',
    (text) => {
      expect(fixedClockMs(text, 0, false)).toBe(-1)
    },
  )
})
