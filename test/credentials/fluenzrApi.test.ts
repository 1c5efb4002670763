/**
 * The credential's texts are read by people who installed the package from
 * npm, in n8n's credential dialog: nothing there may send them to this
 * repository or its scripts, which they do not have.
 */
import { FluenzrApi } from '../../credentials/FluenzrApi.credentials';

const texts = (credential: FluenzrApi) =>
	[
		...credential.properties.flatMap((property) => [property.displayName, property.description, property.hint, property.placeholder]),
		...(credential.test.rules ?? []).map((rule) => String((rule.properties as { message?: string }).message)),
	].filter((text): text is string => typeof text === 'string');

describe('FluenzR API credential', () => {
	it('speaks of nothing an npm install does not have: no npm script, no repository, no sandbox', () => {
		for (const text of texts(new FluenzrApi())) expect(text).not.toMatch(/npm run|repository|sandbox/i);
	});
});
