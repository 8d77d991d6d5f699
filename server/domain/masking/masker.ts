import type { Identity } from '../../../shared/index.js';
import { mentionsIn } from '../../../shared/mentions.js';
import {
  addressSpans,
  emailSpans,
  fakeEmail,
  handleSpans,
  ibanSpans,
  nirSpans,
  phoneSpans,
  socialUrlSpans,
  type EmailOwners,
} from './detectors.js';
import { escapeRegExp, foldKey, foldText } from './fold.js';
import { maskHtml } from './mask-html.js';
import { canonical, cuedNames, nameTokens, nameVariants, VariantFinder, type NameHit, type NameVariant } from './names.js';
import { fakePhone } from './phones.js';
import { Pseudonyms } from './pseudonyms.js';
import { matchesOf, overlaps, SpanSet, type Span } from './spans.js';

/** A citizen of the replay: every name the journal gave them and every identity they hold. */
export interface MaskSubject {
  citizenId: string;
  names: readonly string[];
  identities: readonly Pick<Identity, 'kind' | 'value'>[];
}

export interface MaskerConfig {
  /** Server secret: without it nobody can recompute which fake stands for which real value. */
  secret: string;
  /** The replay ("conversation:<id>", "citizen:<id>"): pseudonyms are stable within it. */
  scope: string;
  /** Registered in this order, so the first is "Citoyen A". */
  citizens: readonly MaskSubject[];
  /** Staff names stay readable: "Camille Martin, service État civil" is not personal data of the citizen. */
  staffNames: readonly string[];
  /**
   * Every text of the replay (bodies, subjects, notes, summaries), read once for the names they
   * introduce ("mon fils Malo Kerhervé", "Père : …"): such a name is then masked wherever it shows
   * up, cue or not, with the same pseudonym — a subject says "Certificat pour Malo Kerhervé"
   * without a cue when the body introduced him.
   */
  context?: readonly string[];
}

const LABEL_REPEAT = /\b(Citoyen|Personne) ([A-Z]+)(?:[ \t\u00a0]+\1 \2\b)+/g;

/**
 * Masks one replay consistently: the same person, address or number gets the same pseudonym in
 * every event, channel and field, including e-mail HTML and identity records.
 */
export class Masker {
  private readonly p: Pseudonyms;
  private readonly labels = new Map<string, string>();
  private readonly variantOwner = new Map<string, string>();
  private readonly tokensByCitizen: { citizenId: string; tokens: Set<string> }[] = [];
  private readonly citizenNames: VariantFinder;
  /** Names the replay's texts introduce, and for each variant the full name it stands for. */
  private readonly learnedNames: VariantFinder;
  private readonly learnedOwner = new Map<string, string>();
  private readonly staff: VariantFinder;
  /** The staff as the mention rule reads them: a name is its own id here. */
  private readonly staffDirectory: readonly { id: string; displayName: string }[];
  private readonly emailOwner = new Map<string, string>();
  private readonly socialValues = new Map<string, string>();
  private readonly socialPattern: RegExp | null;
  private readonly owners: EmailOwners;

  constructor(config: MaskerConfig) {
    this.p = new Pseudonyms(config.secret, config.scope);
    const variants = [];
    for (const subject of config.citizens) {
      const label = this.p.person(`citizen:${subject.citizenId}`, 'citizen');
      this.labels.set(subject.citizenId, label);
      const tokens = new Set<string>();
      for (const name of subject.names) {
        for (const v of nameVariants(name)) {
          if (!this.variantOwner.has(v.folded)) this.variantOwner.set(v.folded, subject.citizenId);
          for (const t of nameTokens(v.folded)) tokens.add(t);
          variants.push(v);
        }
      }
      this.tokensByCitizen.push({ citizenId: subject.citizenId, tokens });
      for (const identity of subject.identities) {
        if (identity.kind === 'email') this.emailOwner.set(identity.value.toLowerCase(), label);
        else if (identity.kind !== 'phone' && identity.kind !== 'whatsapp' && identity.value.length >= 4) {
          this.socialValues.set(identity.value.toLowerCase(), identity.kind);
        }
      }
    }
    this.citizenNames = new VariantFinder(variants);
    // Only full staff names (two words or more) are kept, so a citizen's first name that happens
    // to be an agent's is still masked.
    this.staffDirectory = config.staffNames.map((n) => ({ id: n, displayName: n }));
    this.staff = new VariantFinder(config.staffNames.flatMap((n) => nameVariants(n).filter((v) => v.weight >= 2 && v.folded === canonical(foldKey(n)))));
    this.learnedNames = new VariantFinder(this.learn(config.context ?? [], new Set(config.staffNames.map((n) => canonical(foldKey(n))))));
    const social = [...this.socialValues.keys()].sort((a, b) => b.length - a.length);
    this.socialPattern = social.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${social.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
    this.owners = { ownerOf: (key) => this.emailOwner.get(key) };
  }

  /** "Citoyen A" for a citizen of the replay; a citizen met only later gets the next letter. */
  citizenLabel(citizenId: string): string {
    const known = this.labels.get(citizenId);
    if (known) return known;
    const label = this.p.person(`citizen:${citizenId}`, 'citizen');
    this.labels.set(citizenId, label);
    return label;
  }

  identity<I extends Pick<Identity, 'kind' | 'value'>>(identity: I): I {
    const masked: I & Pick<Identity, 'confirmation'> = { ...identity, value: this.identityValue(identity.kind, identity.value) };
    // How staff checked it is free text ("rappel au 06…"): masked like any text.
    if (masked.confirmation) masked.confirmation = { ...masked.confirmation, how: this.text(masked.confirmation.how) };
    return masked;
  }

  identityValue(kind: string, value: string): string {
    if (kind === 'email') return fakeEmail(this.p, value, this.owners);
    if (kind === 'phone' || kind === 'whatsapp') return fakePhone(this.p, value) ?? this.p.socialId(value, kind);
    return this.p.socialId(value.toLowerCase(), kind);
  }

  /** A phone number field (call from/to); anything that is not a number is masked as text. */
  phoneValue(value: string): string {
    return fakePhone(this.p, value) ?? this.text(value);
  }

  html(html: string): string {
    return maskHtml(html, (text) => this.text(text));
  }

  text(text: string): string {
    if (text.length === 0) return text;
    const fixed = new SpanSet();
    const add = (spans: Span[]) => {
      for (const s of spans) fixed.add(s);
    };
    // Order is priority: an e-mail address wins over the name inside it, an IBAN over the
    // digits a phone pattern would see in it.
    add(socialUrlSpans(text, this.p));
    add(emailSpans(text, this.p, this.owners));
    add(this.mentionSpans(text));
    add(ibanSpans(text, this.p));
    add(nirSpans(text, this.p));
    add(this.socialSpans(text));
    add(phoneSpans(text, this.p));
    add(handleSpans(text, this.p));
    add(addressSpans(text, this.p));
    this.addNames(text, fixed);
    return fixed.apply(text).replace(LABEL_REPEAT, '$1 $2');
  }

  /**
   * The people the texts introduce by a cue, one per name of a list ("Alain et Josette Dupont"),
   * minus the citizens (already known) and the staff (readable). A variant two people share
   * stands for the first one met.
   */
  private learn(texts: readonly string[], staff: ReadonlySet<string>): NameVariant[] {
    const variants: NameVariant[] = [];
    for (const text of texts) {
      for (const hit of cuedNames(text)) {
        for (const name of text.slice(hit.start, hit.end).split(/[ \t\u00a0]*(?:,|&|\bet\b)[ \t\u00a0]*/u)) {
          const full = canonical(foldKey(name));
          if (!full || staff.has(full) || this.variantOwner.has(full)) continue;
          for (const v of nameVariants(name)) {
            if (this.variantOwner.has(v.folded) || this.learnedOwner.has(v.folded)) continue;
            this.learnedOwner.set(v.folded, full);
            variants.push(v);
          }
        }
      }
    }
    return variants;
  }

  /**
   * "@Karim" in a note calls a colleague: kept as written, or the handle detector would turn it
   * into a pseudonymous account. Only known staff, by the console's own mention rule
   * (shared/mentions.ts), so an "@" before anyone else's name is still masked. A first name
   * alone is kept here, unlike in running text, because the "@" says it names a colleague.
   */
  private mentionSpans(text: string): Span[] {
    return mentionsIn(text, this.staffDirectory).map((m) => ({ start: m.start, end: m.end, replace: () => text.slice(m.start, m.end) }));
  }

  private socialSpans(text: string): Span[] {
    if (!this.socialPattern) return [];
    return [...matchesOf(this.socialPattern, text)].map((m) => {
      const key = m[0].toLowerCase();
      return { start: m.index, end: m.index + m[0].length, replace: () => this.p.socialId(key, this.socialValues.get(key) ?? 'id') };
    });
  }

  /**
   * Citizens' full names beat staff names, which beat one-word names and cued names: an agent
   * signing "Camille Martin" keeps their name even when the citizen is a Martin. Overlapping
   * name hits merge into one span, named after the person they designate.
   */
  private addNames(text: string, fixed: SpanSet): void {
    const folded = foldText(text);
    const free = (h: NameHit) => !fixed.overlapsAny(h);
    // Names the replay introduced elsewhere weigh like the citizens' own.
    const citizenHits = [...this.citizenNames.find(text, folded), ...this.learnedNames.find(text, folded)].filter(free);
    const strong = citizenHits.filter((h) => nameTokens(h.folded).length >= 2);
    const keep = this.staff.find(text, folded).filter((h) => free(h) && !strong.some((s) => overlaps(s, h)));
    const weak = [...citizenHits.filter((h) => !strong.includes(h)), ...cuedNames(text)].filter(
      (h) => free(h) && !keep.some((k) => overlaps(k, h)),
    );
    for (const k of keep) fixed.add({ start: k.start, end: k.end, replace: () => text.slice(k.start, k.end) });

    const clusters: { start: number; end: number }[] = [];
    for (const h of [...strong, ...weak].sort((a, b) => a.start - b.start || b.end - a.end)) {
      const last = clusters[clusters.length - 1];
      if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
      else clusters.push({ start: h.start, end: h.end });
    }
    for (const c of clusters) {
      const key = canonical(foldKey(text.slice(c.start, c.end)));
      fixed.add({ start: c.start, end: c.end, replace: () => this.personFor(key) });
    }
  }

  private personFor(key: string): string {
    const owner = this.variantOwner.get(key);
    if (owner) return this.citizenLabel(owner);
    const learned = this.learnedOwner.get(key);
    if (learned) return this.p.person(`person:${learned}`, 'person');
    const tokens = nameTokens(key);
    const match = this.tokensByCitizen.find((c) => tokens.length > 0 && tokens.every((t) => c.tokens.has(t)));
    if (match) return this.citizenLabel(match.citizenId);
    return this.p.person(`person:${key}`, 'person');
  }
}
