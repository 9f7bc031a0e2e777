import { dutchConstraint, normalizeErrorBody } from './errors';

describe('one error shape', () => {
  it('turns the validation pipe’s, a row error’s and a bare string’s bodies into one shape', () => {
    expect(
      normalizeErrorBody(400, {
        message: 'Ongeldige invoer',
        errors: [{ field: 'grade', code: 'max', message: 'mag hoogstens 6 zijn' }],
      }),
    ).toEqual({
      statusCode: 400,
      code: 'invalid_input',
      message: 'Ongeldige invoer',
      errors: [{ field: 'grade', code: 'max', message: 'mag hoogstens 6 zijn' }],
    });
    expect(
      normalizeErrorBody(400, {
        message: 'x',
        errors: [{ line: 3, field: 'niveau', message: 'onbekend' }],
      }),
    ).toMatchObject({
      errors: [{ row: 3, field: 'niveau', code: 'invalid', message: 'onbekend' }],
    });
    expect(
      normalizeErrorBody(400, { errors: [{ field: 'a', messages: ['één', 'twee'] }] }).errors,
    ).toEqual([
      { field: 'a', code: 'invalid', message: 'één' },
      { field: 'a', code: 'invalid', message: 'twee' },
    ]);
    expect(normalizeErrorBody(409, 'Bestaat al')).toEqual({
      statusCode: 409,
      code: 'conflict',
      message: 'Bestaat al',
    });
  });

  it('says Nest’s and class-validator’s English defaults in Dutch, and keeps Dutch messages', () => {
    expect(normalizeErrorBody(403, { message: 'Forbidden resource' }).message).toBe(
      'U heeft hiervoor geen toegang',
    );
    expect(normalizeErrorBody(404, { message: 'Cannot GET /api/nope' }).message).toBe(
      'Niet gevonden: GET /api/nope',
    );
    expect(dutchConstraint('grade must not be greater than 6')).toBe('mag hoogstens 6 zijn');
    expect(dutchConstraint('property bsn should not exist')).toBe("onbekend veld 'bsn'");
    expect(dutchConstraint('leerjaar 7 bestaat niet')).toBe('leerjaar 7 bestaat niet');
  });
});
