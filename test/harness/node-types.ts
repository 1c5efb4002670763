import {
	NodeHelpers,
	type IDataObject,
	type INodeCredentials,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

/** n8n names a community node's type `<package name>.<description.name>`. */
export const PACKAGE_NAME = 'n8n-nodes-fluenzr';

export function nodeTypeName(node: INodeType | IVersionedNodeType): string {
	return `${PACKAGE_NAME}.${node.description.name}`;
}

export function highestVersion(node: INodeType): number {
	const { version } = node.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** One stored credential per type the node declares; the harness's credentials helper holds their data. */
export function credentialsFor(node: INodeType): INodeCredentials {
	const declared = node.description.credentials ?? [];
	return Object.fromEntries(declared.map(({ name }) => [name, { id: `harness-${name}`, name: `Harness ${name}` }]));
}

/**
 * The package's own nodes, loaded only when a workflow names them: they are
 * written alongside the harness, and a node that does not compile yet must
 * not break runs that never use it.
 */
const packageNodes: Record<string, () => INodeType> = {
	[`${PACKAGE_NAME}.fluenzr`]: () => {
		const { Fluenzr } = require('../../nodes/Fluenzr/Fluenzr.node');
		return new Fluenzr();
	},
	[`${PACKAGE_NAME}.fluenzrTrigger`]: () => {
		const { FluenzrTrigger } = require('../../nodes/FluenzrTrigger/FluenzrTrigger.node');
		return new FluenzrTrigger();
	},
};

/** The node types a harness workflow may use: the nodes it was given, then the package's own. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(types: Record<string, INodeType | IVersionedNodeType>) {
		for (const [name, type] of Object.entries(types)) this.types.set(name, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		let type = this.types.get(nodeType);
		if (type === undefined && nodeType in packageNodes) {
			type = packageNodes[nodeType]();
			this.types.set(nodeType, type);
		}
		if (type === undefined) throw new Error(`The harness knows no node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const names = new Set([...this.types.keys(), ...Object.keys(packageNodes)]);
		return Object.fromEntries([...names].map((name) => [name, { className: name.split('.')[1], sourcePath: '' }]));
	}
}
