/**
 * Resolves once the browser has painted the next frame: a callback of `requestAnimationFrame`
 * runs before that frame's paint, and a task queued from it runs after. Work that does not
 * change the frame being drawn (a write that wakes the workers) waits here so it does not
 * delay it.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0))
  })
}
