import type { FoundLink } from './links'
import { decide, reason, type PolicyDecision } from './reasons'
import { findAll, overlaps, prepareScanText, type TextFinding } from './scanText'

// Rules 5 and 6: fake payment links are what the platform's link switch-off fights, and payment
// stays on the platform. Requests to pay outside it are flagged, in the ten UI languages.
// [ours] A keyword list, so it warns and never blocks.

const PAYMENT_PHRASES = [
  // English
  'bank\\s+transfer',
  'wire\\s+transfer',
  '\\biban\\b',
  '\\b[a-z]{2}\\d{2}(?: ?[a-z0-9]{4}){3,7}(?: ?[a-z0-9]{1,4})?\\b', // an IBAN itself
  '\\bswift\\s+code',
  'card\\s+(?:number|details)',
  '\\bcvv\\b',
  '\\bcvc\\b',
  'pay(?:ment)?\\s+link',
  '\\bpay\\s+(?:now|here|via|by|with|using|through)\\b',
  'send\\s+(?:the\\s+|us\\s+)?(?:money|payment|deposit)',
  'paypal',
  'western\\s+union',
  'moneygram',
  'revolut',
  'venmo',
  'zelle',
  '\\bbitcoin',
  '\\bcrypto',
  '\\busdt\\b',
  // French, Spanish, Portuguese
  'virement',
  'lien\\s+de\\s+paiement',
  'coordonn[ée]es\\s+bancaires',
  'num[ée]ro\\s+de\\s+(?:votre\\s+)?carte',
  'transferencia\\s+bancaria',
  'enlace\\s+de\\s+pago',
  '(?:n[úu]mero|datos)\\s+de\\s+(?:su\\s+|la\\s+)?tarjeta',
  'bizum',
  'transfer[êe]ncia\\s+banc[áa]ria',
  'link\\s+de\\s+pagamento',
  '(?:n[úu]mero|dados)\\s+do\\s+cart[ãa]o',
  'mb\\s?way',
  '\\bpix\\b',
  // German, Dutch, Polish
  '[üu]berweisung',
  'zahlungslink',
  'kartennummer',
  'kreditkartendaten',
  'bankverbindung',
  'overschrijving',
  'betaallink',
  'betaalverzoek',
  'tikkie',
  'kaartnummer',
  'bankgegevens',
  'przelew',
  'link\\s+do\\s+p[łl]atno[śs]ci',
  '(?:numer|dane)\\s+karty',
  '\\bblik\\b',
  // Russian, Thai, Arabic
  'банковск\\p{L}*\\s+перевод',
  'перевод\\p{L}*\\s+на\\s+карт',
  '(?:номер|данные)\\s+карты',
  'ссылк\\p{L}*\\s+(?:для|на)\\s+оплат',
  'โอนเงิน',
  'ลิงก์ชำระเงิน',
  'พร้อมเพย์',
  'เลขบัตร',
  'تحويل\\s+بنكي',
  'رابط\\s+(?:ال)?دفع',
  'رقم\\s+(?:ال)?بطاقة',
]
const PAYMENT = new RegExp(`(?:${PAYMENT_PHRASES.join('|')})`, 'giu')
const PAYMENT_LINK = /pay|checkout|billing|invoice|revolut|venmo|wise\.com|stripe|tikkie/i

/** Payment phrases in the text and links that lead to a payment page. */
export function findPaymentRequests(text: string, links: readonly FoundLink[] = []): TextFinding[] {
  const phrases = findAll(prepareScanText(text), text, PAYMENT).map(
    ({ text: found, start, end }) => ({ text: found, start, end }),
  )
  const paymentLinks = links
    .filter((link) => PAYMENT_LINK.test(link.text))
    .filter((link) => !phrases.some((phrase) => overlaps(phrase, link)))
    .map(({ text: found, start, end }) => ({ text: found, start, end }))
  return [...phrases, ...paymentLinks].sort((a, b) => a.start - b.start)
}

export interface PaymentDecision extends PolicyDecision {
  payments: TextFinding[]
}

/** Rules 5 and 6 for a draft: a warning, never a block. */
export function evaluatePaymentRequests(
  text: string,
  links: readonly FoundLink[] = [],
): PaymentDecision {
  const payments = findPaymentRequests(text, links)
  const reasons =
    payments.length > 0
      ? [
          reason('paymentRequest', {
            count: payments.length,
            matches: payments.map((item) => item.text),
          }),
        ]
      : []
  return { ...decide(reasons), payments }
}
