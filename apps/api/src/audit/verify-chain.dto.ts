import { OptionalText } from '../queries/dto/query-fields';

const STREAM = /^[a-z][a-z0-9]*-[A-Za-z0-9._:-]{1,200}$/;

/** `GET /audit/verify?stream=` — one stream, or the caller's whole tenant log when absent. */
export class VerifyChainDto {
  @OptionalText(260, STREAM)
  stream?: string;
}
