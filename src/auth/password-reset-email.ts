/** The e-mail with a "wachtwoord vergeten" link: Dutch, the link and how long it works. */
export function passwordResetEmail(link: string): { subject: string; text: string } {
  return {
    subject: 'Overstap: stel een nieuw wachtwoord in',
    text: [
      'Beste collega,',
      '',
      'Er is gevraagd om een nieuw wachtwoord voor uw account in Overstap. Via deze link stelt u een nieuw wachtwoord in:',
      '',
      link,
      '',
      'De link is 1 uur geldig en werkt één keer. Na het instellen bent u overal uitgelogd en logt u in met het nieuwe wachtwoord.',
      '',
      'Heeft u dit niet zelf gevraagd? Dan kunt u deze e-mail negeren: uw wachtwoord blijft hetzelfde.',
      '',
      'Met vriendelijke groet,',
      'Overstap',
    ].join('\n'),
  };
}
