import { emailText } from './email-text';

describe('emailText', () => {
  it('says what happened in Dutch and gives the link', () => {
    const text = emailText('proposals.arrived', 'https://overstap.test/voorstellen');
    expect(text).toContain('Er staan nieuwe plaatsingsvoorstellen voor uw school klaar.');
    expect(text).toContain('https://overstap.test/voorstellen');
  });

  it('has a general sentence for an unknown kind and copes without a link', () => {
    const text = emailText('something.else', null);
    expect(text).toContain('Er is een nieuw bericht voor u in Overstap.');
    expect(text).toContain('Log in op Overstap');
  });
});
