/**
 * The one spelling of a sign-in email, used both to find the account and to key the login rate
 * limits: if two spellings reach one account, they must also count against one limit. Unicode
 * compatibility forms fold (full-width `ａ＠ｂ．ｆｒ` is `a@b.fr`), invisible format characters
 * (zero-width spaces, BOM) and surrounding blanks go, case folds, and a trailing dot of the domain
 * (its fully-qualified spelling) is dropped.
 */
export function loginIdentifier(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/\.+$/, '');
}
