import type { Phrasebook } from './types'

export const pt: Phrasebook = {
  guest: {
    checkin_time:
      'Olá! A partir de que horas podemos fazer o check-in no dia da chegada? E até que horas está aberta a receção?',
    parking: 'Olá, vamos de carro. Há estacionamento no alojamento ou algum parque perto?',
    directions:
      'Olá, qual é a melhor forma de chegar aí a partir do aeroporto? É fácil apanhar um táxi ou é melhor ir de transportes públicos?',
    late_arrival:
      'Olá, o nosso voo está atrasado e só vamos chegar por volta da 1 da manhã. Vai estar alguém para nos abrir a porta?',
    early_checkin:
      'Bom dia! Aterramos às 8h. Seria possível fazer o check-in mais cedo ou, pelo menos, deixar aí as malas?',
    complaint:
      'Olá, o ar condicionado do quarto não funciona e está imenso calor. O chuveiro também escoa muito devagar. Alguém pode vir ver, por favor?',
    stain:
      'Desculpem incomodar, há uma mancha na parede ao lado da cama (envio foto). Seria possível limpar?',
    entrance:
      'Estou cá fora, esta é a entrada certa? A porta parece estar fechada. Segue uma foto.',
    thanks:
      'Queríamos agradecer a estadia maravilhosa! O quarto estava impecável e a equipa foi super simpática. Voltaremos de certeza!',
    pet_question:
      'Olá, antes de confirmar: aceitam um cão pequeno e bem-comportado (8 kg)? Há algum custo extra?',
  },
  reply: {
    checkin_time:
      'Olá {guest}, o check-in é a partir das 15h e a receção está aberta até às 23h. Se chegarem mais tarde, avisem-nos e deixamos a chave num cofre com código.',
    parking:
      'Olá {guest}, não temos estacionamento próprio, mas há um parque público a dois minutos a pé. Peçam na receção um vale de desconto.',
    directions:
      'Olá {guest}, o mais prático é apanhar o metro até ao centro; estamos a cinco minutos a pé da estação. De táxi demora cerca de 25 minutos. Envio um pequeno mapa.',
    late_arrival:
      'Não há problema, {guest}. O nosso rececionista noturno está cá até às 7h, por isso podem fazer o check-in a qualquer hora. Boa viagem!',
    early_checkin:
      'Bom dia {guest}! Não conseguimos garantir o quarto antes das 15h, mas faremos o possível. Podem deixar cá as malas e avisamos assim que o quarto estiver pronto.',
    complaint:
      'Pedimos imensa desculpa, {guest}. O nosso técnico vai ao vosso quarto nos próximos 30 minutos. Se não for possível reparar rapidamente, mudamos-vos de quarto.',
    stain:
      'Obrigado pela foto, {guest}, e as nossas desculpas. A equipa de limpeza passa hoje à tarde para tratar disso.',
    entrance: 'Sim, é aqui! Toquem à campainha do lado direito e abrimos a porta.',
    thanks:
      'Muito obrigado pelas simpáticas palavras, {guest}! Foi um prazer recebê-los. Esperamos voltar a vê-los em breve.',
    pet_question:
      'Olá {guest}, sim, cães pequenos são muito bem-vindos! Cobramos uma pequena taxa de limpeza por estadia. Até breve aos dois!',
  },
  extra: [
    'O pequeno-almoço está incluído na reserva?',
    'Podiam deixar-nos mais uma almofada e um cobertor, por favor?',
    'Há algum supermercado ou farmácia perto?',
    'Podemos deixar as malas depois do check-out? O nosso comboio só sai à noite.',
  ],
}
