import type { Plugin } from 'vite';

export declare const REGISTRY_KEY: string;
export declare function hostingPlugin(options: { entryFile: string }): Plugin;
