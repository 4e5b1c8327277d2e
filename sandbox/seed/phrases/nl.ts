import type { Phrasebook } from './types'

export const nl: Phrasebook = {
  guest: {
    checkin_time:
      'Hoi! Vanaf hoe laat kunnen we op de dag van aankomst inchecken? En tot hoe laat is de receptie open?',
    parking:
      'Hallo, we komen met de auto. Is er parkeergelegenheid bij het hotel of ergens in de buurt?',
    directions:
      'Hallo, hoe komen we het makkelijkst vanaf het vliegveld bij jullie? Is er makkelijk een taxi te krijgen of kunnen we beter het openbaar vervoer nemen?',
    late_arrival:
      'Hallo, onze vlucht heeft vertraging en we komen pas rond 1 uur ’s nachts aan. Is er dan nog iemand om ons binnen te laten?',
    early_checkin:
      'Goedemorgen! We landen om 8 uur. Is het mogelijk om vroeger in te checken, of kunnen we in elk geval onze bagage bij jullie achterlaten?',
    complaint:
      'Hallo, de airco op onze kamer doet het niet en het is echt heel warm. De douche loopt ook heel slecht weg. Kan er iemand komen kijken?',
    stain:
      'Sorry dat ik stoor, er zit een vlek op de muur naast het bed, zie de foto. Kan die schoongemaakt worden?',
    entrance:
      'Ik sta buiten, is dit de goede ingang? De deur lijkt op slot te zitten. Foto in de bijlage.',
    thanks:
      'We willen jullie bedanken voor een heerlijk verblijf! De kamer was brandschoon en het personeel superbehulpzaam. We komen zeker terug!',
    pet_question:
      'Hallo, voordat ik boek: mag er een kleine, rustige hond (8 kg) mee? Zijn daar extra kosten aan verbonden?',
  },
  reply: {
    checkin_time:
      'Hallo {guest}, inchecken kan vanaf 15.00 uur en de receptie is open tot 23.00 uur. Komen jullie later, laat het ons weten, dan leggen we de sleutel in een sleutelkluisje.',
    parking:
      'Hallo {guest}, we hebben geen eigen parkeerplaats, maar op twee minuten lopen is een openbare parkeergarage. Vraag bij de receptie naar een kortingsbon.',
    directions:
      'Hallo {guest}, het makkelijkst is de metro naar het centrum; vanaf het station is het vijf minuten lopen. Met de taxi duurt het ongeveer 25 minuten. Hierbij een klein kaartje.',
    late_arrival:
      'Geen enkel probleem, {guest}. Onze nachtportier is er tot 7.00 uur, dus jullie kunnen op elk moment inchecken. Goede reis!',
    early_checkin:
      'Goedemorgen {guest}! We kunnen de kamer niet vóór 15.00 uur garanderen, maar we doen ons best. Jullie bagage kan alvast bij ons blijven; we sturen een bericht zodra de kamer klaar is.',
    complaint:
      'Dat spijt ons heel erg, {guest}. Onze monteur komt binnen 30 minuten naar jullie kamer. Lukt het niet snel, dan krijgen jullie een andere kamer.',
    stain:
      'Bedankt voor de foto, {guest}, en excuses daarvoor. De huishouding komt vanmiddag langs om het schoon te maken.',
    entrance: 'Ja, dat zijn wij! Bel aan rechts naast de deur, dan doen we open.',
    thanks:
      'Hartelijk dank voor de lieve woorden, {guest}! Het was een plezier om jullie te ontvangen. Hopelijk tot snel!',
    pet_question:
      'Hallo {guest}, ja, kleine honden zijn van harte welkom! We rekenen een kleine schoonmaakvergoeding per verblijf. Tot gauw, jullie allebei!',
  },
  extra: [
    'Is het ontbijt bij onze boeking inbegrepen?',
    'Kunnen we nog een extra kussen en deken krijgen?',
    'Is er een supermarkt of apotheek in de buurt?',
    'Kunnen we na het uitchecken onze bagage nog kwijt? Onze trein gaat pas ’s avonds.',
  ],
}
