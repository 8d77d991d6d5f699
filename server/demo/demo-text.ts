import type { Agent, Channel } from '../../shared/index.js';
import type { DemoPerson } from './demo-people.js';

export const TOWN = 'Mairie de Saint-Aubin';
/** The town hall's switchboard, the `to` of every inbound call: in ARCEP's fiction block too. */
export const TOWN_PHONE = '+33199000100';

export interface TextContext {
  civ: string;
  nom: string;
  prenom: string;
  adresse: string;
  date: string;
  ref: string;
  enfant: string;
  tel: string;
  topic: string;
  call: string;
}

export function fill(template: string, ctx: Partial<TextContext>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = (ctx as Record<string, string | undefined>)[key];
    return value ?? whole;
  });
}

export function civility(person: Pick<DemoPerson, 'gender'>): string {
  return person.gender === 'f' ? 'Madame' : 'Monsieur';
}

/** "06 12 34 56 78": how a citizen writes their own number. */
export function nationalPhone(e164: string): string {
  const national = `0${e164.replace(/^\+33/, '')}`;
  return national.replace(/(\d{2})(?=\d)/g, '$1 ').trim();
}

const DATE_FR = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** "mardi 14 octobre à 10 h 30", the way French administrative letters write a time. */
export function frenchAppointment(date: Date): string {
  return DATE_FR.format(date).replace(/ (\d{1,2}):(\d{2})$/, ' à $1 h $2').replace(/\s+à\s+à/, ' à');
}

/** "4 min 12 s". */
export function frenchDuration(totalSec: number): string {
  const min = Math.floor(totalSec / 60);
  const sec = totalSec % 60;
  if (min === 0) return `${sec} s`;
  return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
}

const stripBold = (s: string) => s.replace(/\*\*(.+?)\*\*/g, '$1');

const isChat = (channel: Channel) => channel !== 'email';

/** A citizen's message as they would type it on that channel. */
export function citizenText(channel: Channel, body: string, person: DemoPerson, opts: { opening: boolean }): string {
  const plain = stripBold(body);
  if (isChat(channel)) return opts.opening ? `Bonjour, ${lowerFirst(plain)}` : plain;
  const greeting = opts.opening ? 'Madame, Monsieur,' : 'Bonjour,';
  return `${greeting}\n\n${plain}\n\nCordialement,\n${person.firstName} ${person.lastName}`;
}

/** An agent's reply: chat is brief, email carries the administrative greeting and signature. */
export function agentText(channel: Channel, body: string, person: DemoPerson, agent: Agent, service: string): string {
  const plain = stripBold(body);
  const hello = `Bonjour ${civility(person)} ${person.lastName}`;
  if (isChat(channel)) return `${hello}, ${lowerFirst(plain)}`;
  return `${hello},\n\n${plain}\n\nBien cordialement,\n\n${agent.displayName}\n${service} — ${TOWN}`;
}

/** Email body as simple HTML: paragraphs, "- " lines as a list, **bold** as <b>. */
export function toHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inline = (s: string) => escape(s).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>');
  return text
    .split(/\n{2,}/)
    .map((block) => {
      // Runs of "- " lines become a list; the lines around them stay paragraphs, in order.
      const parts: string[] = [];
      let lines: string[] = [];
      let items: string[] = [];
      const flush = () => {
        if (lines.length) parts.push(`<p>${lines.map(inline).join('<br>')}</p>`);
        if (items.length) parts.push(`<ul>${items.map((l) => `<li>${inline(l)}</li>`).join('')}</ul>`);
        lines = [];
        items = [];
      };
      for (const line of block.split('\n')) {
        if (line.startsWith('- ')) {
          if (lines.length) flush();
          items.push(line.slice(2));
        } else {
          if (items.length) flush();
          lines.push(line);
        }
      }
      flush();
      return parts.join('');
    })
    .join('\n');
}

/** The email as the citizen's mail client sends it: the text part plus, with bold kept, HTML. */
export function citizenHtml(body: string, person: DemoPerson, opts: { opening: boolean }): string {
  const greeting = opts.opening ? 'Madame, Monsieur,' : 'Bonjour,';
  return toHtml(`${greeting}\n\n${body}\n\nCordialement,\n${person.firstName} ${person.lastName}`);
}

function lowerFirst(s: string): string {
  // "J’ai" → "j’ai" after a greeting, but acronyms ("PACS") keep their capitals.
  return /^[A-ZÀ-Ý][a-zà-ÿ’' ]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
