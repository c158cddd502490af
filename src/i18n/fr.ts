import type { KrosaiStrings } from './strings.js';

export const fr: KrosaiStrings = {
  defaultTitle: 'Parlez-nous',
  openPanel: 'Ouvrir la conversation',
  closePanel: 'Fermer la conversation',
  unread: '{count} nouveaux messages',
  messagesLabel: 'Messages',
  you: 'Vous',
  agent: 'Agent',
  provisional: 'écoute en cours',
  newMessages: 'Nouveaux messages',
  emptyState: 'Appuyez sur le micro pour parler, ou écrivez un message.',
  loading: 'Chargement de votre conversation…',
  conversationOver:
    'Cette conversation est terminée. Lancez un appel pour en commencer une nouvelle.',
  startCall: "Démarrer l'appel vocal",
  hangUp: 'Raccrocher',
  mute: 'Couper le micro',
  retry: 'Réessayer',
  takeOver: 'Continuer ici',
  dismiss: 'Fermer',
  composerLabel: 'Message',
  composerPlaceholder: 'Écrivez un message…',
  send: 'Envoyer',
  composerStartsCall: 'Envoyer un message démarre un appel vocal.',
  composerWait: "Votre message sera envoyé dès que l'agent aura rejoint l'appel.",
  composerUnavailable: "Impossible d'envoyer des messages pour le moment.",
  enableAudio: 'Activer le son',
  newConversation: 'Nouvelle conversation',
  showHistory: 'Conversations précédentes',
  historyLabel: 'Vos conversations',
  historyEmpty: 'Aucune conversation pour le moment.',
  yourVoice: 'Votre voix',
  agentVoice: "Voix de l'agent",
  storageWarning:
    'Votre navigateur ne nous permet pas de garder cette conversation après votre départ.',
  call: {
    idle: 'Prêt',
    connecting: 'Connexion…',
    'waiting-for-agent': "En attente de l'agent…",
    connected: 'Connecté',
    reconnecting: 'Reconnexion…',
    ended: 'Appel terminé',
    error: "Échec de l'appel",
  },
  callEnded: {
    kicked: 'L’agent a mis fin à l’appel.',
    'room-closed': 'La conversation a été fermée.',
  },
  agentStates: {
    initializing: 'Préparation',
    idle: '',
    listening: 'À l’écoute',
    thinking: 'Réflexion…',
    speaking: 'Parle',
    unknown: '',
  },
  errors: {
    unauthorized: 'Le service a refusé nos identifiants. Contactez le responsable du site.',
    forbidden:
      'Cette conversation ne vous est pas accessible. Commencez une nouvelle conversation.',
    'not-found':
      "Cette conversation ou cet agent n'existe plus. Commencez une nouvelle conversation.",
    'rate-limited': 'Trop de demandes pour le moment. Patientez un instant, puis réessayez.',
    server: 'Le service a rencontré un problème. Réessayez dans un instant.',
    'bad-request': 'Le service a refusé la demande. Contactez le responsable du site.',
    network: 'Vous semblez hors ligne. Vérifiez votre connexion, puis réessayez.',
    timeout: 'Le service a mis trop de temps à répondre. Réessayez.',
    aborted: "L'opération a été annulée.",
    'bad-response': 'Le service a donné une réponse inattendue. Réessayez plus tard.',
    'mic-denied':
      "Votre navigateur a bloqué le micro. Cliquez sur l'icône de caméra ou de cadenas dans la barre d'adresse, autorisez le micro pour ce site, puis réessayez.",
    'mic-missing': 'Aucun micro trouvé. Branchez-en un, puis réessayez.',
    'mic-busy': 'Un autre programme utilise votre micro. Fermez-le, puis réessayez.',
    'token-expired': "L'appel n'a pas pu être autorisé. Réessayez.",
    'agent-unavailable':
      "L'agent n'est pas disponible pour le moment. Réessayez dans quelques minutes.",
    'connection-lost': "L'appel a été coupé. Vérifiez votre connexion, puis réessayez.",
    'call-elsewhere':
      'Cette conversation est déjà en appel dans un autre onglet. Continuez-y, ou raccrochez-y d’abord.',
    'storage-unavailable':
      'Votre navigateur ne nous permet pas de garder cette conversation après votre départ.',
    'storage-full':
      'Le stockage de votre navigateur est plein. Effacez votre historique pour garder les nouvelles conversations.',
    config: "Ce widget n'est pas encore configuré. Contactez le responsable du site.",
    unknown: 'Un problème est survenu. Réessayez.',
  },
};
