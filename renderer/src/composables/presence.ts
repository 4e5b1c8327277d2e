import { computed, ref } from 'vue'

/**
 * Whether any view says it is on screen: each `show()` counts one until the function it returns
 * is called (once; calling it again does nothing). For stores whose work only matters while a
 * view of them is shown (marking the open conversation read, the template preview's reads).
 */
export function presence() {
  const count = ref(0)
  function show(): () => void {
    count.value += 1
    let shown = true
    return () => {
      if (shown) count.value -= 1
      shown = false
    }
  }
  return { shown: computed(() => count.value > 0), show }
}
