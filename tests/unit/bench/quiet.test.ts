import { describe, expect, it } from 'vitest'
import { coresBusy, cpuJiffies, waitForQuietMachine } from '../../bench/quiet'

// /proc/stat's first line: user nice system idle iowait irq softirq steal guest guest_nice.
const stat = (user: number, idle: number, iowait = 0) =>
  `cpu  ${user} 0 0 ${idle} ${iowait} 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n`

describe('cpuJiffies', () => {
  it('counts idle and iowait as not busy', () => {
    expect(cpuJiffies(stat(300, 500, 200))).toEqual({ busy: 300, total: 1000 })
  })

  it('refuses what is not a /proc/stat cpu line', () => {
    expect(() => cpuJiffies('intr 1 2 3')).toThrow(/proc\/stat/)
    expect(() => cpuJiffies('cpu a b c d')).toThrow(/proc\/stat/)
  })
})

describe('coresBusy', () => {
  it('is the busy share of the interval times the cores', () => {
    expect(coresBusy({ busy: 0, total: 0 }, { busy: 50, total: 200 }, 2)).toBe(0.5)
    expect(coresBusy({ busy: 10, total: 100 }, { busy: 10, total: 100 }, 2)).toBe(0)
  })
})

describe('waitForQuietMachine', () => {
  const options = { belowCores: 0.2, sampleMs: 1000, maxWaitMs: 5000, cores: 2 }
  const noSleep = () => Promise.resolve()

  it('waits until a sample is quiet', async () => {
    // Busy (1 core, 1.5 cores), then quiet (0.1 core).
    const readings = [stat(0, 0), stat(100, 100), stat(250, 150), stat(260, 340)]
    const result = await waitForQuietMachine({
      ...options,
      read: () => Promise.resolve(readings.shift()!),
      sleep: noSleep,
    })
    expect(result).toEqual({ waitedMs: 3000, quiet: true })
  })

  it('gives up after the longest wait', async () => {
    let user = 0
    const result = await waitForQuietMachine({
      ...options,
      read: () => Promise.resolve(stat((user += 100), 0)),
      sleep: noSleep,
    })
    expect(result).toEqual({ waitedMs: 5000, quiet: false })
  })

  it('waits the longest wait where there is no /proc/stat', async () => {
    const slept: number[] = []
    const result = await waitForQuietMachine({
      ...options,
      read: () => Promise.reject(new Error('ENOENT')),
      sleep: (ms) => {
        slept.push(ms)
        return Promise.resolve()
      },
    })
    expect(result).toEqual({ waitedMs: 5000, quiet: null })
    expect(slept).toEqual([5000])
  })
})
