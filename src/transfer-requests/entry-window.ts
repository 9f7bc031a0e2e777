/**
 * When a form may be submitted (the season's entry window, dates inclusive, Amsterdam dates).
 * Drafts may be kept at any time. From entryOpens to entryCloses anyone who may change the form
 * submits it; after entryCloses only advisors and admins, as a late entry; before entryOpens
 * nobody. Pure: the service passes today's date.
 */
import type { Role } from '../users/user.entity';

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** "2026-11-01" → "1 november 2026". */
export function dutchLongDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

const dayAfter = (iso: string): string => {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
};

export type EntryDecision =
  { ok: true; late: boolean } | { ok: false; message: string; date: string };

export function entryDecision(
  season: { entryOpens: string; entryCloses: string },
  today: string,
  role: Role,
): EntryDecision {
  if (today < season.entryOpens)
    return {
      ok: false,
      date: season.entryOpens,
      message: `Indienen kan vanaf ${dutchLongDate(season.entryOpens)} (inschrijving opent dan); het formulier blijft tot dan een concept`,
    };
  if (today <= season.entryCloses) return { ok: true, late: false };
  if (role === 'advisor' || role === 'admin') return { ok: true, late: true };
  return {
    ok: false,
    date: season.entryCloses,
    message: `De inschrijving is gesloten sinds ${dutchLongDate(dayAfter(season.entryCloses))} (de laatste dag was ${dutchLongDate(season.entryCloses)}); vraag een onderwijsadviseur om het formulier als late aanmelding in te dienen`,
  };
}
