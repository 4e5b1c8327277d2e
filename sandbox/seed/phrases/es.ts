import type { Phrasebook } from './types'

export const es: Phrasebook = {
  guest: {
    checkin_time:
      '¡Hola! ¿A qué hora podemos hacer el check-in el día de llegada? ¿Y hasta qué hora está abierta la recepción?',
    parking: 'Hola, vamos en coche. ¿Tenéis aparcamiento en el hotel o hay alguno cerca?',
    directions:
      'Hola, ¿cuál es la mejor forma de llegar desde el aeropuerto? ¿Es fácil coger un taxi o mejor vamos en transporte público?',
    late_arrival:
      'Hola, nuestro vuelo va con retraso y no llegaremos hasta la 1 de la madrugada. ¿Habrá alguien para abrirnos?',
    early_checkin:
      '¡Buenos días! Aterrizamos a las 8. ¿Sería posible hacer el check-in antes de hora o, al menos, dejaros las maletas?',
    complaint:
      'Hola, el aire acondicionado de la habitación no funciona y hace muchísimo calor. Además, la ducha desagua muy lento. ¿Podría venir alguien a mirarlo, por favor?',
    stain:
      'Perdonad la molestia, hay una mancha en la pared junto a la cama (os mando foto). ¿Se podría limpiar?',
    entrance:
      'Estoy en la puerta, ¿es esta la entrada correcta? Parece que está cerrada. Os adjunto una foto.',
    thanks:
      '¡Muchísimas gracias por la estancia! La habitación estaba impecable y el personal fue encantador. ¡Volveremos seguro!',
    pet_question:
      'Hola, antes de confirmar: ¿aceptáis un perro pequeño y muy tranquilo (8 kg)? ¿Tiene algún suplemento?',
  },
  reply: {
    checkin_time:
      'Hola, {guest}: el check-in es a partir de las 15:00 y la recepción está abierta hasta las 23:00. Si llegáis más tarde, avisadnos y os dejamos la llave en una caja de seguridad.',
    parking:
      'Hola, {guest}: no tenemos aparcamiento propio, pero hay un parking público a dos minutos a pie. Pedid en recepción un vale de descuento.',
    directions:
      'Hola, {guest}: lo más cómodo es el metro hasta el centro; estamos a cinco minutos andando de la estación. En taxi se tarda unos 25 minutos. Os mando un pequeño plano.',
    late_arrival:
      'Ningún problema, {guest}. El recepcionista de noche está hasta las 7:00, así que podéis llegar a la hora que sea. ¡Buen viaje!',
    early_checkin:
      '¡Buenos días, {guest}! No podemos garantizar la habitación antes de las 15:00, pero haremos lo posible. Podéis dejarnos las maletas y os escribimos en cuanto esté lista.',
    complaint:
      'Lo sentimos muchísimo, {guest}. Nuestro técnico pasará por la habitación en los próximos 30 minutos. Si no se puede arreglar rápido, os cambiamos de habitación.',
    stain:
      'Gracias por la foto, {guest}, y disculpad las molestias. El equipo de limpieza pasará esta tarde a limpiarla.',
    entrance: '¡Sí, es aquí! Llamad al timbre de la derecha y os abrimos.',
    thanks:
      '¡Muchas gracias por vuestras palabras, {guest}! Ha sido un placer teneros aquí. Esperamos veros pronto de nuevo.',
    pet_question:
      'Hola, {guest}: ¡sí, los perros pequeños son bienvenidos! Se cobra un pequeño suplemento de limpieza por estancia. Tenemos muchas ganas de conoceros.',
  },
  extra: [
    '¿El desayuno está incluido en la reserva?',
    '¿Nos podríais dar una almohada y una manta más, por favor?',
    '¿Hay algún supermercado o farmacia cerca del hotel?',
    '¿Podemos dejar las maletas después del check-out? Nuestro tren sale por la tarde.',
  ],
}
