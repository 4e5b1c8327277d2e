import type { Phrasebook } from './types'

export const de: Phrasebook = {
  guest: {
    checkin_time:
      'Hallo! Ab wann können wir am Anreisetag einchecken? Und bis wann ist die Rezeption besetzt?',
    parking:
      'Guten Tag, wir reisen mit dem Auto an. Gibt es am Hotel oder in der Nähe einen Parkplatz?',
    directions:
      'Hallo, wie kommen wir am besten vom Flughafen zu Ihnen? Bekommt man leicht ein Taxi oder lieber mit öffentlichen Verkehrsmitteln?',
    late_arrival:
      'Guten Tag, unser Flug hat Verspätung und wir kommen erst gegen 1 Uhr nachts an. Ist dann noch jemand da, der uns hereinlässt?',
    early_checkin:
      'Guten Morgen! Wir landen um 8 Uhr. Wäre ein früher Check-in möglich, oder können wir wenigstens unser Gepäck bei Ihnen lassen?',
    complaint:
      'Hallo, die Klimaanlage in unserem Zimmer funktioniert nicht und es ist wirklich heiß. Außerdem läuft das Wasser in der Dusche sehr schlecht ab. Könnte sich das bitte jemand ansehen?',
    stain:
      'Entschuldigen Sie die Störung, an der Wand neben dem Bett ist ein Fleck – siehe Foto. Könnte das gereinigt werden?',
    entrance:
      'Ich stehe vor dem Haus – ist das der richtige Eingang? Die Tür scheint abgeschlossen zu sein. Foto anbei.',
    thanks:
      'Vielen Dank für den wunderbaren Aufenthalt! Das Zimmer war blitzsauber und das Personal unglaublich hilfsbereit. Wir kommen bestimmt wieder!',
    pet_question:
      'Hallo, bevor ich bestätige: Wäre ein kleiner, braver Hund (8 kg) bei Ihnen erlaubt? Kostet das extra?',
  },
  reply: {
    checkin_time:
      'Hallo {guest}, der Check-in ist ab 15 Uhr möglich und die Rezeption ist bis 23 Uhr besetzt. Wenn Sie später ankommen, sagen Sie uns Bescheid, dann hinterlegen wir den Schlüssel in einem Schlüsselsafe.',
    parking:
      'Hallo {guest}, wir haben keinen eigenen Parkplatz, aber zwei Gehminuten entfernt gibt es ein öffentliches Parkhaus. An der Rezeption bekommen Sie einen Rabattgutschein.',
    directions:
      'Hallo {guest}, am einfachsten nehmen Sie die U-Bahn ins Zentrum; von der Station sind es fünf Minuten zu Fuß. Mit dem Taxi dauert es etwa 25 Minuten. Anbei ein kleiner Plan.',
    late_arrival:
      'Kein Problem, {guest}. Unser Nachtportier ist bis 7 Uhr da, Sie können also jederzeit einchecken. Gute Reise!',
    early_checkin:
      'Guten Morgen {guest}! Vor 15 Uhr können wir das Zimmer leider nicht garantieren, aber wir tun unser Bestes. Ihr Gepäck können Sie gern bei uns lassen – wir melden uns, sobald das Zimmer fertig ist.',
    complaint:
      'Das tut uns sehr leid, {guest}. Unser Techniker kommt innerhalb der nächsten 30 Minuten zu Ihnen. Falls es sich nicht schnell beheben lässt, bekommen Sie ein anderes Zimmer.',
    stain:
      'Danke für das Foto, {guest}, und entschuldigen Sie bitte. Das Housekeeping kommt heute Nachmittag vorbei und reinigt die Stelle.',
    entrance: 'Ja, genau hier! Klingeln Sie rechts neben der Tür, dann öffnen wir Ihnen.',
    thanks:
      'Herzlichen Dank für die lieben Worte, {guest}! Es war uns eine Freude. Wir hoffen, Sie bald wieder bei uns begrüßen zu dürfen.',
    pet_question:
      'Hallo {guest}, ja, kleine Hunde sind herzlich willkommen! Wir berechnen eine kleine Reinigungspauschale pro Aufenthalt. Wir freuen uns auf Sie beide.',
  },
  extra: [
    'Ist das Frühstück in unserer Buchung enthalten?',
    'Könnten wir bitte noch ein Kissen und eine Decke bekommen?',
    'Gibt es in der Nähe einen Supermarkt oder eine Apotheke?',
    'Können wir nach dem Check-out unser Gepäck noch abstellen? Unser Zug fährt erst abends.',
  ],
}
