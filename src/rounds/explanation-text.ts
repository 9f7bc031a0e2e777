/**
 * Plain Dutch for a round's report and a pupil's explanation (DOMAIN.md "How a round decides").
 * Pure functions: the service gathers names and numbers, these say them.
 */
import type { Cutoff, NotAdmittedReason } from '../matching';
import { priorityLabel } from '../regions/priority-rules';
import type { PriorityRules } from '../regions/region.entity';

/** Why a pupil did not get a school they listed higher: the engine's reasons and two of ours. */
export const CHOICE_OUTCOMES = [
  'LOTTERY',
  'PRIORITY',
  'IMPROVEMENT_CYCLE',
  'NO_SEATS',
  'NO_OFFER',
  'DECLINED_BEFORE',
  'INCONSISTENT',
] as const;
export type ChoiceOutcome = (typeof CHOICE_OUTCOMES)[number];

/** "havo 4", "vmbo-gt 3 techniek": a program as the schools say it. */
export function programLabel(grade: number, level: string, profile = ''): string {
  return `${level} ${grade}${profile ? ` ${profile}` : ''}`;
}

/** "1e", "2e": Dutch ordinals as used for choices. */
export const ordinal = (n: number) => `${n}e`;

/** The cut-off of a program in words ("vol; laatste plaats: lotnummer 212, voorrang geen"). */
export function cutoffText(
  capacity: number,
  proposals: number,
  cutoff: Cutoff,
  rules: PriorityRules | undefined,
): string {
  if (capacity === 0) return 'geen plaatsen';
  if (proposals < capacity || cutoff.lottery === null)
    return `niet vol (${proposals} van ${capacity} plaatsen)`;
  return `vol; laatste plaats: lotnummer ${cutoff.lottery}, voorrang ${priorityLabel(cutoff.priority, rules)}`;
}

export interface ChoiceFacts {
  schoolName: string;
  grade: number;
  level: string;
  profile: string;
  outcome: ChoiceOutcome;
  cutoff?: Cutoff;
  ownPriority?: number | null;
  ownLottery: number;
}

/** One sentence: why the pupil did not get this school. */
export function choiceText(c: ChoiceFacts, rules: PriorityRules | undefined): string {
  const program = `${c.schoolName} ${programLabel(c.grade, c.level, c.profile)}`;
  const own = c.ownPriority ?? null;
  const cut = c.cutoff ?? { priority: null, lottery: null };
  switch (c.outcome) {
    case 'LOTTERY':
      return `${program} was vol; de laatste plaats ging naar lotnummer ${cut.lottery} (voorrang: ${priorityLabel(cut.priority, rules)}), deze leerling had lotnummer ${c.ownLottery}.`;
    case 'PRIORITY':
      return `${program} was vol; de laatste plaats ging naar een leerling met meer voorrang (voorrang: ${priorityLabel(cut.priority, rules)}, lotnummer ${cut.lottery}), deze leerling had voorrang: ${priorityLabel(own, rules)}.`;
    case 'IMPROVEMENT_CYCLE':
      return `${program} was vol; de plaats ging bij een ruil (verbeterronde) naar een leerling met dezelfde voorrang, waarbij alle betrokken leerlingen erop vooruitgingen. Deze leerling had lotnummer ${c.ownLottery}.`;
    case 'NO_SEATS':
    case 'NO_OFFER':
      return `${c.schoolName} had geen vrije plaatsen voor leerjaar ${c.grade} ${c.level}${c.profile ? ` (profiel ${c.profile})` : ''}.`;
    case 'DECLINED_BEFORE':
      return `${c.schoolName} heeft deze leerling eerder afgewezen.`;
    default:
      return `${program}: hiervoor is geen verklaring te geven (invoer en uitkomst van de ronde passen niet bij elkaar).`;
  }
}

/** The result line: "Geplaatst op … (1e keus)" or "Niet geplaatst: naar bemiddeling". */
export function resultText(
  assigned: {
    schoolName: string;
    grade: number;
    level: string;
    profile: string;
    rank: number;
  } | null,
  dryRun: boolean,
): string {
  const prefix = dryRun ? 'Proefronde: ' : '';
  if (!assigned)
    return `${prefix}Niet geplaatst${dryRun ? ' (zou naar bemiddeling gaan)' : ': naar bemiddeling'}`;
  return `${prefix}Geplaatst op ${assigned.schoolName} ${programLabel(assigned.grade, assigned.level, assigned.profile)} (${ordinal(assigned.rank)} keus)`;
}

/** Maps the engine's reason to ours (the same words, bar the two the engine never sees). */
export const fromEngine = (r: NotAdmittedReason): ChoiceOutcome => r;
