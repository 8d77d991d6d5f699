/**
 * Where the widget keeps its session token: localStorage, one entry per site. Storage may be
 * missing or throw (private browsing, blocked cookies): the chat then lasts for the page's life.
 */
export class SessionStore {
  private memory: string | null = null;
  private readonly key: string;

  constructor(site: string) {
    this.key = `guichet-webchat:${site}`;
  }

  get token(): string | null {
    try {
      return window.localStorage.getItem(this.key) ?? this.memory;
    } catch {
      return this.memory;
    }
  }

  set token(value: string | null) {
    this.memory = value;
    try {
      if (value === null) window.localStorage.removeItem(this.key);
      else window.localStorage.setItem(this.key, value);
    } catch {
      // Kept in memory only.
    }
  }
}
