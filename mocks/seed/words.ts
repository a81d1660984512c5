// Word lists the catalogue builds French titles from, combinatorially.

export const BOOK_SUBJECTS = [
  'Le Silence',
  'La Mémoire',
  'Les Enfants',
  'L’Ombre',
  'Le Jardin',
  'L’Héritière',
  'La Promesse',
  'Le Vent',
  'Le Dernier Été',
  'Le Secret',
  'La Lumière',
  'La Maison',
  'Le Voyageur',
  'L’Horloger',
  'La Passeuse',
  'Les Lettres',
  'La Fille',
  'Le Phare',
  'Les Oubliés',
  'La Traversée',
  'Les Heures',
  'La Nuit',
  'Le Goût',
  'Les Sentiers',
  'Le Chant',
  'Les Amants',
  'La Colère',
  'Le Bal',
  'Les Saisons',
  'L’Inconnue',
  'Le Libraire',
  'La Brodeuse',
  'Les Veilleurs',
  'Le Pont',
] as const;

export const BOOK_COMPLEMENTS = [
  'de la mer',
  'du phare',
  'sous la pluie',
  'de Belleville',
  'au bout du monde',
  'des Cévennes',
  'd’Arcachon',
  'de minuit',
  'sans retour',
  'en hiver',
  'entre deux rives',
  'aux yeux clairs',
  'des oiseaux',
  'de Lisbonne',
  'du dimanche',
  'des jours heureux',
  'sur la Loire',
  'de nos pères',
  'du vieux port',
  'à la fenêtre',
  'de la rue des Martyrs',
  'd’après',
  'du lac',
  'des Landes',
] as const;

export const CRIME_PATTERNS = [
  'Meurtre à {city}',
  'L’Affaire {name}',
  'Nuit noire sur {city}',
  'Le Commissaire {name} enquête',
  'Les Disparus de {city}',
  'Mortelle saison à {city}',
  'Un corps dans le canal',
  'Le Dernier Témoin',
  'La Neige était rouge',
  'Cold case à {city}',
  'Le Silence de {name}',
  'Ne dis rien à {first}',
] as const;

export const COMIC_SERIES = [
  'Les Mondes de Kora',
  'Brigade Marmotte',
  'Capitaine Ysar',
  'Lulu et Basile',
  'Les Pirates de Gaïa',
  'Zélie et les Dragons',
  'Le Royaume de Nulle-Part',
  'Les Enquêtes de Mlle Pic',
] as const;

export const MANGA_SERIES = [
  'Kaze no Yaiba',
  'Hoshi Quest',
  'Tokyo Hanabi',
  'Shinrai',
  'Blue Lotus Academy',
  'Ryūsei Kitchen',
  'Oni no Michi',
  'Sakura Strikers',
] as const;

export const FANTASY_WORLDS = [
  'Aldoria',
  'Kelthar',
  'Ysmir',
  'Valmorre',
  'Orbe d’Argent',
  'Nérys',
] as const;

export const ESSAY_TITLES = [
  'Éloge de la lenteur',
  'Éloge de la marche',
  'Pourquoi nous lisons',
  'Pourquoi nous doutons',
  'Une brève histoire de la musique',
  'Une brève histoire du cinéma',
  'Le Temps des écrans',
  'Petite philosophie du jeu vidéo',
  'Apprendre à ne rien faire',
  'La France des librairies',
  'Ce que le vinyle nous dit',
  'Habiter le monde',
] as const;

export const COOKBOOK_TITLES = [
  'Cuisine du marché',
  'Recettes de grand-mère',
  'Cuisine végétarienne',
  'Saveurs du Sud-Ouest',
  'Cuisine express',
  'Le Grand Livre des desserts',
  'Bistrot à la maison',
  'Pains et viennoiseries',
] as const;

export const PUBLISHERS = [
  'Gallimard',
  'Flammarion',
  'Albin Michel',
  'Actes Sud',
  'Grasset',
  'Seuil',
  'Robert Laffont',
  'Hachette',
  'La Découverte',
] as const;

export const BAND_NAMES = [
  'Les Nuits Blanches',
  'Les Marins d’Eau Douce',
  'Les Fauves Tranquilles',
  'Minuit Papillon',
  'Sirène Électrique',
  'Les Garçons du Square',
  'Radio Belleville',
  'Orage Mécanique',
  'La Fanfare du Nord',
  'Les Cœurs Sauvages',
  'Néon Riviera',
  'Pluie d’Été',
  'Tournesol',
  'Kiddo B',
  'Lune Rousse',
  'Dj Saphir',
  'Nadja K',
  'Les Sœurs Lumière',
  'Capitaine Écho',
] as const;

export const ALBUM_TITLES = [
  'Nuits fauves',
  'Soleil de plomb',
  'Météores',
  'Rivages',
  'Le Grand Bleu',
  'Boulevard',
  'Insomnies',
  'Chambre avec vue',
  'Vertige',
  'Tout ira bien',
  'Lumière du nord',
  'Paris-Marseille',
  'Cavale',
  'Mille Soleils',
  'Pleine Lune',
  'Comme avant',
  'Frontières',
  'Second souffle',
  'La Fête est finie',
  'Amour et béton',
  'Sur la route',
  'Aube',
  'Électricité',
  'Poussière d’étoiles',
] as const;

export const CLASSICAL_WORKS = [
  'Debussy : Préludes',
  'Ravel : Boléro',
  'Bach : Suites pour violoncelle',
  'Satie : Gymnopédies',
  'Mozart : Requiem',
  'Beethoven : Symphonie n° 9',
  'Chopin : Nocturnes',
  'Fauré : Requiem',
  'Vivaldi : Les Quatre Saisons',
  'Bizet : Carmen',
  'Saint-Saëns : Le Carnaval des animaux',
] as const;

export const ORCHESTRAS = [
  'Orchestre national de Lyon',
  'Orchestre de chambre de Paris',
  'Orchestre national du Capitole',
  'Quatuor Ébène',
  'Orchestre philharmonique de Strasbourg',
  'Les Arts Florissants',
] as const;

export const LABELS = [
  'Universal Music',
  'Sony Music',
  'Warner Music',
  'Because Music',
  'Naïve',
  'Tôt ou Tard',
  'Ed Banger',
  'Wagram',
] as const;

export const MUSIC_GENRES = [
  'chanson',
  'pop',
  'rock',
  'rap',
  'electro',
  'jazz',
  'classique',
  'bande_originale',
] as const;

export const FILM_SUBJECTS = [
  'Le Dernier Train',
  'La Nuit du',
  'Les Ombres',
  'Le Mystère',
  'La Vengeance',
  'Les Enfants',
  'Le Bal',
  'La Fugue',
  'Les Rois',
  'L’Évasion',
  'La Reine',
  'Le Casse',
  'Les Sentinelles',
  'La Course',
  'Le Grand Saut',
  'L’Appel',
  'Les Naufragés',
  'La Chute',
] as const;

export const FILM_COMPLEMENTS = [
  'de Marseille',
  'du siècle',
  'de minuit',
  'du désert',
  'de l’hiver',
  'des étoiles',
  'du nord',
  'de Montmartre',
  'des glaces',
  'du Pacifique',
  'sans visage',
  'de l’ombre',
  'du dragon',
] as const;

export const FILM_STANDALONE = [
  'Opération Chamois',
  'Mission Biarritz',
  'Paul et Jeanne',
  'Bienvenue à Trouville',
  'Planète Zéro',
  'Les Vacances de Monsieur Dufour',
  'Hors de contrôle',
  'Coup de foudre à Nantes',
  'Aigle noir',
  'Le Petit Renard et la Lune',
  'Galaxie Perdue',
  'Tous en scène à Lyon',
  'Vol de nuit',
] as const;

export const SERIES_TITLES = [
  'Les Gardiens du Phare',
  'Brigade Riviera',
  'Chroniques de Valmorre',
  'Hôpital Saint-Roch',
  'Les Héritiers',
  'Zone Blanche',
  'Marseille Nord',
  'Les Voyageurs du temps',
] as const;

export const STUDIOS = [
  'Warner Bros.',
  'Universal Pictures',
  'StudioCanal',
  'Pathé',
  'Gaumont',
  'Disney',
  'Paramount',
  'Sony Pictures',
  'Metropolitan',
  'Wild Side',
  'France Télévisions Distribution',
] as const;

export const FILM_GENRES = [
  'action',
  'comedie',
  'drame',
  'animation',
  'science_fiction',
  'thriller',
  'documentaire',
  'policier',
] as const;

export const GAME_PREFIXES = [
  'Chroniques',
  'Légendes',
  'Odyssée',
  'Rallye',
  'Foot Pro',
  'Turbo Kart',
  'Donjons',
  'Galaxie',
  'Ninja',
  'Ferme',
  'Pirates',
  'Robots',
  'Chevaliers',
  'Mystères',
  'Cuisine',
  'Danse',
] as const;

export const GAME_SUFFIXES = [
  'd’Aldoria',
  'Stellaire',
  'Extrême',
  '26',
  'Party',
  'Origins',
  'Tactics',
  'Remastered',
  'des Abysses',
  'Royale',
  'Deluxe',
  'Académie',
  'Horizons',
  'Infinity',
  'Aventure',
  'Arena',
] as const;

export const GAME_PUBLISHERS = [
  'Ubisoft',
  'Nintendo',
  'Sony Interactive',
  'Microsoft',
  'Electronic Arts',
  'Bandai Namco',
  'Square Enix',
  'Focus Entertainment',
  'Capcom',
  'Sega',
  'Nacon',
  'Don’t Nod',
] as const;

export const GAME_GENRES = [
  'action',
  'aventure',
  'sport',
  'course',
  'rpg',
  'party',
  'simulation',
  'strategie',
] as const;

export const POCKET_PUBLISHERS = [
  'Le Livre de Poche',
  'Folio',
  'Pocket',
  'J’ai lu',
  'Points',
] as const;

export const CLASSICAL_LABELS = [
  'Deutsche Grammophon',
  'Harmonia Mundi',
  'Erato',
  'Naïve',
] as const;

export const PUBLISHERS_BY_SUBCATEGORY: Readonly<Record<string, readonly string[]>> = {
  bande_dessinee: ['Dargaud', 'Casterman', 'Delcourt', 'Dupuis', 'Glénat'],
  manga: ['Kana', 'Glénat', 'Pika', 'Ki-oon'],
  cuisine: ['Marabout', 'Larousse', 'Hachette Cuisine'],
  science_fiction_fantasy: ['Bragelonne', 'L’Atalante', 'Robert Laffont'],
};
