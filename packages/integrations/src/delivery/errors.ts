/** Stable codes; Dada's own `code` (non-zero) is in `details.dadaCode` for `DADA_API_ERROR`. */
export type DadaErrorCode = 'DADA_CONFIG_INVALID' | 'DADA_INVALID_INPUT' | 'DADA_API_ERROR' | 'DADA_RESPONSE_INVALID' | 'DADA_NETWORK' | 'DADA_CALLBACK_INVALID' | 'DADA_CALLBACK_SIGNATURE_INVALID';

export class DadaError extends Error {
  constructor(
    public readonly code: DadaErrorCode,
    message: string,
    public readonly details: { dadaCode?: number; dadaMessage?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'DadaError';
  }
}
