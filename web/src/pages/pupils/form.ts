/**
 * The schoolwisselaarsformulier's values, its client-side checks (the same rules as the API:
 * src/common/levels.ts, src/transfer-requests/pupil-age.ts, the DTO's postcode) and the bodies
 * sent to the API.
 */
import { ApiError, type Schemas } from '../../api/client';
import { exactly } from '../../api/enums';
import { maxGrade, type Level } from '../offers/levels';
import { t } from '../../messages';
import type { CreateBody, Detail, UpdateBody } from './api';

// Niveaus and leerjaren have one definition in the web app (offers/levels.ts, the API's rules).
export { GRADES, LEVELS } from '../offers/levels';

// The API's enums the form offers, each checked against the generated type (api/enums.ts).
export const REASONS = exactly<Schemas['TransferReason']>()([
  'verhuizing',
  'afstroom',
  'opstroom',
  'anders',
] as const);
export const SUPPORT_CATEGORIES = exactly<Schemas['SupportCategory']>()([
  'leren',
  'gedrag',
  'sociaal-emotioneel',
  'fysiek-medisch',
  'thuissituatie',
  'taal',
  'anders',
] as const);
export const CONSENT_BY = exactly<Schemas['ConsentBy']>()([
  'ouders',
  'leerling',
  'ouders-en-leerling',
] as const);
export const MAX_PREFERENCES = 12;
const MAX_TEXT = 10_000;

export interface FormValues {
  /** '' = an instromer (advisors only); coordinators: their current school */
  sendingSchoolId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  postcode: string;
  currentGrade: string;
  currentLevel: string;
  requestedGrade: string;
  requestedLevel: string;
  requestedProfile: string;
  reason: string;
  justification: string;
  supportCategories: string[];
  supportNeeds: string;
  /** '' = not recorded */
  consentBy: string;
  preferences: string[];
}

export type Field = keyof FormValues;
export type Errors = Partial<Record<Field, string>>;

/** The order of the fields on the page: the first wrong one gets the focus. */
export const FIELD_ORDER: Field[] = [
  'sendingSchoolId',
  'firstName',
  'lastName',
  'dateOfBirth',
  'postcode',
  'currentGrade',
  'currentLevel',
  'requestedGrade',
  'requestedLevel',
  'requestedProfile',
  'reason',
  'justification',
  'supportCategories',
  'supportNeeds',
  'preferences',
  'consentBy',
];

/** The DOM id of a field's input, for labels, focus and error links. */
export const fieldId = (f: Field) => `pupil-${f}`;

export function emptyValues(sendingSchoolId: string): FormValues {
  return {
    sendingSchoolId,
    firstName: '',
    lastName: '',
    dateOfBirth: '',
    postcode: '',
    currentGrade: '',
    currentLevel: '',
    requestedGrade: '',
    requestedLevel: '',
    requestedProfile: '',
    reason: '',
    justification: '',
    supportCategories: [],
    supportNeeds: '',
    consentBy: '',
    preferences: [],
  };
}

export function fromDetail(d: Detail): FormValues {
  return {
    sendingSchoolId: d.sendingSchoolId ?? '',
    firstName: d.firstName,
    lastName: d.lastName,
    dateOfBirth: d.dateOfBirth,
    postcode: d.postcode,
    currentGrade: String(d.currentGrade),
    currentLevel: d.currentLevel,
    requestedGrade: String(d.requestedGrade),
    requestedLevel: d.requestedLevel,
    requestedProfile: d.requestedProfile ?? '',
    reason: d.reason,
    justification: d.justification ?? '',
    supportCategories: [...(d.supportCategories ?? [])],
    supportNeeds: d.supportNeeds ?? '',
    consentBy: d.consentBy ?? '',
    preferences: [...(d.preferences ?? [])],
  };
}

/** "1092ab" → "1092 AB"; anything else unchanged (apart from spaces). */
export function normalisePostcode(v: string): string {
  const m = /^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})\s*$/.exec(v);
  return m ? `${m[1]} ${m[2].toUpperCase()}` : v.trim();
}

/** Null when the leerjaar × niveau exists, else the Dutch sentence. */
export function gradeLevelError(grade: string, level: string): string | null {
  if (!grade || !level) return null;
  const max = maxGrade(level as Level);
  const g = Number(grade);
  if (!max || g <= max) return null;
  return t.pupils.v.gradeLevel(g, t.levels[level] ?? level, max);
}

export function validGradeLevel(grade: string, level: string): boolean {
  return !!grade && !!level && gradeLevelError(grade, level) === null;
}

function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function dateError(v: string): string | null {
  if (!v) return t.pupils.v.required;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(new Date(`${v}T12:00:00Z`).getTime()))
    return t.pupils.v.date;
  const today = todayIso();
  if (v > today) return t.pupils.v.future;
  const age = ageOn(v, today);
  if (age < 8 || age > 25) return t.pupils.v.age(age);
  return null;
}

/**
 * What is wrong, per field. `submit` adds what the API needs to submit (justification, consent,
 * a preference); `notOffered` are preferences that do not offer the requested place.
 */
export function validate(
  v: FormValues,
  mode: 'draft' | 'submit',
  notOffered: string[] = [],
): Errors {
  const e: Errors = {};
  const { v: m } = t.pupils;
  if (!v.firstName.trim()) e.firstName = m.required;
  else if (v.firstName.trim().length > 100) e.firstName = m.tooLong(100);
  if (!v.lastName.trim()) e.lastName = m.required;
  else if (v.lastName.trim().length > 100) e.lastName = m.tooLong(100);
  const d = dateError(v.dateOfBirth);
  if (d) e.dateOfBirth = d;
  if (!v.postcode.trim()) e.postcode = m.required;
  else if (!/^[1-9][0-9]{3} ?[A-Z]{2}$/.test(normalisePostcode(v.postcode)))
    e.postcode = m.postcode;
  if (!v.currentGrade) e.currentGrade = m.choose;
  if (!v.currentLevel) e.currentLevel = m.choose;
  const cur = gradeLevelError(v.currentGrade, v.currentLevel);
  if (cur) e.currentLevel = cur;
  if (!v.requestedGrade) e.requestedGrade = m.choose;
  if (!v.requestedLevel) e.requestedLevel = m.choose;
  const req = gradeLevelError(v.requestedGrade, v.requestedLevel);
  if (req) e.requestedLevel = req;
  if (v.requestedProfile.length > 60) e.requestedProfile = m.tooLong(60);
  if (!v.reason) e.reason = m.choose;
  if (v.justification.length > MAX_TEXT) e.justification = m.tooLong(MAX_TEXT);
  if (v.supportNeeds.length > MAX_TEXT) e.supportNeeds = m.tooLong(MAX_TEXT);
  if (mode === 'submit') {
    if (!v.justification.trim()) e.justification = m.justification;
    if (!v.consentBy) e.consentBy = m.consent;
    if (!v.preferences.length) e.preferences = m.preferences;
    else if (v.preferences.some((id) => notOffered.includes(id))) e.preferences = m.prefNotOffered;
  }
  return e;
}

export function createBody(v: FormValues, seasonId: string): CreateBody {
  return {
    seasonId,
    ...(v.sendingSchoolId ? { sendingSchoolId: v.sendingSchoolId } : {}),
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    dateOfBirth: v.dateOfBirth,
    postcode: normalisePostcode(v.postcode),
    currentGrade: Number(v.currentGrade),
    currentLevel: v.currentLevel as CreateBody['currentLevel'],
    requestedGrade: Number(v.requestedGrade),
    requestedLevel: v.requestedLevel as CreateBody['requestedLevel'],
    requestedProfile: v.requestedProfile.trim(),
    reason: v.reason as CreateBody['reason'],
    justification: v.justification,
    supportCategories: v.supportCategories as CreateBody['supportCategories'],
    supportNeeds: v.supportNeeds.trim() ? v.supportNeeds : null,
    consentBy: (v.consentBy || null) as CreateBody['consentBy'],
    preferences: v.preferences,
  };
}

/**
 * Only what changed: the API records the consent's time whenever consentBy is sent, so an
 * unchanged consent must not be sent again. Null when nothing changed.
 */
export function updateBody(v: FormValues, before: FormValues): UpdateBody | null {
  const all = createBody(v, '');
  const old = createBody(before, '');
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(all) as (keyof CreateBody)[]) {
    if (k === 'seasonId' || k === 'sendingSchoolId') continue;
    if (JSON.stringify(all[k]) !== JSON.stringify(old[k])) out[k] = all[k];
  }
  return Object.keys(out).length ? (out as UpdateBody) : null;
}

/** The API's field names → this form's fields; its messages without the "field: " prefix. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function apiErrors(
  err: unknown,
  schoolName?: (id: string) => string | undefined,
): { fields: Errors; other: string[] } {
  const fields: Errors = {};
  const other: string[] = [];
  if (!(err instanceof ApiError)) return { fields, other };
  for (const p of err.problems) {
    // No ids on screen: a school id in a message becomes its name, or "deze school".
    const message = p.message
      .replace(/^[A-Za-z[\]0-9./]+:\s*/, '')
      .replace(UUID, (id) => schoolName?.(id) ?? t.pupils.thisSchool)
      .replace(/^./, (c) => c.toUpperCase());
    const name = (p.field ?? '').replace(/\[\d+\]$/, '').replace(/\..*$/, '');
    const field: Field | undefined =
      name === 'currentGrade'
        ? 'currentLevel'
        : name === 'requestedGrade'
          ? 'requestedLevel'
          : (FIELD_ORDER as string[]).includes(name)
            ? (name as Field)
            : undefined;
    if (field && !fields[field]) fields[field] = message;
    else if (!field) other.push(message);
  }
  return { fields, other };
}
