import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

import { FluenzrApi } from '../../credentials/FluenzrApi.credentials';

/**
 * Stands in for n8n's CredentialsHelper: it hands out the test's credential
 * data (with the type's defaults filled in, as n8n does when it decrypts) and
 * applies the credential type's `authenticate` to each request.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		credentialTypes: ICredentialType[] = [],
	) {
		super();
		for (const type of [new FluenzrApi(), ...credentialTypes]) this.types.set(type.name, type);
	}

	getCredentialType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (type === undefined) throw new Error(`The harness knows no credential type "${name}"`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.getCredentialType(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...(this.types.has(parent) ? this.getParentTypes(parent) : [])]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getCredentialType(typeName);
		const options = requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type !== 'generic') return options;
		if (workflow === undefined || node === undefined) {
			throw new Error('Generic authentication needs the workflow and node to resolve its expressions');
		}

		// Each entry of headers / qs / body / auth is an expression over $credentials,
		// resolved the way n8n resolves it (a falsy result becomes '').
		const resolve = (value: unknown): unknown => {
			if (typeof value !== 'string' || !value.startsWith('=')) return value;
			const additionalKeys = { $credentials: credentials };
			const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', additionalKeys, undefined, '');
			return resolved ? String(resolved) : '';
		};
		options.headers ??= {};
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const section = ((options as unknown as Record<string, Record<string, unknown> | undefined>)[target] ??= {});
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				section[String(resolve(key))] = resolve(value);
			}
		}
		return options;
	}

	/** Our credential types have no expirable token to refresh; n8n then answers undefined. */
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	/** n8n needs the stored (encrypted) credential only to refresh OAuth tokens; ours is an API key. */
	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('The engine harness holds no stored credentials (OAuth is not supported)');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.withDefaults(type);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.getCredentialType(type).properties;
		const inherited = this.getParentTypes(type)
			.filter((parent) => this.types.has(parent))
			.flatMap((parent) => this.getCredentialType(parent).properties);
		return [...inherited, ...own];
	}

	private withDefaults(type: string): ICredentialDataDecryptedObject {
		const data = structuredClone(this.data) as INodeParameters;
		const withDefaults = NodeHelpers.getNodeParameters(this.getCredentialsProperties(type), data, true, false, null, null);
		return { ...data, ...withDefaults } as ICredentialDataDecryptedObject;
	}
}
