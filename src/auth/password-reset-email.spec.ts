import { passwordResetEmail } from './password-reset-email';

describe('passwordResetEmail', () => {
  it('gives the link and says in Dutch how long it works', () => {
    const link = 'https://overstap.test/wachtwoord-herstellen?token=abc';
    const mail = passwordResetEmail(link);
    expect(mail.subject).toBe('Overstap: stel een nieuw wachtwoord in');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('1 uur geldig');
  });
});
