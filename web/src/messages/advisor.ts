/**
 * Texts of the advisors' pages: the mediation desk (/bemiddeling), one case (/bemiddeling/:id),
 * instromers (/instromers) and the plaatsingstafel (/plaatsingstafel).
 */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const advisor = {
  instromer: 'Instromer',
  days: (n: number) => plural(n, 'dag', 'dagen'),
  schoolDays: (n: number) => plural(n, 'schooldag', 'schooldagen'),
  unassigned: 'Niet toegewezen',

  // ---- the desk (/bemiddeling)
  desk: {
    listExtended: 'Lijst uitgebreid',
    listNotExtended: 'Lijst niet uitgebreid',
    listExtendedOn: (date: string) => `Voorkeurenlijst uitgebreid op ${date}`,
    listNotExtendedHint: 'De school heeft nog geen scholen aan de voorkeurenlijst toegevoegd',
    title: 'Bemiddeling',
    intro:
      'Leerlingen die de matchingsronde niet kon plaatsen, en instromers. Neem een dossier op u, zoek een school met een passende plaats en plaats de leerling.',
    filters: 'Filters',
    status: 'Status',
    statusOpen: 'Open',
    statusClosed: 'Gesloten',
    statusAll: 'Alle',
    grade: 'Gewenst leerjaar',
    level: 'Gewenst niveau',
    school: 'School van herkomst',
    anyGrade: 'Alle leerjaren',
    anyLevel: 'Alle niveaus',
    anySchool: 'Alle scholen',
    who: 'Toegewezen aan',
    whoAll: 'Iedereen',
    mine: 'Aan mij toegewezen',
    unassigned: 'Niet toegewezen',
    sort: 'Sorteren',
    sortUrgent: 'Meest urgent',
    sortWaiting: 'Langst wachtend',
    clear: 'Filters wissen',
    caption: (n: number) => plural(n, 'dossier', 'dossiers'),
    you: (name: string) => `${name} (u)`,
    col: {
      pupil: 'Leerling',
      wanted: 'Gewenst',
      from: 'School van herkomst',
      waiting: 'Wacht',
      advisor: 'Adviseur',
      status: 'Status',
    },
    emptyTitle: 'Geen open dossiers',
    empty:
      'Er staat nu geen leerling in bemiddeling. Na een matchingsronde komen leerlingen zonder plaats hier vanzelf binnen; een instromer meldt u aan via Instromers.',
    emptyFilteredTitle: 'Geen dossiers gevonden',
    emptyFiltered: 'Geen dossier past bij deze filters. Wis de filters om alle dossiers te zien.',
    toMovers: 'Instromer aanmelden',
    daysLeft: (n: number) => `nog ${plural(n, 'schooldag', 'schooldagen')} tot de zomer`,
  },

  // ---- case status and outcome, the same words everywhere
  caseStatus: {
    open: 'Open',
    proposalOpen: 'Voorstel staat open',
    resubmitted: 'Ingediend voor volgende ronde',
    placed: 'Geplaatst',
    withdrawn: 'Ingetrokken',
    'moved-out': 'Verhuisd buiten de regio',
    'special-education': 'Naar speciaal onderwijs',
    other: 'Gesloten (anders)',
  } as Record<string, string>,

  // ---- one case (/bemiddeling/:id)
  case: {
    back: 'Terug naar bemiddeling',
    intro: (wanted: string, from: string, days: number) =>
      `Zoekt ${wanted} · ${from} · ${days === 0 ? 'sinds vandaag' : plural(days, 'dag', 'dagen')} in bemiddeling`,
    assignToMe: 'Aan mij toewijzen',
    assigned: 'Het dossier staat nu op uw naam.',
    assignedTo: (name: string) => `Adviseur: ${name}`,
    assignedToMe: 'Dit dossier staat op uw naam.',
    notAssigned: 'Nog niemand heeft dit dossier op zich genomen.',
    closeCase: 'Zaak sluiten',
    summaryTitle: 'Stand van zaken',
    statusLabel: 'Status',
    advisorLabel: 'Adviseur',
    openedLabel: 'In bemiddeling sinds',
    openedOn: (date: string, days: number) =>
      `${date} (${days === 0 ? 'vandaag' : plural(days, 'dag', 'dagen')})`,
    originLabel: 'Herkomst dossier',
    origin: {
      round: 'Niet geplaatst in een matchingsronde',
      manual: 'Door een onderwijsadviseur geopend',
    } as Record<string, string>,
    toSummerLabel: 'Tot de zomervakantie',
    dossierLabel: 'Dossiernummer',
    proposalOpen:
      'Er staat een plaatsingsvoorstel open voor deze leerling. Wacht het antwoord van de school af voordat u zelf plaatst of het dossier sluit.',
    closedPlaced: (school: string) => `Geplaatst op ${school}. Dit dossier is gesloten.`,
    closedPlacedNoSchool: 'Geplaatst. Dit dossier is gesloten.',
    closedOther: (outcome: string, date: string) =>
      `Gesloten op ${date}: ${outcome}. De aanmelding is ingetrokken.`,
    overCapacityNote: (reason: string) => `Geplaatst boven de capaciteit. Reden: ${reason}`,
    outcomeNote: (note: string) => `Toelichting: ${note}`,

    // suggestions
    suggestionsTitle: 'Scholen met een passende vrije plaats',
    suggestionsIntro: (wanted: string) =>
      `Aanbod voor ${wanted} met een vrije plaats: eerst de voorkeursscholen van de leerling, dan de scholen het dichtst bij het woonadres (op postcode, geen reistijd).`,
    suggestionsCaption: (n: number) => plural(n, 'school met plaats', 'scholen met plaats'),
    suggestionsEmpty:
      'Geen enkele school heeft nu een vrije plaats voor dit leerjaar en niveau. Bespreek de leerling op de plaatsingstafel, of plaats met een reden boven de capaciteit bij een volle school hieronder.',
    col: {
      school: 'School',
      where: 'Stadsdeel en afstand',
      place: 'Plek',
      free: 'Vrij',
      action: 'Actie',
    },
    preference: (rank: number) => `${rank}e voorkeur`,
    sameDistrict: 'zelfde stadsdeel als de leerling',
    otherDistrict: (district: string) => `leerling woont in ${district}`,
    postcodeDiff: (n: number) => `postcodeverschil ${n}`,
    declinedBefore: 'wees eerder af',
    freeOf: (remaining: number, capacity: number) => `${remaining} van ${capacity}`,
    anyProfile: 'elk profiel',
    place: 'Plaatsen',
    fullTitle: 'Volle scholen (alleen met een reden)',
    fullIntro:
      'Deze scholen bieden het gevraagde leerjaar en niveau aan, maar hebben geen vrije plaats. Plaatsen kan alleen met een schriftelijke reden.',
    fullCaption: (n: number) => plural(n, 'volle school', 'volle scholen'),
    full: 'vol',
    closedNoPlacing: 'Dit dossier is gesloten; plaatsen kan niet meer.',

    // place modal
    placeTitle: 'Leerling plaatsen?',
    placeBody: (pupil: string, school: string, place: string) =>
      `${pupil} plaatsen op ${school}, ${place}? De leerling is dan geplaatst en dit dossier wordt gesloten.`,
    placeFull:
      'Dit aanbod heeft geen vrije plaats meer. U kunt de leerling alleen boven de capaciteit plaatsen, met een schriftelijke reden die wordt vastgelegd.',
    overCapacityReason: 'Reden om boven de capaciteit te plaatsen',
    overCapacityHint:
      'Minstens 10 tekens. Bijvoorbeeld: afgesproken met de directeur van de school.',
    overCapacityShort: 'Geef een reden van minstens 10 tekens.',
    placeConfirm: 'Ja, plaatsen',
    placed: (pupil: string, school: string) => `${pupil} is geplaatst op ${school}.`,

    // close modal
    closeTitle: 'Zaak sluiten',
    closeBody: (pupil: string) =>
      `Sluit het dossier van ${pupil} zonder plaatsing. De aanmelding wordt ingetrokken en de leerling doet niet meer mee aan matchingsrondes. Plaatsen gaat via "Plaatsen" bij een school.`,
    closeReason: 'Reden van sluiten',
    closeOutcome: {
      withdrawn: 'Ingetrokken (ouders of school zien af van de overstap)',
      'moved-out': 'Verhuisd buiten de regio',
      'special-education': 'Naar speciaal onderwijs',
      other: 'Andere reden',
    } as Record<string, string>,
    closeNote: 'Toelichting',
    closeNoteRequired: 'Verplicht bij "ingetrokken" en "andere reden".',
    closeNoteOptional: 'Optioneel.',
    closeNoteMissing: 'Schrijf een toelichting.',
    closeChoose: 'Kies een reden.',
    closeConfirm: 'Zaak sluiten',
    closed: (pupil: string) => `Het dossier van ${pupil} is gesloten.`,

    // proposals
    proposalsTitle: 'Voorstellen en afwijzingen',
    proposalsCaption: 'Voorstellen uit de matchingsrondes, oudste eerst',
    proposalsEmpty: 'Deze leerling heeft nog geen voorstel gehad.',
    pcol: {
      school: 'School',
      place: 'Plek',
      status: 'Uitkomst',
      reason: 'Reden van afwijzen',
      date: 'Voorgesteld op',
    },
    proposalStatus: {
      pending: 'Wacht op antwoord',
      accepted: 'Geaccepteerd',
      declined: 'Afgewezen',
      withdrawn: 'Vervallen',
    } as Record<string, string>,
    respondBy: (date: string) => `antwoord uiterlijk ${date}`,

    // notes
    notesTitle: 'Notities',
    notesLabel: 'Notities bij dit dossier, oudste eerst',
    notesEmpty: 'Nog geen notities. Leg hier vast wat u heeft besproken en afgesproken.',
    noteLabel: 'Nieuwe notitie',
    noteHint:
      'Zichtbaar voor de onderwijsadviseurs en het bureau. Noteer geen medische details die niet nodig zijn.',
    noteAdd: 'Notitie toevoegen',
    noteAdded: 'Notitie toegevoegd.',
    noteEmpty: 'Schrijf eerst een notitie.',
    unknownAuthor: 'Onbekende gebruiker',

    // the pupil's form
    formTitle: 'Het schoolwisselaarsformulier',
    openForm: 'Formulier en geschiedenis openen',
    sensitiveTitle: 'Bijzondere persoonsgegevens',
    sensitiveBody:
      'Ondersteuningsbehoefte en gezondheid zijn bijzondere persoonsgegevens. Deel ze alleen met de school die de leerling gaat plaatsen.',
  },

  // ---- instromers (/instromers)
  movers: {
    title: 'Instromers',
    intro:
      'Meld een leerling aan die de regio in komt (verhuisleerling, geen school van herkomst in de regio). De leerling komt direct in bemiddeling, op uw naam.',
    formTitle: 'Nieuwe instromer',
    sectionPupil: 'Leerling',
    sectionPlace: 'Gewenste plek',
    sectionMore: 'Onderbouwing en ondersteuning (optioneel)',
    sectionPreferences: 'Voorkeursscholen (optioneel)',
    sectionConsent: 'Toestemming en eerste notitie',
    currentHint:
      'Leerjaar en niveau op de vorige school. Leeg gelaten: hetzelfde als de gewenste plek.',
    currentGrade: 'Huidig leerjaar (vorige school)',
    currentLevel: 'Huidig niveau (vorige school)',
    sameAsWanted: 'Zelfde als gewenst',
    consentHint:
      'De ouders (of de leerling vanaf 16 jaar) melden een instromer zelf aan; leg vast wie toestemming gaf om de gegevens met scholen te delen.',
    note: 'Eerste notitie in het dossier',
    noteHint:
      'Bijvoorbeeld: verhuist per 1 maart vanuit Utrecht, vorige school Het Baken (havo 3).',
    preferencesHint:
      'Heeft de familie al scholen op het oog? Kies ze in volgorde; anders laat u dit leeg en zoekt u in het dossier een school.',
    submit: 'Instromer aanmelden',
    created: (name: string) => `${name} is aangemeld en staat in bemiddeling op uw naam.`,
    partial: (name: string) =>
      `${name} is opgeslagen als concept, maar kon niet in bemiddeling worden genomen.`,
    openDraft: 'Concept openen',
    errorSummary: (n: number) =>
      n === 1 ? 'Eén veld moet nog worden aangepast.' : `${n} velden moeten nog worden aangepast.`,
    recentTitle: 'Recent aangemelde instromers',
    recentCaption: 'Recent aangemelde instromers, nieuwste eerst',
    recentEmpty: 'Nog geen instromers aangemeld dit seizoen.',
    col: {
      pupil: 'Leerling',
      wanted: 'Gewenst',
      entered: 'Aangemeld op',
      advisor: 'Adviseur',
      status: 'Status',
    },
    noSeason: 'Er is nog geen overstapseizoen. Het bureau maakt het seizoen aan.',
  },

  moversHow: {
    fill: 'Vul de gegevens van de leerling en de gewenste plek in. Onderbouwing, ondersteuning en voorkeursscholen zijn optioneel. Na het aanmelden wijzigt u het formulier niet meer; aanvullingen noteert u in het dossier.',
    case: 'Na "Instromer aanmelden" staat de leerling in bemiddeling, op uw naam, en opent het dossier.',
    place:
      'In het dossier ziet u de scholen met een passende vrije plaats en plaatst u de leerling.',
  },

  // ---- plaatsingstafel (/plaatsingstafel)
  table: {
    title: 'Plaatsingstafel',
    intro:
      'De vrije plaatsen van één bestuur naast de leerlingen zonder plaats die daarom vragen, om in het plaatsingsoverleg te bespreken.',
    introCoordinator:
      'De vrije plaatsen van uw bestuur naast de leerlingen zonder plaats die daarom vragen. Leerlingen van andere scholen staan er anoniem: met dossiernummer, zonder naam. Naam en formulier krijgt een school pas met een voorstel of plaatsing.',
    board: 'Bestuur',
    boardPlaceholder: 'Kies een bestuur',
    boardHint: 'De scholen van dit bestuur en hun vrije plaatsen.',
    chooseBoard: 'Kies hierboven een bestuur om de plaatsingstafel te zien.',
    noBoards: 'Er zijn geen besturen gevonden. Het bureau legt de scholen en hun bestuur vast.',
    print: 'Afdrukken',
    csv: 'Download als CSV',
    printedOn: (date: string) => `Afgedrukt op ${date}`,
    heading: (board: string, season: string) => `${board} · seizoen ${season}`,
    schools: (names: string) => `Scholen: ${names}`,
    pupilsTitle: (n: number) => `Leerlingen zonder plaats (${n})`,
    pupilsCaption: (board: string) =>
      `Leerlingen zonder plaats die vragen om een plek die ${board} vrij heeft`,
    pupilsEmpty:
      'Er zijn geen leerlingen zonder plaats die vragen om een leerjaar en niveau waar dit bestuur plaats voor heeft.',
    offersTitle: (n: number) => `Vrije plaatsen (${n})`,
    offersCaption: (board: string) => `Vrije plaatsen bij de scholen van ${board}`,
    offersEmpty: 'De scholen van dit bestuur hebben nu geen vrije plaatsen.',
    col: {
      dossier: 'Dossiernummer',
      name: 'Naam',
      grade: 'Leerjaar',
      level: 'Niveau',
      profile: 'Profiel',
      wanted: 'Gewenst',
      from: 'School van herkomst',
      daysWaiting: 'Dagen wachtend',
      status: 'Status',
      fits: 'Vrije plaats bij',
      school: 'School',
      place: 'Leerjaar en niveau',
      free: 'Vrij',
    },
    statusMediation: 'In bemiddeling',
    statusSubmitted: 'Wacht op ronde',
    anonymous: 'anoniem',
    days: (n: number) => plural(n, 'dag', 'dagen'),
    noProfile: '—',
    anyProfile: 'elk profiel',
    openCase: (name: string) => `Dossier van ${name} openen`,
    totalFree: (n: number) => `${plural(n, 'vrije plaats', 'vrije plaatsen')} in totaal`,
    csvFile: (board: string, season: string) =>
      `plaatsingstafel-${board}-${season}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-') + '.csv',
    csvPupils: 'Leerlingen zonder plaats',
    csvOffers: 'Vrije plaatsen',
    csvFree: 'Vrije plaatsen',
    daysWaitingMissing: 'Wachttijd',
  },
};
