import type { PolicyConfig, PolicyProperty } from './context'
import { LABEL, TLD, URL_BODY, trimTrailingPunctuation, WORD_LIKE_TLDS } from './patterns'
import { toAsciiHost } from './idnHost'
import { decide, reason, type PolicyDecision, type PolicyReason } from './reasons'
import { findAll, overlaps, prepareScanText, type ScanText, type TextFinding } from './scanText'

// Rule 5: the platform strips links that are not approved and may switch links off entirely.
// Links are found the way a phisher writes them: any scheme in any case (`HtTpS://`, `hxxp://`,
// backslashes), `www.` hosts, bare domains with a common TLD, IDN and punycode hosts,
// fullwidth characters and invisible separators (see scanText.ts), `user@host` tricks.

export type LinkKind = 'scheme' | 'www' | 'domain'

export interface FoundLink extends TextFinding {
  kind: LinkKind
  /** Comparable host: lower case, punycode (`xn--…`), without user info or port. */
  host: string
  /** On the property's approved list, or the platform's own site. */
  approved: boolean
}

const NOT_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}@._%+\\-/])'
const PATTERNS: Record<LinkKind, RegExp> = {
  scheme: new RegExp(`(?<![\\p{L}\\p{N}])[a-z][a-z0-9+.-]{1,20}:[/\\\\]{2}${URL_BODY}+`, 'giu'),
  www: new RegExp(`${NOT_BEFORE}www\\d{0,3}\\.${LABEL}${URL_BODY}*`, 'giu'),
  domain: new RegExp(
    `${NOT_BEFORE}(?:${LABEL}\\.)+${TLD}(?![\\p{L}\\p{M}\\p{N}-])(?::\\d{1,5})?(?:[/?#]${URL_BODY}*)?`,
    'giu',
  ),
}

/** Host and path of a link or of an approved-list entry. */
export function splitLink(link: string): { host: string; path: string } {
  const rest = link.trim().replace(/^[a-z][a-z0-9+.-]*:[/\\]{2}/i, '')
  const cut = rest.search(/[/?#\\]/)
  const authority = cut < 0 ? rest : rest.slice(0, cut)
  const path = cut < 0 ? '' : rest.slice(cut)
  // `https://booking.com@evil.example` goes to evil.example: the part before @ is user info.
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
  return { host: toAsciiHost(hostPort.replace(/:\d*$/, '')).replace(/\.$/, ''), path }
}

const withoutWww = (host: string) => host.replace(/^www\d{0,3}\./, '')

function isUnderDomain(host: string, domain: string): boolean {
  const bare = withoutWww(host)
  return bare === domain || bare.endsWith(`.${domain}`)
}

function pathMatches(approvedPath: string, path: string): boolean {
  if (approvedPath === '' || approvedPath === '/') return true
  if (!path.startsWith(approvedPath)) return false
  const next = path.charAt(approvedPath.length)
  return next === '' || approvedPath.endsWith('/') || '/?#'.includes(next)
}

/** [ours] An entry approves its host (with or without `www.`) and every path under its path. */
export function isApprovedLink(link: string, approvedLinks: readonly string[]): boolean {
  const { host, path } = splitLink(link)
  return approvedLinks.some((entry) => {
    const approved = splitLink(entry)
    return (
      approved.host !== '' &&
      withoutWww(approved.host) === withoutWww(host) &&
      pathMatches(approved.path, path)
    )
  })
}

function isWordLikeTld(normalized: string): boolean {
  const tld =
    normalized
      .split(/[/?#:]/)[0]
      ?.split('.')
      .pop() ?? ''
  return (
    WORD_LIKE_TLDS.has(tld.toLowerCase()) && tld !== tld.toLowerCase() && tld !== tld.toUpperCase()
  )
}

function collect(
  scan: ScanText,
  original: string,
  kind: LinkKind,
  config: LinkConfig,
): FoundLink[] {
  return findAll(scan, original, PATTERNS[kind]).flatMap((match): FoundLink[] => {
    const trimmed = trimTrailingPunctuation(match.normalized)
    if (kind === 'domain' && isWordLikeTld(trimmed)) return []
    const { host, path } = splitLink(trimmed)
    const platform = config.platformLinkDomains.some((domain) => isUnderDomain(host, domain))
    // [ours] Naming the platform ("your Booking.com booking") is not a link.
    if (kind === 'domain' && platform && path === '') return []
    const { end } = scan.toOriginal(match.normalizedStart, match.normalizedStart + trimmed.length)
    const text = original.slice(match.start, end)
    const approved = platform || isApprovedLink(trimmed, config.approvedLinks)
    return [{ kind, text, start: match.start, end, host, approved }]
  })
}

export interface LinkConfig {
  approvedLinks: readonly string[]
  platformLinkDomains: readonly string[]
}

/**
 * Every link in `text`, in order, each once. `exclude` (e-mail addresses) hides bare domains
 * only: a scheme or `www.` link is a link even where something else matched.
 */
export function findLinks(
  text: string,
  config: LinkConfig,
  exclude: readonly TextFinding[] = [],
): FoundLink[] {
  const scan = prepareScanText(text)
  const all = (['scheme', 'www', 'domain'] as const).flatMap((kind) =>
    collect(scan, text, kind, config),
  )
  const kept: FoundLink[] = []
  for (const link of all.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (
      kept.some((other) => overlaps(other, link)) ||
      (link.kind === 'domain' && exclude.some((other) => overlaps(other, link)))
    )
      continue
    kept.push(link)
  }
  return kept
}

export interface LinksDecision extends PolicyDecision {
  links: FoundLink[]
}

/** Rule 5 for a draft: any link blocks when links are off; unapproved links will be stripped. */
export function evaluateLinks(
  text: string,
  property: Pick<PolicyProperty, 'linksDisabled' | 'approvedLinks'>,
  config: Pick<PolicyConfig, 'platformLinkDomains'>,
  exclude: readonly TextFinding[] = [],
): LinksDecision {
  const links = findLinks(
    text,
    { approvedLinks: property.approvedLinks, platformLinkDomains: config.platformLinkDomains },
    exclude,
  )
  const reasons: PolicyReason[] = []
  if (property.linksDisabled && links.length > 0) {
    reasons.push(
      reason('linksDisabled', { count: links.length, matches: links.map((link) => link.text) }),
    )
  } else {
    const stripped = links.filter((link) => !link.approved)
    if (stripped.length > 0) {
      reasons.push(
        reason('linkWillBeRemoved', {
          count: stripped.length,
          matches: stripped.map((link) => link.text),
        }),
      )
    }
  }
  return { ...decide(reasons), links }
}
