import { z } from 'zod'

// zod compiles fast object parsers with `new Function` after probing whether eval is allowed.
// The page's CSP forbids eval (script-src 'self'), so the probe only ever earns a CSP
// violation report, which would drown a real injection attempt in noise. Turn the compiler
// off: zod then parses with plain code. Imported first by main.ts, before any schema runs.
z.config({ jitless: true })
