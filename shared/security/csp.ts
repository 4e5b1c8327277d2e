/**
 * The renderer's Content-Security-Policy, one definition for both hosts: the Electron
 * build writes it into index.html as a meta tag, the web host also sends it as a header
 * (where frame-ancestors takes effect). No inline script, no eval, no remote origin:
 * guest text can never become code, and the page can talk only to its own host.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The meta-tag form: frame-ancestors is not allowed in a meta policy, so it is left out. */
export const contentSecurityPolicyMeta = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ')
