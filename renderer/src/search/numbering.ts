/**
 * The number of `key` in `numbers`: the next one (the map's size) the first time it is asked,
 * the same ever after. Properties get small numbers this way in the index and the list's table,
 * to be kept in typed arrays.
 */
export function numberOf(numbers: Map<string, number>, key: string): number {
  let number = numbers.get(key)
  if (number === undefined) {
    number = numbers.size
    numbers.set(key, number)
  }
  return number
}
