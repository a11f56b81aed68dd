import { describe, expect, test } from 'vitest'
import { linkToTime, parseTimeFragment } from '../src/deep-link.js'

describe('parseTimeFragment', () => {
  test.each([
    ['#t=754', 754],
    ['#t=754.5', 754.5],
    ['#t=12:34', 754],
    ['#t=1:02:03', 3723],
    ['#t=npt:754', 754],
    ['#t=10,20', 10],
    ['#foo=1&t=30', 30],
    ['t=5', 5],
    ['#t=%3A', null],
    ['#t=%E0%A4%A', null],
    ['#t=abc', null],
    ['#tt=5', null],
    ['', null],
  ])('%s -> %s', (hash, seconds) => {
    expect(parseTimeFragment(hash)).toBe(seconds)
  })
})

test('linkToTime replaces the hash with whole seconds, rounded down', () => {
  expect(linkToTime('https://pod.example/ep/514', 754.9)).toBe('https://pod.example/ep/514#t=754')
  expect(linkToTime('https://pod.example/ep/514?x=1#old', 3)).toBe('https://pod.example/ep/514?x=1#t=3')
  expect(linkToTime('https://pod.example/', -2)).toBe('https://pod.example/#t=0')
  // What we write, we read back.
  expect(parseTimeFragment(new URL(linkToTime('https://pod.example/a', 4371.2)).hash)).toBe(4371)
})
