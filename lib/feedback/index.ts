export * from './drafts';
export * from './links';
export * from './reasons';
