// French free text for the timeline: call-centre notes, chats, social posts, reviews, searches.
import type { Product } from '../../src/domain/profile/schema.ts';
import type { Rng } from './random.ts';

export const CALL_REASONS = [
  'suivi_commande',
  'retour_produit',
  'sav',
  'carte_fidelite',
  'commande_telephone',
  'reclamation',
  'information_produit',
] as const;
export type CallReason = (typeof CALL_REASONS)[number];

const NOTES: Record<CallReason, readonly string[]> = {
  suivi_commande: [
    '{who} appelle pour un colis non reçu depuis {n} jours. Relance transporteur faite, rappel prévu sous 48 h.',
    '{who} demande où en est sa commande. Colis en point relais depuis hier, SMS de retrait renvoyé.',
    'Retard de livraison signalé par {who}. Geste commercial de 5 € proposé, accepté.',
  ],
  retour_produit: [
    '{who} souhaite retourner un article reçu abîmé. Étiquette de retour envoyée par e-mail.',
    'Demande de retour hors délai ({n} jours). Exception accordée par le superviseur.',
    '{who} a reçu le mauvais article. Échange lancé, renvoi express sans frais.',
  ],
  sav: [
    'Panne signalée sur un appareil encore sous garantie. Prise en charge SAV, dépôt en magasin conseillé.',
    '{who} n’arrive pas à appairer son casque Bluetooth. Procédure de réinitialisation expliquée, problème résolu.',
    'Console qui ne s’allume plus après {n} mois. Dossier SAV ouvert, envoi au réparateur.',
  ],
  carte_fidelite: [
    '{who} ne retrouve pas ses points de fidélité après un achat en magasin. Ticket rattaché à la carte.',
    'Demande de remplacement de carte fidélité perdue. Nouvelle carte envoyée, ancienne désactivée.',
    'Question sur le passage au statut supérieur de la carte Tact. Conditions rappelées.',
  ],
  commande_telephone: [
    '{who} passe commande par téléphone, paiement par carte. Livraison à domicile sous {n} jours.',
    'Commande téléphonique d’un cadeau, emballage cadeau demandé.',
  ],
  reclamation: [
    '{who} mécontent(e) de l’accueil en magasin. Réclamation transmise au directeur du magasin.',
    'Double prélèvement constaté sur la commande. Remboursement lancé, délai 5 jours ouvrés.',
    '{who} reçoit trop de messages promotionnels et demande à être moins sollicité(e).',
  ],
  information_produit: [
    'Question sur la compatibilité d’une manette avec la console. Réponse donnée, {who} satisfait(e).',
    '{who} demande la date de sortie d’un coffret. Inscrit(e) à l’alerte disponibilité.',
    'Renseignement sur le stock en magasin le plus proche. Produit réservé pour retrait.',
  ],
};

export function callNote(rng: Rng, reason: CallReason, female: boolean): string {
  return rng
    .pick(NOTES[reason])
    .replace('{who}', female ? 'La cliente' : 'Le client')
    .replace('{n}', String(rng.between(3, 14)));
}

const CHAT_TOPICS: readonly [string, string][] = [
  ['livraison', 'Bonjour, ma commande est marquée livrée mais je n’ai rien reçu.'],
  ['disponibilite', 'Est-ce que ce produit sera de nouveau disponible avant Noël ?'],
  ['paiement', 'Je n’arrive pas à payer en plusieurs fois, que faire ?'],
  ['retrait_magasin', 'Puis-je retirer ma commande dans un autre magasin ?'],
  ['fidelite', 'Comment utiliser mon bon de réduction de la carte Tact ?'],
];

export function chatMessage(rng: Rng): [topic: string, text: string] {
  return rng.pick(CHAT_TOPICS);
}

export const SOCIAL_NETWORKS = ['instagram', 'x', 'facebook', 'tiktok'] as const;

const BRAND_POSTS = [
  'Trop contente de mon {product} acheté chez @Tact_fr 😍',
  'Trois semaines pour recevoir ma commande @Tact_fr, sérieusement ?',
  'Merci au vendeur de chez Tact pour ses conseils, reparti avec {product} 👌',
  'Le rayon vinyles de chez Tact est devenu incroyable #vinyle',
  '@Tact_fr votre appli plante à chaque paiement, c’est pénible',
  'Queue interminable en caisse chez Tact ce samedi… #Noël',
];
const OTHER_POSTS = [
  'Quelqu’un a vu le nouveau coffret du Seigneur des Anneaux ? Il a l’air magnifique',
  'Soirée film ce soir, popcorn prêt 🍿',
  'Enfin fini ce roman, quelle claque',
  '#vinyleDuJour {product}',
  'Qui joue encore sur Wii en 2026 ? 🙋',
];

export function socialPost(
  rng: Rng,
  product: Product | null,
): [text: string, mentionsBrand: boolean] {
  const mentionsBrand = rng.chance(0.55);
  const template = rng.pick(mentionsBrand ? BRAND_POSTS : OTHER_POSTS);
  return [template.replace('{product}', product?.title ?? 'mon dernier achat'), mentionsBrand];
}

const REVIEWS: readonly (readonly string[])[] = [
  ['Boîtier arrivé cassé, très déçu.', 'Ne fonctionne pas, retourné.', 'À éviter.'],
  ['Qualité moyenne pour le prix.', 'Livraison longue et produit décevant.'],
  ['Correct sans plus.', 'Conforme à la description, sans surprise.'],
  ['Très bon produit, je recommande.', 'Bonne édition, bien emballée.', 'Satisfait de mon achat.'],
  [
    'Parfait, rien à redire !',
    'Superbe édition, un vrai bijou.',
    'Génial, toute la famille adore.',
  ],
];

export function reviewText(rng: Rng, rating: number): string {
  return rng.pick(REVIEWS[Math.min(4, Math.max(0, rating - 1))] ?? ['Bien.']);
}

const GENERIC_QUERIES = [
  'coffret noel',
  'ps5',
  'manette ps5',
  'casque sans fil',
  'vinyle jazz',
  'manga tome 1',
  'idée cadeau ado',
  'switch 2',
  'platine vinyle',
  'iphone 17',
  'bd jeunesse',
  'blu-ray 4k',
  'seigneur des anneaux',
  'enceinte bluetooth',
  'polar',
  'carte cadeau',
  'précommande',
];

const queries = new Map<string, string>();

function leadingWords(product: Product): string {
  let query = queries.get(product.sku);
  if (query === undefined) {
    query = (product.title.split(/[—,(]/)[0] ?? '')
      .trim()
      .toLowerCase()
      .split(' ')
      .slice(0, 3)
      .join(' ');
    if (queries.size < 100_000) queries.set(product.sku, query);
  }
  return query;
}

/** What a shopper types: a product's leading words or a generic query. */
export function searchQuery(rng: Rng, product: Product | null): string {
  if (product && rng.chance(0.6)) return leadingWords(product) || 'nouveautés';
  return rng.pick(GENERIC_QUERIES);
}

export const PAGE_PATHS = [
  '/',
  '/',
  '/rayon/livres',
  '/rayon/musique',
  '/rayon/films',
  '/rayon/jeux-video',
  '/rayon/hifi',
  '/rayon/telephonie',
  '/promotions',
  '/nouveautes',
  '/compte/commandes',
  '/carte-fidelite',
  '/magasins',
];
