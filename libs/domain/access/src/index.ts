import {  } from '@orch/kernel';
export * from './apikey.events';
export * from './apikey.commands';
export * from './apikey.state';
export * from './apikey.decide';
export * from './webhook';
