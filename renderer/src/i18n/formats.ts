// Intl formatters are costly to build (a fraction of a millisecond each) and a screen formats
// hundreds of dates: one formatter per language and options, built once.

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined
  if (!format) {
    format = make()
    formats.set(key, format)
  }
  return format
}

export function dateFormat(
  language: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return cached(`d|${language}|${JSON.stringify(options)}`, () => {
    return new Intl.DateTimeFormat(language, options)
  })
}

export function numberFormat(
  language: string,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return cached(`n|${language}|${JSON.stringify(options)}`, () => {
    return new Intl.NumberFormat(language, options)
  })
}
