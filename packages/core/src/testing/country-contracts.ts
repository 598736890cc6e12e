import { type CountryDefinition, loadCountryConfig } from '../app/country';
import { countryConfig } from '../config/core.config';
import { Catalogue, type PoSource } from '../i18n/catalogue';
import { checkLengths } from '../i18n/length-check';
import { lengthSamples } from '../i18n/length-samples';
import { registeredMessages } from '../i18n/messages';
import { findMissingTranslations } from '../i18n/missing-translations';
import { Translator } from '../i18n/translator';
import { useCountryApp } from './country-app';
import { servedRoutes, validateOpenApi } from './openapi';

/*
 * What every country must hold of itself, written once and described by each country's own spec
 * file: its catalogues translate every text and fit the SMS length (as `mwana translations check`
 * reads them), and its OpenAPI document describes exactly the routes the whole app serves.
 */

/** `names`: the country's languages as a sentence ("Bemba, Nyanja and Tonga"), for the test's title. */
export function describeCountryTranslations(country: CountryDefinition, names: string): void {
  const config = loadCountryConfig(country, { env: 'test' }).section(countryConfig);
  const languages = config.languages.map((l) => l.code);
  const translated = languages.filter((code) => code !== config.defaultLanguage);

  function lengthFailures(sources: readonly PoSource[]): string[] {
    const translator = new Translator({
      defaultLanguage: config.defaultLanguage,
      languages,
      catalogue: Catalogue.fromSources(sources),
    });
    const samples = lengthSamples(country.dir, translator);
    const reports = checkLengths(translator, registeredMessages(), languages, config.smsMaxLength, samples);
    return reports.filter((r) => r.tooLong).map((r) => `${r.language} ${r.label} ${r.length}`);
  }

  describe(`${country.name}'s translations`, () => {
    const sources = Catalogue.readSources(country.localeDirs);

    it(`translate every text of every installed app into ${names} (as fuzzy drafts)`, () => {
      const counts = findMissingTranslations(Catalogue.fromSources(sources), languages).map((m) => [
        m.language,
        m.messages.length,
        m.fuzzy.length,
      ]);
      const total = registeredMessages().length;
      expect(total).toBeGreaterThan(100);
      expect(counts).toEqual(translated.map((code) => [code, 0, total]));
    });

    it('fit one SMS with long values in every language, unless a text says why it may be long', () => {
      expect(lengthFailures(sources)).toEqual([]);
    });

    it('fail the length check when a translation is made too long, naming text, language and length', () => {
      const language = translated[translated.length - 1];
      const draft = 'Pa kuilembesha, tumeni JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>. '.repeat(3);
      const longer = `#, fuzzy\nmsgid "To register, send JOIN <TYPE> <LOCATION CODE> <NAME> <PIN CODE>"\nmsgstr "${draft}"\n`;
      const extra = {
        language,
        file: `longer/${language}.po`,
        content: `msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n${longer}`,
      };
      expect(lengthFailures([...sources, extra])).toEqual([`${language} labresults.joinHelp 210`]);
    });
  });
}

type OpenApiDoc = { paths: Record<string, Record<string, unknown>> };

/** Starts the country's app and checks `/api/openapi.json` against the routes it serves. */
export function describeCountryOpenApi(country: CountryDefinition): void {
  describe(`${country.name}: /api/openapi.json (real HTTP, a real OpenAPI parser)`, () => {
    const running = useCountryApp(country);

    it('describes in a valid OpenAPI document every route the whole app answers (the apps’ too), and none it does not', async () => {
      const response = await fetch(`${running().url}/api/openapi.json`);
      expect(response.status).toBe(200);
      const doc = (await response.json()) as OpenApiDoc;
      expect(await validateOpenApi(doc)).toBeNull();
      const all = servedRoutes(running().app.getHttpAdapter().getInstance());
      // The console's pages are HTML for people; a gateway's webhooks are described per gateway.
      const served = all.filter((r) => !/ \/console/.test(r) && !r.includes('{action}'));
      const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      expect(served).toEqual(
        expect.arrayContaining(['POST /api/messages', 'POST /api/broadcasts', 'POST /labresults/incoming/']),
      );
      expect(served.filter((route) => !described.includes(route))).toEqual([]);
      const perGateway = (route: string) =>
        route.replace(/^(\w+) \/backends\/(?!\{name\})[\w-]+\/\w+$/, '$1 /backends/{name}/{action}');
      expect(described.filter((route) => !all.includes(route) && !all.includes(perGateway(route)))).toEqual([]);
    });
  });
}
