// Prints one closing line for the whole `npm test` run, from the Vitest and Playwright JSON
// reports: "Summary: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const read = (file) =>
  JSON.parse(readFileSync(new URL(`../reports/${file}`, import.meta.url), 'utf8'))
const unit = read('unit.json')
const e2e = read('e2e.json').stats
const passed = unit.numPassedTests + e2e.expected + e2e.flaky
const failed = unit.numFailedTests + e2e.unexpected
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped
const say = (line) => process.stdout.write(`${line}\n`)
say(
  `Unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed, ${unit.numPendingTests} skipped`,
)
say(`Browser: ${e2e.expected} passed, ${e2e.unexpected} failed, ${e2e.skipped} skipped`)
say(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
