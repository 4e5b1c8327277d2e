// Intl formatters are costly to build (a fraction of a millisecond each) and a screen formats
// hundreds of dates: one formatter per language and options, built once.

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

export function dateFormat(
  language: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `d|${language}|${JSON.stringify(options)}`
  let format = formats.get(key) as Intl.DateTimeFormat | undefined
  if (!format) {
    format = new Intl.DateTimeFormat(language, options)
    formats.set(key, format)
  }
  return format
}

export function numberFormat(
  language: string,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`
  let format = formats.get(key) as Intl.NumberFormat | undefined
  if (!format) {
    format = new Intl.NumberFormat(language, options)
    formats.set(key, format)
  }
  return format
}
