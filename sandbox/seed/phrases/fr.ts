import type { Phrasebook } from './types'

export const fr: Phrasebook = {
  guest: {
    checkin_time:
      "Bonjour ! À partir de quelle heure peut-on s'enregistrer le jour de l'arrivée ? Et jusqu'à quelle heure la réception est-elle ouverte ?",
    parking: 'Bonjour, nous venons en voiture. Y a-t-il un parking à l’hôtel ou à proximité ?',
    directions:
      "Bonjour, quel est le meilleur moyen de venir depuis l'aéroport ? On trouve facilement un taxi ou vaut-il mieux prendre les transports en commun ?",
    late_arrival:
      "Bonjour, notre vol a du retard et nous n'arriverons que vers 1 h du matin. Y aura-t-il quelqu'un pour nous ouvrir ?",
    early_checkin:
      "Bonjour ! Nous atterrissons à 8 h. Serait-il possible d'arriver plus tôt, ou au moins de déposer nos bagages ?",
    complaint:
      "Bonjour, la climatisation de notre chambre ne fonctionne pas et il fait vraiment très chaud. En plus, la douche s'écoule très mal. Quelqu'un pourrait-il passer voir ?",
    stain:
      'Désolée de vous déranger, il y a une tache sur le mur à côté du lit (voir la photo). Serait-il possible de la nettoyer ?',
    entrance:
      "Je suis devant l'immeuble : est-ce bien la bonne entrée ? La porte a l'air fermée. Je vous envoie une photo.",
    thanks:
      'Un grand merci pour ce séjour parfait ! La chambre était impeccable et toute l’équipe adorable. Nous reviendrons avec plaisir.',
    pet_question:
      'Bonjour, avant de confirmer : acceptez-vous un petit chien très sage (8 kg) ? Y a-t-il un supplément ?',
  },
  reply: {
    checkin_time:
      "Bonjour {guest}, l'enregistrement se fait à partir de 15 h et la réception est ouverte jusqu'à 23 h. Si vous arrivez plus tard, prévenez-nous et nous vous laisserons les clés dans une boîte à code.",
    parking:
      "Bonjour {guest}, nous n'avons pas de parking privé, mais il y a un parking public à deux minutes à pied. Demandez à la réception un bon de réduction.",
    directions:
      "Bonjour {guest}, le plus simple est de prendre le métro jusqu'au centre-ville : nous sommes à cinq minutes à pied de la station. En taxi, comptez environ 25 minutes. Voici un petit plan.",
    late_arrival:
      'Aucun problème, {guest}. Notre veilleur de nuit est là jusqu’à 7 h, vous pourrez donc vous enregistrer à toute heure. Bon voyage !',
    early_checkin:
      'Bonjour {guest} ! Nous ne pouvons pas garantir la chambre avant 15 h, mais nous ferons de notre mieux. Vous pouvez bien sûr déposer vos bagages et nous vous écrirons dès que la chambre sera prête.',
    complaint:
      'Nous sommes vraiment désolés, {guest}. Notre technicien passera dans votre chambre d’ici 30 minutes. Si la réparation prend du temps, nous vous changerons de chambre.',
    stain:
      'Merci pour la photo, {guest}, et toutes nos excuses. Le service de ménage passera cet après-midi pour la nettoyer.',
    entrance: "Oui, c'est bien chez nous ! Sonnez à droite de la porte et nous vous ouvrirons.",
    thanks:
      'Merci beaucoup pour ce gentil message, {guest} ! Ce fut un plaisir de vous accueillir. À très bientôt, nous l’espérons.',
    pet_question:
      'Bonjour {guest}, oui, les petits chiens sont les bienvenus ! Un petit forfait ménage est demandé par séjour. Au plaisir de vous accueillir tous les deux.',
  },
  extra: [
    'Le petit-déjeuner est-il inclus dans notre réservation ?',
    'Pourrions-nous avoir un oreiller et une couverture en plus, s’il vous plaît ?',
    'Y a-t-il une pharmacie ou un supermarché près de l’hôtel ?',
    'Peut-on laisser nos bagages après le départ ? Notre train part le soir.',
  ],
}
