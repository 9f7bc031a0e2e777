/**
 * The body of a notice's e-mail: one Dutch sentence per kind and the link. Deliberately without
 * any pupil data (names, dates of birth, support needs): the reader logs in to see those.
 */
const LINES: Record<string, string> = {
  'proposals.arrived': 'Er staan nieuwe plaatsingsvoorstellen voor uw school klaar.',
  'proposals.reminder':
    'Er staan nog plaatsingsvoorstellen voor uw school open. De reactietermijn loopt binnenkort af.',
  'proposals.overdue':
    'Op een of meer plaatsingsvoorstellen is niet binnen de reactietermijn gereageerd.',
  'proposal.declined':
    'Een ontvangende school heeft een plaatsingsvoorstel afgewezen. De leerling gaat mee in de volgende ronde.',
  'pupil.placed': 'Een leerling van uw school is geplaatst op een nieuwe school.',
  'round.completed': 'Een matchingsronde is afgerond.',
};

export function emailText(kind: string, link: string | null): string {
  const line = LINES[kind] ?? 'Er is een nieuw bericht voor u in Overstap.';
  return [
    'Beste collega,',
    '',
    line,
    '',
    link ? `Bekijk het in Overstap: ${link}` : 'Log in op Overstap om het te bekijken.',
    '',
    'Om de privacy van leerlingen te beschermen staan er in deze e-mail geen leerlinggegevens.',
    '',
    'Met vriendelijke groet,',
    'Overstap',
  ].join('\n');
}
