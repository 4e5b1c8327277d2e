import type { Phrasebook } from './types'

export const pl: Phrasebook = {
  guest: {
    checkin_time:
      'Dzień dobry! Od której godziny można się zameldować w dniu przyjazdu? I do której czynna jest recepcja?',
    parking:
      'Dzień dobry, przyjedziemy samochodem. Czy jest parking przy hotelu albo gdzieś w pobliżu?',
    directions:
      'Dzień dobry, jak najlepiej dojechać do Państwa z lotniska? Łatwo złapać taksówkę, czy lepiej jechać komunikacją miejską?',
    late_arrival:
      'Dzień dobry, nasz lot jest opóźniony i dotrzemy dopiero około pierwszej w nocy. Czy ktoś będzie, żeby nas wpuścić?',
    early_checkin:
      'Dzień dobry! Lądujemy o 8 rano. Czy jest szansa na wcześniejsze zameldowanie albo chociaż zostawienie u Państwa bagaży?',
    complaint:
      'Dzień dobry, w naszym pokoju nie działa klimatyzacja i jest bardzo gorąco. Do tego woda pod prysznicem bardzo wolno spływa. Czy ktoś mógłby to sprawdzić?',
    stain:
      'Przepraszam, że przeszkadzam, na ścianie obok łóżka jest plama – przesyłam zdjęcie. Czy można ją wyczyścić?',
    entrance:
      'Stoję przed budynkiem – czy to dobre wejście? Drzwi wyglądają na zamknięte. Zdjęcie w załączniku.',
    thanks:
      'Chcieliśmy bardzo podziękować za wspaniały pobyt! Pokój był nieskazitelnie czysty, a obsługa niezwykle pomocna. Na pewno wrócimy!',
    pet_question:
      'Dzień dobry, zanim potwierdzę: czy mogę przyjechać z małym, spokojnym psem (8 kg)? Czy jest za to dodatkowa opłata?',
  },
  reply: {
    checkin_time:
      'Dzień dobry, {guest}! Zameldowanie jest możliwe od 15:00, a recepcja jest czynna do 23:00. Jeśli przyjadą Państwo później, prosimy dać znać – zostawimy klucz w skrytce na szyfr.',
    parking:
      'Dzień dobry, {guest}! Nie mamy własnego parkingu, ale dwie minuty pieszo jest parking publiczny. W recepcji można dostać kupon rabatowy.',
    directions:
      'Dzień dobry, {guest}! Najwygodniej dojechać metrem do centrum – od stacji to pięć minut pieszo. Taksówką jedzie się około 25 minut. Przesyłam małą mapkę.',
    late_arrival:
      'Żaden problem, {guest}. Nocny recepcjonista jest u nas do 7:00, więc można się zameldować o każdej porze. Szerokiej drogi!',
    early_checkin:
      'Dzień dobry, {guest}! Nie możemy zagwarantować pokoju przed 15:00, ale zrobimy, co w naszej mocy. Bagaże mogą Państwo zostawić u nas – napiszemy, gdy tylko pokój będzie gotowy.',
    complaint:
      'Bardzo przepraszamy, {guest}. Nasz technik przyjdzie do pokoju w ciągu 30 minut. Jeśli nie uda się tego szybko naprawić, przeniesiemy Państwa do innego pokoju.',
    stain:
      'Dziękujemy za zdjęcie, {guest}, i przepraszamy. Obsługa pokoju przyjdzie dziś po południu i to wyczyści.',
    entrance: 'Tak, to tutaj! Proszę zadzwonić dzwonkiem po prawej stronie, a otworzymy.',
    thanks:
      'Serdecznie dziękujemy za miłe słowa, {guest}! Gościć Państwa było prawdziwą przyjemnością. Mamy nadzieję na szybkie ponowne spotkanie.',
    pet_question:
      'Dzień dobry, {guest}! Tak, małe psy są u nas mile widziane. Doliczamy niewielką opłatę za sprzątanie za pobyt. Do zobaczenia!',
  },
  extra: [
    'Czy śniadanie jest wliczone w cenę rezerwacji?',
    'Czy moglibyśmy dostać dodatkową poduszkę i koc?',
    'Czy w pobliżu hotelu jest sklep albo apteka?',
    'Czy możemy zostawić bagaż po wymeldowaniu? Pociąg mamy dopiero wieczorem.',
  ],
}
