import type { KrosaiStrings } from './strings.js';

export const de: KrosaiStrings = {
  defaultTitle: 'Sprechen Sie mit uns',
  openPanel: 'Unterhaltung öffnen',
  closePanel: 'Unterhaltung schließen',
  unread: '{count} neue Nachrichten',
  messagesLabel: 'Nachrichten',
  you: 'Sie',
  agent: 'Agent',
  provisional: 'hört noch zu',
  newMessages: 'Neue Nachrichten',
  earlierMessages: 'Frühere Nachrichten anzeigen',
  showMore: 'Mehr anzeigen',
  emptyState: 'Drücken Sie das Mikrofon, um zu sprechen, oder schreiben Sie eine Nachricht.',
  loading: 'Ihre Unterhaltung wird geladen…',
  conversationOver: 'Diese Unterhaltung ist beendet. Starten Sie einen Anruf für eine neue.',
  startCall: 'Sprachanruf starten',
  hangUp: 'Auflegen',
  mute: 'Mikrofon stummschalten',
  retry: 'Erneut versuchen',
  takeOver: 'Hier fortsetzen',
  dismiss: 'Schließen',
  composerLabel: 'Nachricht',
  composerPlaceholder: 'Nachricht schreiben…',
  send: 'Senden',
  composerStartsText: 'Ihre Nachricht startet eine Unterhaltung per Text; das Mikrofon bleibt aus.',
  composerVoiceUnavailable: 'Sprache ist hier nicht verfügbar; Sie können weiter schreiben.',
  composerWait: 'Ihre Nachricht wird gesendet, sobald der Agent beigetreten ist.',
  composerUnavailable: 'Nachrichten können gerade nicht gesendet werden.',
  enableAudio: 'Ton einschalten',
  agentSound: 'Stimme des Agenten',
  newConversation: 'Neue Unterhaltung',
  showHistory: 'Frühere Unterhaltungen',
  historyLabel: 'Ihre Unterhaltungen',
  historyEmpty: 'Noch keine Unterhaltungen.',
  yourVoice: 'Ihre Stimme',
  agentVoice: 'Stimme des Agenten',
  callTimer: 'Gesprächsdauer',
  microphone: 'Mikrofon',
  microphoneDefault: 'Standardmikrofon',
  microphoneUnnamed: 'Mikrofon {number}',
  microphoneFallback:
    'Ihr Mikrofon wurde getrennt. Stattdessen wird das Standardmikrofon verwendet.',
  consentTitle: 'Bevor es losgeht',
  consentAccept: 'Ich stimme zu',
  consentDecline: 'Jetzt nicht',
  consentLink: 'Bedingungen lesen',
  expandPanel: 'Unterhaltung vergrößern',
  collapsePanel: 'Unterhaltung verkleinern',
  storageWarning:
    'Ihr Browser erlaubt uns nicht, diese Unterhaltung nach dem Verlassen der Seite zu behalten.',
  downloadTranscript: 'Transkript herunterladen',
  downloadTranscriptOf: 'Transkript von {name} herunterladen',
  feedbackGood: 'Hilfreich',
  feedbackBad: 'Nicht hilfreich',
  ratingQuestion: 'Wie war diese Unterhaltung?',
  ratingValue: '{count} von 5',
  ratingThanks: 'Danke für Ihr Feedback.',
  historyMessages: '{count} Nachrichten',
  historyOneMessage: '1 Nachricht',
  historyOver: 'Beendet',
  historyActive: 'Noch offen',
  startAnew: 'Neue Unterhaltung beginnen',
  continueVoice: 'Per Sprache fortsetzen',
  continueText: 'Schriftlich fortsetzen',
  call: {
    idle: 'Bereit',
    connecting: 'Verbinden…',
    'waiting-for-agent': 'Warten auf den Agenten…',
    connected: 'Verbunden',
    reconnecting: 'Neu verbinden…',
    ended: 'Anruf beendet',
    error: 'Anruf fehlgeschlagen',
  },
  callEnded: {
    kicked: 'Der Agent hat den Anruf beendet.',
    'room-closed': 'Die Unterhaltung wurde geschlossen.',
  },
  agentStates: {
    initializing: 'Wird vorbereitet',
    idle: '',
    listening: 'Hört zu',
    thinking: 'Denkt nach…',
    speaking: 'Spricht',
    unknown: '',
  },
  errors: {
    unauthorized:
      'Der Dienst hat unsere Zugangsdaten abgelehnt. Bitte wenden Sie sich an den Betreiber der Website.',
    forbidden:
      'Diese Unterhaltung ist für Sie nicht verfügbar. Beginnen Sie eine neue Unterhaltung.',
    'not-found':
      'Diese Unterhaltung oder dieser Agent existiert nicht mehr. Beginnen Sie eine neue Unterhaltung.',
    'rate-limited':
      'Gerade zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es erneut.',
    server: 'Der Dienst hatte ein Problem. Versuchen Sie es gleich noch einmal.',
    'bad-request':
      'Der Dienst hat die Anfrage abgelehnt. Bitte wenden Sie sich an den Betreiber der Website.',
    network:
      'Sie scheinen offline zu sein. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    timeout: 'Der Dienst hat zu lange gebraucht. Versuchen Sie es erneut.',
    aborted: 'Der Vorgang wurde abgebrochen.',
    'bad-response': 'Der Dienst hat unerwartet geantwortet. Versuchen Sie es später erneut.',
    'mic-denied':
      'Ihr Browser hat das Mikrofon blockiert. Klicken Sie auf das Kamera- oder Schloss-Symbol in der Adressleiste, erlauben Sie das Mikrofon für diese Website und versuchen Sie es erneut.',
    'mic-missing': 'Kein Mikrofon gefunden. Schließen Sie eines an und versuchen Sie es erneut.',
    'mic-busy':
      'Ein anderes Programm verwendet Ihr Mikrofon. Schließen Sie es und versuchen Sie es erneut.',
    'token-expired': 'Der Anruf konnte nicht autorisiert werden. Versuchen Sie es erneut.',
    'agent-unavailable':
      'Der Agent ist gerade nicht erreichbar. Versuchen Sie es in ein paar Minuten erneut.',
    'connection-lost':
      'Der Anruf wurde getrennt. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'call-elsewhere':
      'Diese Unterhaltung läuft bereits in einem anderen Tab. Machen Sie dort weiter oder legen Sie dort zuerst auf.',
    'storage-unavailable':
      'Ihr Browser erlaubt uns nicht, diese Unterhaltung nach dem Verlassen der Seite zu behalten.',
    'storage-full':
      'Der Speicher Ihres Browsers ist voll. Löschen Sie Ihren Verlauf, um neue Unterhaltungen zu behalten.',
    'load-failed':
      'Die Dateien des Widgets konnten nicht geladen werden. Laden Sie die Seite neu; wenn es wieder passiert, wenden Sie sich an den Betreiber der Website.',
    config:
      'Dieses Widget ist noch nicht eingerichtet. Bitte wenden Sie sich an den Betreiber der Website.',
    unknown: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.',
  },
};
