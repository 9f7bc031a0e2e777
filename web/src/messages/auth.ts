/** Log-in, password reset and the account page. */
export const auth = {
  loginTitle: 'Inloggen bij Overstap',
  loginIntro:
    'Voor overstapcoördinatoren, onderwijsadviseurs en het bureau van het samenwerkingsverband.',
  email: 'E-mailadres',
  password: 'Wachtwoord',
  login: 'Inloggen',
  loggingIn: 'Bezig met inloggen…',
  forgot: 'Wachtwoord vergeten?',
  invalid: 'E-mailadres of wachtwoord onjuist.',
  forgotTitle: 'Wachtwoord vergeten',
  forgotIntro:
    'Vul uw e-mailadres in. Als het bij Overstap bekend is, krijgt u binnen een paar minuten een e-mail met een link om een nieuw wachtwoord te kiezen. De link werkt één uur en één keer.',
  sendLink: 'Stuur de link',
  forgotSent:
    'Als dit adres bij Overstap bekend is, is er nu een e-mail onderweg. Kijk ook in uw map met ongewenste e-mail.',
  backToLogin: 'Terug naar inloggen',
  resetTitle: 'Nieuw wachtwoord kiezen',
  newPassword: 'Nieuw wachtwoord',
  repeatPassword: 'Herhaal het nieuwe wachtwoord',
  passwordHint: 'Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden.',
  mismatch: 'De twee wachtwoorden zijn niet gelijk.',
  tooShort: 'Kies minstens 12 tekens.',
  setPassword: 'Wachtwoord instellen',
  resetDone: 'Uw wachtwoord is ingesteld. U kunt nu inloggen.',
  resetMissingToken: 'Deze link is niet compleet. Vraag een nieuwe link aan.',
  accountTitle: 'Mijn account',
  changePassword: 'Wachtwoord wijzigen',
  currentPassword: 'Huidig wachtwoord',
  changeDone: 'Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.',
  loggedOut: 'U bent uitgelogd.',
  name: 'Naam',
  role: 'Rol',
  schools: 'Scholen',
  region: 'Samenwerkingsverband',

  // Two-factor log-in: the code step, enrolment, recovery codes
  codeTitle: 'Code invoeren',
  codeIntro:
    'Uw account is beveiligd met tweestapsverificatie. Open de authenticator-app op uw telefoon en vul de code van 6 cijfers in die bij Overstap staat.',
  code: 'Code uit de app',
  codeHint: 'Geen telefoon bij de hand? Vul een van uw herstelcodes in (zoals abcde-fghjk).',
  recoveryCode: 'Herstelcode',
  recoveryCodeHint:
    'Een van de herstelcodes die u bij het instellen heeft bewaard, zoals abcde-fghjk. Elke code werkt één keer.',
  useRecovery: 'Telefoon niet bij de hand? Gebruik een herstelcode',
  useApp: 'Toch een code uit de app gebruiken',
  verify: 'Controleren',
  codeWrong:
    'Deze code klopt niet of is al gebruikt. Wacht op de volgende code en probeer het opnieuw.',
  challengeExpired: 'Dit duurde te lang. Log opnieuw in met uw e-mailadres en wachtwoord.',
  otherAccount: 'Met een ander account inloggen',
  twoFactorTitle: 'Tweestapsverificatie',
  twoFactorIntro:
    'Bij het inloggen vraagt Overstap na uw wachtwoord om een code uit een authenticator-app op uw telefoon (bijvoorbeeld FreeOTP, Microsoft Authenticator of Google Authenticator). Wie uw wachtwoord kent, komt zo nog niet binnen.',
  twoFactorOn: 'Aan',
  twoFactorOff: 'Uit',
  twoFactorSince: (date: string) => `Aan sinds ${date}.`,
  twoFactorRequired:
    'Voor uw rol is tweestapsverificatie verplicht: u ziet gegevens van alle leerlingen in het samenwerkingsverband, ook hun ondersteuningsbehoefte.',
  twoFactorRequiredCoordinator:
    'Uw samenwerkingsverband heeft tweestapsverificatie verplicht gesteld voor overstapcoördinatoren.',
  twoFactorOptional:
    'Voor overstapcoördinatoren is tweestapsverificatie niet verplicht, maar wel aangeraden.',
  recoveryLeft: (n: number) =>
    n === 1 ? 'Nog 1 herstelcode ongebruikt.' : `Nog ${n} herstelcodes ongebruikt.`,
  enrol: 'Tweestapsverificatie instellen',
  renew: 'Nieuwe telefoon of nieuwe herstelcodes',
  renewHint:
    'Stelt een nieuwe sleutel in en maakt nieuwe herstelcodes. De oude app-code en herstelcodes werken daarna niet meer; op andere apparaten wordt u uitgelogd.',
  disable: 'Tweestapsverificatie uitzetten',
  disableIntro:
    'Vul een code uit de app of een herstelcode in om tweestapsverificatie uit te zetten. Op andere apparaten wordt u uitgelogd.',
  disabledDone: 'Tweestapsverificatie staat uit.',
  enrolForcedTitle: 'Tweestapsverificatie instellen',
  enrolForcedIntro:
    'Voordat u verder kunt, stelt u tweestapsverificatie in. Voor uw account is dat verplicht: u ziet gegevens van leerlingen, ook hun ondersteuningsbehoefte. Het kost een paar minuten en u heeft uw telefoon nodig.',
  enrolStep1: '1. Installeer een authenticator-app',
  enrolStep1Text:
    'Bijvoorbeeld FreeOTP, Microsoft Authenticator of Google Authenticator, uit de app-winkel van uw telefoon. Een wachtwoordmanager met codes werkt ook.',
  enrolStep2: '2. Scan de QR-code',
  enrolStep2Text: 'Kies in de app voor een nieuw account en scan deze code.',
  qrLabel: 'QR-code om Overstap aan uw authenticator-app toe te voegen',
  manualKey: 'Lukt scannen niet? Voer deze sleutel met de hand in (soort: op tijd gebaseerd).',
  manualKeyLabel: 'Sleutel voor handmatige invoer',
  copyKey: 'Sleutel kopiëren',
  copied: 'Gekopieerd',
  enrolStep3: '3. Vul de code uit de app in',
  enrolStep3Text:
    'De app toont nu een code van 6 cijfers bij Overstap. Die verandert elke 30 seconden.',
  confirm: 'Bevestigen',
  enrolExpires: (time: string) => `Bevestig vóór ${time}; daarna begint u opnieuw.`,
  enrolCodeWrong:
    'Deze code klopt niet. Kijk of de klok van uw telefoon goed staat en vul de nieuwste code in.',
  enrolAgain: 'Opnieuw beginnen',
  enrolDone: 'Tweestapsverificatie staat aan. Op andere apparaten bent u uitgelogd.',
  recoveryTitle: 'Uw herstelcodes',
  recoveryIntro:
    'Bewaar deze codes op een veilige plek, bijvoorbeeld geprint in een afgesloten la of in een wachtwoordmanager. Elke code werkt één keer in plaats van een code uit de app, als u uw telefoon kwijt bent. U ziet ze alleen nu.',
  recoveryListLabel: 'Herstelcodes',
  copyCodes: 'Codes kopiëren',
  printCodes: 'Codes printen',
  recoverySaved: 'Ik heb de codes bewaard',
  recoveryPrintTitle: (email: string) => `Overstap: herstelcodes voor ${email}`,
  lostAll:
    'Telefoon en herstelcodes kwijt? Een beheerder van uw samenwerkingsverband kan tweestapsverificatie voor u herstellen.',
};
