import { execFileSync } from 'node:child_process'
import os from 'node:os'

// Figures, their targets, the table printed at the end and the machine they were taken on.

export interface Target {
  op: '<=' | '>='
  value: number
}

export interface Figure {
  id: string
  label: string
  value: number | null
  unit: string
  target?: Target
  /** null: no target, or no value to judge. */
  met: boolean | null
  note?: string
}

export function figure(
  id: string,
  label: string,
  value: number | null,
  unit: string,
  target?: Target,
  note?: string,
): Figure {
  const met =
    target && value !== null
      ? target.op === '<='
        ? value <= target.value
        : value >= target.value
      : null
  return { id, label, value, unit, ...(target ? { target } : {}), met, ...(note ? { note } : {}) }
}

/** Nearest-rank percentile; null for no samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]!
}

export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export interface Machine {
  cpu: string
  cores: number
  ramGiB: number
  os: string
  node: string
  chromium: string
  loadAverageAtStart: number[]
  loadAverageAtEnd?: number[]
  /** Set when other work was running: the figures are then noisy. */
  noise?: string
}

export function describeMachine(chromiumVersion: string): Machine {
  let osName = `${os.type()} ${os.release()}`
  try {
    const release = execFileSync('cat', ['/etc/os-release'], { encoding: 'utf8' })
    osName = /PRETTY_NAME="([^"]+)"/.exec(release)?.[1] ?? osName
    osName += `, kernel ${os.release()}`
  } catch {
    // Not Linux: the kernel's name and release are all we have.
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: round(os.totalmem() / 2 ** 30, 1)!,
    os: osName,
    node: process.version,
    chromium: chromiumVersion,
    loadAverageAtStart: os.loadavg().map((v) => round(v, 2)!),
  }
}

function show(value: number | null, unit: string): string {
  if (value === null) return '—'
  const text = Number.isInteger(value) ? value.toLocaleString('en-US') : String(value)
  return unit ? `${text} ${unit}` : text
}

export function targetText(target: Target | undefined, unit: string): string {
  return target ? `${target.op === '<=' ? '≤' : '≥'} ${show(target.value, unit)}` : ''
}

export function verdict(f: Figure): string {
  return f.met === null ? '' : f.met ? 'met' : 'MISSED'
}

/** The table the bench prints, also used (as Markdown) in README's performance section. */
export function table(figures: readonly Figure[], markdown = false): string {
  const rows = figures.map((f) => [
    f.label,
    show(f.value, f.unit),
    targetText(f.target, f.unit),
    verdict(f),
  ])
  const header = ['figure', 'value', 'target', '']
  if (markdown) {
    return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n')
  }
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)))
  return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n')
}
