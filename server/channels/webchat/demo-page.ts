/**
 * A fake town-hall home page that embeds the widget the way a town's website would: one script
 * tag and nothing else. No inline script, so it runs under the console's CSP unchanged.
 */
export function demoPage(lang: 'fr' | 'en'): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mairie de Villeneuve-sur-Exemple — démonstration du chat</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #f6f6f3; }
  header { background: #000091; color: #fff; padding: 1rem 1.5rem; }
  header p { margin: 0; }
  .skip { position: absolute; left: -999px; }
  .skip:focus { left: 1rem; top: 1rem; background: #fff; color: #000091; padding: .5rem; }
  nav ul { display: flex; gap: 1.5rem; list-style: none; margin: .5rem 0 0; padding: 0; }
  nav a { color: #fff; }
  main { max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem 6rem; }
  h1 { color: #000091; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
  .card { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 1rem; }
  .card h2 { font-size: 1.1rem; margin-top: 0; }
  footer { border-top: 1px solid #ccc; padding: 1rem 1.5rem; color: #3a3a3a; }
</style>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header>
  <p><strong>Mairie de Villeneuve-sur-Exemple</strong></p>
  <nav aria-label="Navigation principale">
    <ul>
      <li><a href="#demarches">Démarches</a></li>
      <li><a href="#horaires">Horaires</a></li>
      <li><a href="#contact">Contact</a></li>
    </ul>
  </nav>
</header>
<main id="contenu">
  <h1>Bienvenue sur le site de votre mairie</h1>
  <p>Page de démonstration : le bouton « Discuter avec la mairie », en bas à droite, ouvre la messagerie instantanée
  de Guichet, ajoutée à cette page par une seule balise <code>&lt;script&gt;</code>.</p>
  <section class="cards" id="demarches" aria-label="Démarches en ligne">
    <article class="card"><h2>État civil</h2><p>Actes de naissance, de mariage et de décès, livret de famille.</p></article>
    <article class="card"><h2>Papiers d’identité</h2><p>Carte d’identité et passeport, sur rendez-vous.</p></article>
    <article class="card"><h2>Urbanisme</h2><p>Permis de construire, déclarations préalables, cadastre.</p></article>
  </section>
  <h2 id="horaires">Horaires d’ouverture</h2>
  <p>Du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h ; le samedi de 9 h à 12 h.</p>
  <h2 id="contact">Nous contacter</h2>
  <p>1 place de la Mairie, 00000 Villeneuve-sur-Exemple — <a href="mailto:contact@mairie.example">contact@mairie.example</a></p>
</main>
<footer><p>© Mairie de Villeneuve-sur-Exemple — site fictif de démonstration. <a href="/accessibilite">Accessibilité : non conforme</a></p></footer>
<script src="/widget/guichet-widget.js" data-site="default" data-lang="${lang}" defer></script>
</body>
</html>
`;
}
