/** Texts of the seizoensmonitor (/monitor): the season's figures against its goal. */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const monitor = {
  title: 'Seizoensmonitor',
  intro: (season: string) =>
    `Hoe ver is seizoen ${season} van het doel: elke leerling die wisselt heeft een plaats vóór de zomervakantie. Alleen aantallen, nooit namen. Ingetrokken aanmeldingen en concepten tellen niet mee.`,
  coordinatorScope: 'U ziet uw eigen school en de totalen van de regio.',
  empty:
    'Er zijn in dit seizoen nog geen leerlingen ingediend. Zodra scholen leerlingen aanmelden, ziet u hier de cijfers.',

  // ---- headline
  headlineTitle: 'Stand tegenover het doel',
  headlineLabel: 'geplaatst vóór de zomervakantie',
  headlineOf: (placed: number, total: number) =>
    `${placed} van ${plural(total, 'leerling', 'leerlingen')} in de regio`,
  headlineGoal: 'Doel: 100% (elke leerling een plaats vóór de zomervakantie)',
  headlineToGo: (n: number) =>
    n === 0
      ? 'Alle leerlingen zijn geplaatst: het doel is gehaald.'
      : `Nog ${plural(n, 'leerling', 'leerlingen')} te plaatsen.`,
  ringLabel: (percent: string) => `${percent} geplaatst vóór de zomervakantie; het doel is 100%`,
  schoolDaysLeft: 'Schooldagen tot de zomervakantie',
  schoolDaysUnit: (n: number) => (n === 1 ? 'schooldag' : 'schooldagen'),
  summerFrom: (date: string) => `Zomervakantie vanaf ${date}`,
  summerStarted: (date: string) => `De zomervakantie is begonnen op ${date}.`,
  figuresTitle: 'Stand van vandaag in de regio',
  figure: {
    submitted: 'Ingediend, nog zonder voorstel',
    proposed: 'Voorgesteld',
    placed: 'Geplaatst',
    mediation: 'In bemiddeling',
  } as Record<string, string>,
  figureHint: {
    submitted: 'wacht op een matchingsronde',
    proposed: 'wacht op het antwoord van de school',
    placed: 'heeft een nieuwe school',
    mediation: 'een onderwijsadviseur zoekt mee',
  } as Record<string, string>,
  afterSummerNote: (n: number) =>
    `${plural(n, 'leerling is', 'leerlingen zijn')} pas na het begin van de zomervakantie geplaatst.`,

  // ---- timeline
  timelineTitle: 'Leerlingen per status door het seizoen',
  timelineIntro:
    'Per dag het aantal leerlingen per status. De lijn "Geplaatst" moet vóór de zomervakantie het doel halen.',
  timelineCaption: 'Aantal leerlingen per status, per dag',
  timelineSummary: (date: string, parts: string) => `Op ${date}: ${parts}.`,
  timelinePart: {
    submitted: (n: number) => `${n} ingediend`,
    proposed: (n: number) => `${n} voorgesteld`,
    placed: (n: number) => `${n} geplaatst`,
    mediation: (n: number) => `${n} in bemiddeling`,
  } as Record<string, (n: number) => string>,
  timelineTrend: (date: string, placed: number, now: number) =>
    `Sinds ${date} is het aantal geplaatste leerlingen gegroeid van ${placed} naar ${now}.`,
  goalLine: (n: number) => `Doel: ${plural(n, 'leerling', 'leerlingen')} geplaatst`,
  series: {
    submitted: 'Ingediend',
    proposed: 'Voorgesteld',
    placed: 'Geplaatst',
    mediation: 'In bemiddeling',
  } as Record<string, string>,
  showTable: 'Toon de cijfers als tabel',
  dateColumn: 'Datum',
  timelineEmpty: 'Er is nog geen verloop: het seizoen is net begonnen.',

  // ---- per leerjaar × niveau
  gradeLevelTitle: 'Per leerjaar en niveau',
  heatTab: 'Tekort en overschot',
  figuresTab: 'Plaatsingen',
  heatIntro:
    'Leerlingen die nog een plaats zoeken (ingediend of in bemiddeling) tegenover de plaatsen die nog vrij zijn. Elke cel noemt het verschil; de kleur herhaalt het.',
  heatCaption:
    'Tekort en overschot aan vrije plaatsen per leerjaar en niveau, voor de hele regio: verschil, leerlingen die zoeken, vrije plaatsen',
  heatCorner: 'Leerjaar',
  heatRow: (g: number) => `Leerjaar ${g}`,
  shortage: (n: number) => `${n} tekort`,
  surplus: (n: number) => `${n} over`,
  balanced: 'gelijk',
  notOffered: 'bestaat niet',
  noFigures: 'niemand zoekt, niets vrij',
  cellSeeking: (n: number) => `zoeken: ${n}`,
  cellFree: (n: number) => `vrij: ${n}`,
  legendTitle: 'Legenda',
  legend: {
    shortageHigh: 'Tekort van 5 of meer plaatsen',
    shortageLow: 'Tekort van 1 tot 4 plaatsen',
    balanced: 'Evenveel vrije plaatsen als leerlingen die zoeken',
    surplusLow: '1 tot 4 plaatsen over',
    surplusHigh: '5 of meer plaatsen over',
    none: 'Niemand zoekt en niets vrij, of de combinatie bestaat niet',
  },
  heatShortages: (n: number) =>
    n === 0
      ? 'Nergens een tekort: voor elk leerjaar en niveau zijn er minstens zoveel vrije plaatsen als leerlingen die zoeken.'
      : `${plural(n, 'combinatie', 'combinaties')} van leerjaar en niveau ${n === 1 ? 'heeft' : 'hebben'} een tekort: `,
  heatEmpty:
    'Er zijn geen vrije plaatsen en geen leerlingen die nog zoeken. Scholen voeren hun vrije plaatsen in op de pagina Vrije plaatsen.',
  figuresIntro:
    'Per gevraagd leerjaar en niveau: hoeveel leerlingen er zijn en hoe ver zij zijn. De tabel onder de grafiek geeft dezelfde cijfers.',
  gradeLevelCaption: 'Leerlingen per gevraagd leerjaar en niveau, met het aandeel geplaatst',
  gradeLevelEmpty: 'Nog geen ingediende leerlingen.',

  // ---- per school
  schoolTitle: 'Per school van herkomst',
  schoolTitleOwn: (n: number) => (n === 1 ? 'Uw school' : 'Uw scholen'),
  schoolIntro:
    'Per vertrekkende school: hoeveel van haar leerlingen al een plaats hebben. Klik op een kolomkop om te sorteren.',
  schoolIntroOwn:
    'Hoeveel leerlingen van uw school al een plaats hebben, met daaronder de totalen van de regio.',
  schoolCaption: 'Leerlingen per school van herkomst, met het aandeel geplaatst',
  schoolCaptionOwn: (n: number) =>
    `Leerlingen van uw ${n === 1 ? 'school' : 'scholen'}, met het aandeel geplaatst, en de totalen van de regio`,
  sortBy: (column: string, dir: string) => `Sorteer op ${column}, ${dir}`,
  ascending: 'oplopend',
  descending: 'aflopend',
  col: {
    school: 'School',
    grade: 'Leerjaar',
    level: 'Niveau',
    total: 'Leerlingen',
    placed: 'Geplaatst',
    proposed: 'Voorgesteld',
    mediation: 'In bemiddeling',
    unplaced: 'Nog zonder voorstel',
    share: 'Aandeel geplaatst',
  },
  noPupils: 'geen leerlingen',
  regionTotal: 'Totaal regio',
  schoolsWithout: (n: number) =>
    `${plural(n, 'school heeft', 'scholen hebben')} nog geen leerlingen ingediend; die staan onderaan.`,
  schoolEmpty: 'Er zijn nog geen scholen in de regio.',

  // ---- downloads
  download: 'Download als CSV',
  downloadGradeLevel: 'Download als CSV: per leerjaar en niveau',
  downloadSchool: 'Download als CSV: per school',
  downloadFile: (season: string, part: string) => `monitor-${season}-${part}.csv`,
};
