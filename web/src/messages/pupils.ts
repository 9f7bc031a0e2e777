/** The outgoing pupils: the list (/leerlingen) and the schoolwisselaarsformulier (/leerlingen/:id). */
export const pupils = {
  // ---- the list
  title: 'Leerlingen',
  introSchool: (school: string, season: string) =>
    `De leerlingen van ${school} die van school wisselen, seizoen ${season}. Open een leerling om het formulier te bekijken of aan te vullen.`,
  introRegion: (season: string) =>
    `Alle schoolwisselaars in de regio, seizoen ${season}. Open een leerling om het formulier te bekijken.`,
  newPupil: 'Nieuwe leerling aanmelden',
  searchLabel: 'Zoek op naam',
  searchPlaceholder: 'Voornaam of achternaam',
  statusFilter: 'Status',
  statusFilterHint: 'Kies een of meer statussen; niets gekozen is alle leerlingen.',
  statusChip: (label: string, n?: number) => (n === undefined ? label : `${label} (${n})`),
  clearFilters: 'Filters wissen',
  tableCaption: (n: number) => `${n} ${n === 1 ? 'leerling' : 'leerlingen'}`,
  col: {
    name: 'Naam',
    dateOfBirth: 'Geboortedatum',
    from: 'Huidig',
    to: 'Gewenst',
    status: 'Status',
    sendingSchool: 'School van herkomst',
    receivingSchool: 'Nieuwe school',
    updatedAt: 'Laatst gewijzigd',
  },
  receivingProposed: (school: string) => `${school} (voorstel)`,
  instromer: 'Instromer (verhuisleerling)',
  emptyTitle: 'Nog geen leerlingen aangemeld',
  emptySchool: (school: string, season: string) =>
    `Er zijn nog geen leerlingen van ${school} aangemeld voor seizoen ${season}. Gaat een leerling van school wisselen? Vul dan samen met de leerling en de ouders het schoolwisselaarsformulier in.`,
  emptyRegion: (season: string) =>
    `Er zijn nog geen schoolwisselaars aangemeld voor seizoen ${season}.`,
  emptyFilteredTitle: 'Geen leerlingen gevonden',
  emptyFiltered:
    'Geen leerling past bij deze zoekopdracht of status. Controleer de spelling of wis de filters.',

  // ---- the form
  newTitle: 'Nieuwe leerling aanmelden',
  newIntro:
    'Het schoolwisselaarsformulier. Vul het samen met de leerling en de ouders in. U kunt het tussendoor opslaan als concept; pas na indienen doet de leerling mee aan de matchingsronde.',
  formTitle: (name: string) => name,
  backToList: 'Terug naar de leerlingen',
  required: 'verplicht',
  requiredToSubmit: 'nodig om in te dienen',
  section: {
    pupil: 'Leerling',
    place: 'Huidige en gewenste plek',
    justification: 'Onderbouwing',
    support: 'Ondersteuning',
    preferences: 'Voorkeursscholen',
    consent: 'Toestemming',
  },
  field: {
    firstName: 'Voornaam',
    lastName: 'Achternaam',
    dateOfBirth: 'Geboortedatum',
    postcode: 'Postcode',
    postcodeHint: 'Van het woonadres, bijvoorbeeld 1092 AB.',
    sendingSchool: 'School van herkomst',
    sendingSchoolNone: 'Geen: instromer (verhuisleerling van buiten de regio)',
    sendingSchoolHint:
      'De school die de leerling nu verlaat. Kies "geen" voor een leerling die de regio in komt.',
    currentGrade: 'Huidig leerjaar',
    currentLevel: 'Huidig niveau',
    requestedGrade: 'Gewenst leerjaar',
    requestedLevel: 'Gewenst niveau',
    requestedProfile: 'Gewenst profiel',
    requestedProfileHint:
      'Alleen als het ertoe doet, vanaf leerjaar 3 (vmbo) of 4 (havo, vwo). Bijvoorbeeld: Zorg en welzijn, N&T.',
    reason: 'Reden',
    justification: 'Onderbouwing',
    justificationHint:
      'Waarom past een andere school beter? Beschrijf ook welke ondersteuning de leerling al heeft gekregen, wat daarvan het resultaat was, en de situatie van de leerling.',
    supportCategories: 'Ondersteuningsbehoefte op het gebied van',
    supportNeeds: 'Toelichting op de ondersteuningsbehoefte',
    supportNeedsHint:
      'Wat heeft de leerling nodig op de nieuwe school? Schrijf alleen op wat de nieuwe school nodig heeft om goed te kunnen beginnen.',
    consentBy: 'Toestemming gegeven door',
    consentHint:
      'Leg vast wie toestemming heeft gegeven om dit formulier met de voorgestelde school te delen. Zonder toestemming kunt u niet indienen.',
  },
  choose: 'Kies…',
  gradeOption: (g: number) => `${g}`,
  reasons: {
    verhuizing: 'Verhuizing',
    afstroom: 'Afstroom (naar een lager niveau)',
    opstroom: 'Opstroom (naar een hoger niveau)',
    anders: 'Andere reden',
  } as Record<string, string>,
  supportCategories: {
    leren: 'Leren',
    gedrag: 'Gedrag',
    'sociaal-emotioneel': 'Sociaal-emotioneel',
    'fysiek-medisch': 'Fysiek of medisch',
    thuissituatie: 'Thuissituatie',
    taal: 'Taal',
    anders: 'Anders',
  } as Record<string, string>,
  consentBy: {
    '': 'Nog niet vastgelegd',
    ouders: 'Ouders of verzorgers',
    leerling: 'De leerling (16 jaar of ouder)',
    'ouders-en-leerling': 'Ouders of verzorgers én de leerling',
  } as Record<string, string>,
  consentRecorded: (by: string, at: string) => `Vastgelegd: ${by}, op ${at}.`,
  sensitiveTitle: 'Bijzondere persoonsgegevens',
  sensitiveBody:
    'Gegevens over gezondheid en ondersteuning zijn bijzondere persoonsgegevens. Ze worden versleuteld bewaard en alleen gedeeld met de school waar de leerling wordt voorgesteld. Noteer geen diagnoses of medische details die de nieuwe school niet nodig heeft.',

  // ---- the preference picker
  prefIntro:
    'Kies de scholen in volgorde van voorkeur: de bovenste is de eerste keus. De leerling wordt alleen geplaatst op een school uit deze lijst. Elke school met het gewenste niveau kan, ook als ze nog geen vrije plaatsen heeft ingevoerd; heeft ze bij de ronde geen plaats, dan slaat de ronde haar over.',
  prefNeedsPlace:
    'Kies eerst een bestaand gewenst leerjaar en niveau; dan ziet u welke scholen dat niveau hebben.',
  prefAdd: 'Voeg een school toe',
  prefAddButton: 'Toevoegen',
  prefChooseSchool: 'Kies een school…',
  prefGroupFree: 'Met vrije plaatsen',
  prefGroupFull: 'Nu vol (er kan nog een plek vrijkomen)',
  prefGroupNone: 'Nog geen plaatsen ingevoerd',
  prefNoPlacesYet: 'nog geen plaatsen',
  prefNoneOffered: (what: string) =>
    `Geen enkele andere school heeft ${what}. Overleg met de onderwijsadviseur.`,
  prefAllChosen: 'Alle scholen met dit niveau staan al in de lijst.',
  prefMax: (n: number) => `U kunt hoogstens ${n} scholen opgeven.`,
  prefEmpty: 'Nog geen voorkeursscholen gekozen.',
  prefListLabel: 'Gekozen voorkeursscholen, eerste keus bovenaan',
  prefFree: (n: number) => (n === 0 ? 'vol' : `${n} vrije ${n === 1 ? 'plaats' : 'plaatsen'}`),
  /** free places, and how many pupils already ask for them (they compete in the next round) */
  prefFreeAsked: (n: number, asking: number) =>
    `${n} vrije ${n === 1 ? 'plaats' : 'plaatsen'}, ${asking} ${asking === 1 ? 'leerling vraagt' : 'leerlingen vragen'} erom`,
  prefOption: (name: string, district: string, free: string) => `${name} (${district}) – ${free}`,
  prefNotOffered: 'heeft het gewenste niveau niet',
  prefUp: (name: string) => `Omhoog: ${name}`,
  prefDown: (name: string) => `Omlaag: ${name}`,
  prefRemove: (name: string) => `Verwijderen: ${name}`,
  prefPosition: (pos: number) => `${pos}e keus`,
  prefMoved: (name: string, pos: number, of: number) =>
    `${name} staat nu op plaats ${pos} van ${of}.`,
  prefAdded: (name: string, pos: number) => `${name} toegevoegd op plaats ${pos}.`,
  prefRemoved: (name: string) => `${name} verwijderd uit de voorkeuren.`,
  prefLoading: 'Scholen laden…',
  thisSchool: 'deze school',

  // ---- validation
  v: {
    required: 'Vul dit in.',
    choose: 'Maak een keuze.',
    date: 'Vul een geldige datum in.',
    future: 'Deze datum ligt in de toekomst.',
    age: (age: number) =>
      `Een leerling van ${age} jaar? Controleer de geboortedatum (verwacht 8 tot en met 25 jaar).`,
    postcode: 'Vul de postcode in als 1234 AB.',
    gradeLevel: (grade: number, level: string, max: number) =>
      `Leerjaar ${grade} bestaat niet voor ${level} (leerjaar 1 tot en met ${max}).`,
    justification: 'Vul de onderbouwing in; die is nodig om in te dienen.',
    consent: 'Leg vast wie toestemming heeft gegeven; dat is nodig om in te dienen.',
    preferences: 'Kies minstens één voorkeursschool; dat is nodig om in te dienen.',
    prefNotOffered:
      'Een of meer gekozen scholen hebben het gewenste niveau niet. Verwijder die of pas de gewenste plek aan.',
    tooLong: (max: number) => `Hoogstens ${max} tekens.`,
    summary: (n: number) =>
      n === 1 ? 'Eén veld moet nog worden aangepast.' : `${n} velden moeten nog worden aangepast.`,
  },

  // ---- actions
  saveDraft: 'Opslaan als concept',
  submit: 'Indienen',
  withdraw: 'Intrekken',
  saved: 'Concept opgeslagen.',
  created: (name: string) => `${name} is aangemeld als concept.`,
  submitted: (name: string) => `${name} is ingediend en doet mee aan de volgende matchingsronde.`,
  withdrawn: (name: string) => `De aanmelding van ${name} is ingetrokken.`,
  savedButNotSubmitted:
    'Het concept is opgeslagen, maar kon nog niet worden ingediend. Pas de gemarkeerde velden aan en dien opnieuw in.',
  submitConfirmTitle: 'Leerling indienen?',
  submitConfirmBody: (name: string) =>
    `Na het indienen doet ${name} mee aan de volgende matchingsronde. Daarna kunt u de gegevens niet meer wijzigen; intrekken kan wel.`,
  nextRound: (date: string) => `De volgende matchingsronde is op ${date}.`,
  submitConfirm: 'Ja, indienen',
  withdrawTitle: 'Aanmelding intrekken',
  withdrawBody: (name: string) =>
    `Na het intrekken doet ${name} niet meer mee aan de matchingsrondes. Staat er een voorstel open, dan vervalt dat en komt de plaats weer vrij. Dit kan niet ongedaan worden gemaakt.`,
  withdrawReason: 'Reden van intrekken',
  withdrawReasonHint: 'Bijvoorbeeld: de ouders hebben zelf een school buiten de regio gevonden.',
  withdrawReasonShort: 'Schrijf minstens een paar woorden (3 tekens of meer).',
  withdrawConfirm: 'Aanmelding intrekken',
  unsaved: 'Wijzigingen nog niet opgeslagen',

  // ---- status notes above a read-only form
  state: {
    draft:
      'Concept: nog niet ingediend. De leerling doet pas mee aan de matchingsronde na indienen.',
    submitted: (at: string) =>
      `Ingediend op ${at}. De leerling doet mee aan de volgende matchingsronde. Gegevens wijzigen kan niet meer; klopt er iets niet, trek de aanmelding dan in en meld de leerling opnieuw aan, of neem contact op met de onderwijsadviseur.`,
    proposed: (school: string) =>
      `Voorgesteld aan ${school}. De school beslist binnen de antwoordtermijn of zij het voorstel accepteert.`,
    placed: (school: string) => `Geplaatst op ${school}.`,
    withdrawn: (reason: string) => `Ingetrokken. Reden: ${reason}`,
    mediation:
      'In bemiddeling: de matchingsronde kon de leerling niet plaatsen. Een onderwijsadviseur zoekt met u naar een plek.',
    readOnly: 'Alleen-lezen: u kunt deze aanmelding niet wijzigen.',
  },
  noSchool:
    'U bent niet gekoppeld aan een school. Vraag het bureau van het samenwerkingsverband om u aan uw school te koppelen.',
  summaryTitle: 'Stand van zaken',
  dossier: 'Dossiernummer',
  statusLabel: 'Status',
  submittedAt: 'Ingediend op',
  createdAt: 'Aangemeld op',
  receivingSchool: 'Nieuwe school',
  lateEntry: 'Late aanmelding',
  lateEntryNote:
    'Ingediend na de sluiting van de inschrijving, door een onderwijsadviseur of het bureau.',
  proposalsTitle: 'Voorstellen',
  proposalsEmpty: 'Nog geen voorstellen van een ronde.',
  proposalsLabel: 'Voorstellen voor deze leerling, oudste eerst',
  proposalLine: (school: string, place: string) => `${school}, ${place}`,
  proposalRespondBy: (date: string) => `reageren tot en met ${date}`,
  notFilled: '—',
  none: 'Geen',

  // ---- help beside a new form
  howTitle: 'Zo werkt het',
  how: [
    'Vul het formulier samen met de leerling en de ouders in. Tussendoor opslaan als concept kan altijd.',
    'Kies de voorkeursscholen in volgorde: elke school met het gewenste niveau, ook een die nog geen vrije plaatsen heeft ingevoerd.',
    'Leg vast wie toestemming heeft gegeven en dien het formulier in.',
    'De matchingsronde doet een voorstel. De nieuwe school accepteert of wijst af; u ziet het hier en krijgt een melding.',
  ],
  roundDates: (dates: string) => `Matchingsrondes dit seizoen: ${dates}.`,
  sendingSchoolFixed: (school: string) => `Aangemeld door ${school}.`,

  // ---- history
  historyTitle: 'Geschiedenis',
  historyEmpty: 'Nog geen gebeurtenissen.',
  historyLabel: 'Geschiedenis van deze aanmelding, oudste eerst',
  history: {
    created: () => 'Aangemeld als concept',
    updated: () => 'Gegevens gewijzigd',
    'list.extended': () => 'Scholen toegevoegd aan de voorkeurenlijst',
    submitted: () => 'Ingediend',
    withdrawn: () => 'Ingetrokken',
    proposed: () => 'Voorgesteld door de matchingsronde',
    mediation: () => 'Niet geplaatst in de ronde: in bemiddeling',
    'mediation.opened': () => 'In bemiddeling genomen',
    placed: (school?: string) => (school ? `Geplaatst op ${school}` : 'Geplaatst'),
    returned: () => 'Terug naar de volgende ronde',
    'proposal.created': (school?: string) =>
      school ? `Voorgesteld aan ${school}` : 'Voorgesteld aan een school',
    'proposal.accepted': (school?: string) =>
      `${school ?? 'De school'} heeft het voorstel geaccepteerd`,
    'proposal.declined': (school?: string) =>
      `${school ?? 'De school'} heeft het voorstel afgewezen`,
    'proposal.lapsed': (school?: string) =>
      `Voorstel${school ? ` aan ${school}` : ''} vervallen: de aanmelding is ingetrokken`,
    'proposal.overdue': (school?: string) =>
      `${school ?? 'De school'} heeft niet binnen de termijn geantwoord`,
  } as Record<string, (school?: string) => string>,
  historyReason: (reason: string) => `Reden: ${reason}`,
  actor: {
    coordinator: 'door een overstapcoördinator',
    advisor: 'door een onderwijsadviseur',
    admin: 'door het bureau',
    system: 'door de matchingsronde',
  } as Record<string, string>,
  declineReasons: {
    'geen-passende-ondersteuning': 'geen passende ondersteuning mogelijk',
    'plaats-niet-meer-beschikbaar': 'plaats niet meer beschikbaar',
    'niveau-past-niet': 'niveau past niet',
    'profiel-past-niet': 'profiel past niet',
    anders: 'andere reden',
  } as Record<string, string>,
  // ---- room and the length of the list (issue 22)
  placesNow: (n: number, what: string) =>
    n === 0
      ? `Geen enkele school heeft nu plaats voor ${what}.`
      : `${n} ${n === 1 ? 'school heeft' : 'scholen hebben'} nu plaats voor ${what}.`,
  shortListTitle: 'Korte lijst',
  shortList: (n: number) =>
    `Een korte lijst is de belangrijkste reden dat leerlingen geen plaats krijgen. Kies er minstens ${n}.`,
  shortListCount: (n: number) =>
    n === 0
      ? 'Er staat nog geen school in de lijst.'
      : `Er ${n === 1 ? 'staat nu 1 school' : `staan nu ${n} scholen`} in de lijst.`,
  prefFixed: 'al ingediend',
  prefNew: 'nieuw',
  prefDeclined: (names: string) =>
    `Niet te kiezen, deze ${names.includes(',') ? 'scholen wezen' : 'school wees'} de leerling af: ${names}.`,
  // ---- "Kans in de volgende ronde" (a pupil in mediation, or back after a decline)
  next: {
    title: 'Kans in de volgende ronde',
    noPlace:
      'In de matchingsronde was er voor deze leerling geen plaats op de gekozen scholen. Voeg scholen toe en dien opnieuw in: dan doet de leerling mee aan de volgende ronde.',
    declined: (schools: string) =>
      `${schools} heeft het voorstel afgewezen. De leerling doet mee aan de volgende ronde; met meer scholen in de lijst is de kans op een plaats groter.`,
    nextRound: (date: string) => `De volgende matchingsronde is op ${date}.`,
    noNextRound:
      'Er staat dit seizoen geen matchingsronde meer gepland. De onderwijsadviseur zoekt een plaats; een langere lijst helpt ook daarbij.',
    keepOrder:
      'De scholen die al in de lijst stonden, blijven bovenaan in dezelfde volgorde. Nieuwe scholen komen eronder.',
    resubmit: 'Opnieuw indienen voor de volgende ronde',
    save: 'Langere lijst opslaan',
    addFirst: 'Voeg eerst minstens één school toe aan de lijst.',
    confirmTitle: 'Opnieuw indienen?',
    confirmBody: (name: string, added: number) =>
      `${name} doet mee aan de volgende matchingsronde met ${added === 1 ? '1 school' : `${added} scholen`} meer in de lijst. De onderwijsadviseur blijft betrokken tot de leerling geplaatst is.`,
    confirmSaveTitle: 'Langere lijst opslaan?',
    confirmSaveBody: (name: string, added: number) =>
      `De lijst van ${name} krijgt ${added === 1 ? '1 school' : `${added} scholen`} erbij, voor de volgende matchingsronde.`,
    confirm: 'Ja, opnieuw indienen',
    confirmSave: 'Ja, opslaan',
    done: (name: string) => `${name} is opnieuw ingediend voor de volgende ronde.`,
    saved: (name: string) => `De langere lijst van ${name} is opgeslagen.`,
    undo: 'Nieuwe scholen weghalen',
  },
};
