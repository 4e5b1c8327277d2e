import type { Phrasebook } from './types'

export const en: Phrasebook = {
  guest: {
    checkin_time:
      'Hi! What time can we check in on the day of arrival? And until what time is reception open?',
    parking: "Hello, we're coming by car. Is there parking at the hotel or somewhere close by?",
    directions:
      "Hi, what's the best way to get to you from the airport? Is a taxi easy to find or should we take public transport?",
    late_arrival:
      'Hello, our flight has been delayed and we will only arrive around 1 am. Will someone be there to let us in?',
    early_checkin:
      'Good morning! We land at 8 am. Is there any chance of an early check-in, or could we at least leave our bags with you?',
    complaint:
      "Hi, the air conditioning in our room isn't working and it's really hot. The shower also drains very slowly. Could someone take a look, please?",
    stain:
      "Sorry to bother you, there's a stain on the wall next to the bed – see the photo. Could it be cleaned?",
    entrance:
      "I'm standing outside – is this the right entrance? The door seems to be locked. Photo attached.",
    thanks:
      "Just wanted to say thank you for a wonderful stay. The room was spotless and the staff were so helpful. We'll definitely be back!",
    pet_question:
      'Hello, before I confirm: would you accept a small, well-behaved dog (8 kg)? Is there an extra charge?',
  },
  reply: {
    checkin_time:
      "Hello {guest}, check-in is from 3 pm and reception is open until 11 pm. If you arrive later, just let us know and we'll arrange a key box for you.",
    parking:
      "Hi {guest}, we don't have our own car park, but there is a public garage two minutes' walk away. Ask at reception for a discount voucher.",
    directions:
      "Hello {guest}, the easiest way is the metro to the city centre; we're a five-minute walk from the station. A taxi takes about 25 minutes. Here's a little map.",
    late_arrival:
      'No problem at all, {guest}. Our night porter is here until 7 am, so you can check in whenever you arrive. Safe travels!',
    early_checkin:
      "Good morning {guest}! We can't promise the room before 3 pm, but we'll do our best. You're welcome to leave your luggage with us and we'll message you as soon as it's ready.",
    complaint:
      "We're very sorry, {guest}. Our technician will come to your room within the next 30 minutes. If it can't be fixed quickly, we'll move you to another room.",
    stain:
      'Thank you for the photo, {guest}, and sorry about that. Housekeeping will come by this afternoon to clean it.',
    entrance: "Yes, that's us! Ring the bell on the right and we'll open the door for you.",
    thanks:
      'Thank you so much for your kind words, {guest}! It was a pleasure having you. We hope to welcome you back soon.',
    pet_question:
      'Hello {guest}, yes, small dogs are very welcome! There is a small cleaning fee per stay. We look forward to meeting you both.',
  },
  extra: [
    'Is breakfast included in our booking?',
    'Could we have an extra pillow and a blanket, please?',
    'Is there a supermarket or a pharmacy near the hotel?',
    'Can we store our luggage after check-out? Our train leaves in the evening.',
    "What's the wifi password?",
  ],
}
