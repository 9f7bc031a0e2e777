import { ServiceUnavailableException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One problem of a 4xx: a field of a body or query, or a row (line) of an uploaded file. */
export class ErrorItemDto {
  @ApiPropertyOptional({ description: 'the field, as named in the request (a.b.c when nested)' })
  field?: string;
  @ApiPropertyOptional({ description: 'the row or line of an uploaded file (the header is 1)' })
  row?: number;
  @ApiProperty({ description: 'machine-readable, e.g. isInt, min, invalid' }) code: string;
  @ApiProperty({ description: 'Dutch, for the person who filled in the field' }) message: string;
}

/** Every 4xx of the API has this shape; the web app maps `errors` to its fields. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'invalid_input', description: 'machine-readable' }) code: string;
  @ApiProperty({ example: 'Ongeldige invoer', description: 'Dutch' }) message: string;
  @ApiPropertyOptional({ type: [ErrorItemDto] }) errors?: ErrorItemDto[];
}

/** Code and message of a 503 when a job cannot be put on the queue (Redis unreachable). */
export const QUEUE_UNAVAILABLE = 'queue_unavailable';
export const QUEUE_UNAVAILABLE_MESSAGE =
  'De wachtrij is even niet bereikbaar; probeer het over een minuut opnieuw.';

/**
 * The 503 of a request that needed the queue while Redis is unreachable, in the one error shape
 * (the exception filter passes a 5xx body as it is); `reason` is for the log only.
 */
export class QueueUnavailableException extends ServiceUnavailableException {
  constructor(readonly reason = 'unreachable') {
    super({
      statusCode: 503,
      code: QUEUE_UNAVAILABLE,
      message: QUEUE_UNAVAILABLE_MESSAGE,
    } satisfies ErrorResponseDto);
    this.message = `queue unavailable: ${reason}`;
  }
}

const CODES: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** Nest's and Express's own English defaults, in Dutch. */
const DEFAULT_MESSAGES: [RegExp, string][] = [
  [/^Forbidden resource$|^Forbidden$/, 'U heeft hiervoor geen toegang'],
  [/^Unauthorized$/, 'Niet ingelogd of sessie verlopen'],
  [/^Not Found$/, 'Niet gevonden'],
  [/^Cannot (GET|POST|PUT|PATCH|DELETE) (.*)$/, 'Niet gevonden: $1 $2'],
  [/^Conflict$/, 'Conflict met de huidige gegevens'],
  [/^Bad Request$/, 'Ongeldige invoer'],
  [
    /^ThrottlerException: Too Many Requests$|^Too Many Requests$/,
    'Te veel verzoeken; probeer het over een minuut opnieuw',
  ],
  [/^Validation failed \(uuid is expected\)$/, 'Ongeldige id (een UUID verwacht)'],
  [/^Validation failed \(numeric string is expected\)$/, 'Een getal verwacht'],
  [/^Unsupported Media Type$/, 'Dit type inhoud wordt niet geaccepteerd'],
  [/^Payload Too Large$/, 'Verzoek te groot'],
];

export function dutchDefault(message: string): string {
  for (const [re, nl] of DEFAULT_MESSAGES) if (re.test(message)) return message.replace(re, nl);
  return message;
}

/** class-validator's English default messages, in Dutch; a project's own (Dutch) message stays. */
const CONSTRAINTS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^property (\S+) should not exist$/, (m) => `onbekend veld '${m[1]}'`],
  [/must be an integer number$/, () => 'moet een geheel getal zijn'],
  [/must be a number conforming/, () => 'moet een getal zijn'],
  [/must not be less than (\S+)$/, (m) => `moet minstens ${m[1]} zijn`],
  [/must not be greater than (\S+)$/, (m) => `mag hoogstens ${m[1]} zijn`],
  [/must be one of the following values: (.*)$/, (m) => `moet een van deze waarden zijn: ${m[1]}`],
  [/must be a UUID$/, () => 'moet een geldige id (UUID) zijn'],
  [/must be a string$/, () => 'moet tekst zijn'],
  [/must be a boolean value$/, () => 'moet true of false zijn'],
  [/must be an array$/, () => 'moet een lijst zijn'],
  [/must be an email$/, () => 'moet een geldig e-mailadres zijn'],
  [/must be a valid ISO 8601 date string$/, () => 'moet een datum zijn, zoals 2027-06-21'],
  [/should not be empty$/, () => 'mag niet leeg zijn'],
  [
    /must be longer than or equal to (\d+) characters$/,
    (m) => `moet minstens ${m[1]} tekens hebben`,
  ],
  [
    /must be shorter than or equal to (\d+) characters$/,
    (m) => `mag hoogstens ${m[1]} tekens hebben`,
  ],
  [
    /must be longer than or equal to (\d+) and shorter than or equal to (\d+) characters$/,
    (m) => `moet ${m[1]} tot ${m[2]} tekens hebben`,
  ],
  [/must contain no more than (\d+) elements$/, (m) => `mag hoogstens ${m[1]} elementen hebben`],
  [/must contain at least (\d+) elements$/, (m) => `moet minstens ${m[1]} elementen hebben`],
  [/All \S+'s elements must be unique$/, () => 'mag geen dubbele waarden bevatten'],
  [/must be an object$/, () => 'moet een object zijn'],
  [/must be a Date instance$/, () => 'moet een datum zijn'],
  [/must be a positive number$/, () => 'moet groter dan 0 zijn'],
  [/nested property \S+ must be either object or array$/, () => 'moet een object of lijst zijn'],
];

export function dutchConstraint(message: string): string {
  for (const [re, nl] of CONSTRAINTS) {
    const m = message.match(re);
    if (m) return nl(m);
  }
  return message;
}

type Entry = {
  field?: string;
  row?: number;
  line?: number;
  code?: string;
  message?: string;
  messages?: string[];
};

/**
 * Any 4xx body of this codebase (the validation pipe's `{field, messages[]}`, a row error
 * `{row|line, field, message}`, a bare string, Nest's defaults) in the one shape of
 * ErrorResponseDto.
 */
export function normalizeErrorBody(status: number, body: unknown): ErrorResponseDto {
  const b: { message?: unknown; errors?: unknown; code?: unknown } =
    typeof body === 'string' ? { message: body } : ((body ?? {}) as object);
  const raw = Array.isArray(b.message) ? b.message.join('; ') : String(b.message ?? '');
  const out: ErrorResponseDto = {
    statusCode: status,
    code: typeof b.code === 'string' ? b.code : (CODES[status] ?? 'error'),
    message: dutchDefault(raw) || dutchDefault(CODES[status] ?? 'Fout'),
  };
  if (Array.isArray(b.errors)) {
    out.errors = (b.errors as Entry[]).flatMap((e) => {
      const messages = e.messages ?? [e.message ?? out.message];
      return messages.map((m) => {
        const item: ErrorItemDto = { code: e.code ?? 'invalid', message: m };
        if (e.field !== undefined) item.field = e.field;
        if (e.row !== undefined || e.line !== undefined) item.row = e.row ?? e.line;
        return item;
      });
    });
  }
  return out;
}
