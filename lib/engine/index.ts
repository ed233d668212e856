/** The pure engines: no browser APIs, no clock; every time comes in as `now` (epoch ms). */
export * from './title';
export * from './conditions';
export * from './persona';
export * from './scoring';
export * from './recommend';
export * from './timeline';
export * from './identity';
export * from './lifecycle';
export * from './standing';
