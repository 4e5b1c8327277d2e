/** Guest texts written to break a renderer. Every one must come out as plain, inert text. */
export const hostileTexts: readonly { name: string; text: string }[] = [
  { name: 'script tag', text: '<script>window.__pwned = 1</script>Hello' },
  { name: 'img onerror', text: '<img src=x onerror="window.__pwned=1">' },
  { name: 'javascript link', text: '<a href="javascript:window.__pwned=1">click me</a>' },
  {
    name: 'markdown link',
    text: '[Pay here](javascript:window.__pwned=1) or [there](https://evil.example)',
  },
  {
    name: 'data url',
    text: '<iframe src="data:text/html,<script>parent.__pwned=1</script>"></iframe>',
  },
  { name: 'svg', text: '<svg onload="window.__pwned=1"><circle r="10"/></svg>' },
  { name: 'mathml', text: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  {
    name: 'quoted reply html',
    text: '<div class="gmail_quote"><blockquote>On Mon <b>you</b> wrote:</blockquote></div>',
  },
  { name: 'template injection', text: '{{ constructor.constructor("window.__pwned=1")() }}' },
  { name: 'style tag', text: '<style>body{display:none}</style>Still visible' },
  { name: 'rtl override', text: 'Invoice for room 12\u202Efdp.exe' },
  { name: 'zalgo', text: 'H̸̡̪̯ͨ͊̽̅̾̎Ȩ̬̩̾͛ͪ̈́̀́͘ ̶̧̨̱̹̭̯ͧ̾ͬC̷̙̲̝͖ͭ̏ͥͮ͟Oͮ͏̮̪̝͍M̲̖͊̒ͪͩͬ̚̚͜Ȇ̴̟̟͙̞ͩ͌͝S̨̥̫͎̭ͯ̿̔̀ͅ' },
  { name: 'huge message', text: 'Bonjour, '.repeat(6_000) },
  { name: 'null and control characters', text: 'a\u0000b\u0007c\u001bd' },
]
