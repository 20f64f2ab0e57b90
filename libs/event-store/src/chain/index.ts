export { canonicalJson } from './canonical-json';
export { eventDigest, linkHash, readChain, sealEvents, sha256Hex, withDigests, withoutChain, type ChainableEvent, type EventChain } from './chain-hash';
export { ChainVerifier, type BrokenLink, type ChainProblem, type StreamHead, type VerifiableEvent } from './verify-chain';
export { verifyStoredChain, type ChainReport, type VerifyStoreOptions } from './verify-store';
