import type { ServerResponse } from "node:http";

/**
 * A company's website, served by the fake Unipile process under `/site/<name>/…` so every test
 * stack (workerd tests, e2e, dev) reaches it without another port. Outside service: faked only
 * at the HTTP level; the Python service reads it for real.
 */
const PAGES: Record<string, string> = {
  "": `<html><head><title>Precisa Implantes</title></head><body>
<h1>Precisa Implantes</h1>
<p>Fabricamos implantes ortopédicos e instrumentos cirúrgicos para OEMs do Brasil e do exterior.</p>
<p>Nosso parque conta com tornos automáticos suíços e centros de usinagem CNC de 5 eixos.</p>
<a href="sobre">Sobre nós</a> <a href="qualidade">Qualidade</a></body></html>`,
  sobre: `<html><body><p>Nosso centro de pesquisa e desenvolvimento cria novos produtos com hospitais.</p>
</body></html>`,
  qualidade: `<html><body><p>Somos certificados ISO 13485:2016 e registrados na ANVISA.</p>
<p>Nossos dispositivos têm marcação CE para o mercado europeu.</p></body></html>`,
};

/** Answers `/site/<name>/<page>`; returns false when the path is not a site page. */
export function serveFakeSite(pathname: string, res: ServerResponse): boolean {
  const m = pathname.match(/^\/site\/[a-z0-9-]+\/?(.*)$/);
  if (!m) return false;
  const page = PAGES[m[1] ?? ""];
  if (page === undefined) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  } else {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  }
  return true;
}
