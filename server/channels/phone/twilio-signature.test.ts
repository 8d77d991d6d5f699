import { describe, expect, it } from 'vitest';
import { signedUrlVariants, twilioSignature, verifyTwilioSignature } from './twilio-signature.js';

// The example of Twilio's security documentation: token, URL, parameters and expected signature.
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = new URLSearchParams({
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
});
const EXPECTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('Twilio request signature', () => {
  it('matches the documented example', () => {
    expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe(EXPECTED);
    expect(verifyTwilioSignature(TOKEN, EXPECTED, URL_, PARAMS)).toBe(true);
  });

  it('does not depend on the order the parameters came in', () => {
    const shuffled = new URLSearchParams([...PARAMS.entries()].reverse());
    expect(twilioSignature(TOKEN, URL_, shuffled)).toBe(EXPECTED);
  });

  it('refuses a changed parameter, URL or token, and a missing signature', () => {
    const changed = new URLSearchParams(PARAMS);
    changed.set('Digits', '1235');
    expect(verifyTwilioSignature(TOKEN, EXPECTED, URL_, changed)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, EXPECTED, 'https://mycompany.com/myapp.php?foo=1&bar=3', PARAMS)).toBe(false);
    expect(verifyTwilioSignature('54321', EXPECTED, URL_, PARAMS)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, '', URL_, PARAMS)).toBe(false);
  });

  it('accepts the URL signed with or without the default port', () => {
    expect(signedUrlVariants('https://guichet.example/webhooks/voice/twilio')).toContain('https://guichet.example:443/webhooks/voice/twilio');
    const withPort = twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS);
    expect(verifyTwilioSignature(TOKEN, withPort, URL_, PARAMS)).toBe(true);
  });
});
