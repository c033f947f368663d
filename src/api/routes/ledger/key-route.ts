import type { FastifyInstance } from 'fastify';
import type { ProofService } from '../../../ledger/gateway';
import { parsePublicKey, sha256Hex } from '../../../ledger/verifier';
import { problem, ProblemError, ProblemType } from '../../http/problem';
import { problemRef } from '../../http/schemas';
import { typed } from '../../http/typed-routes';

/**
 * The node's public key, for anyone: a public key is public, and anyone may check what the
 * ledger says. Taking it from the server being checked is trust on first use; the careful way
 * is the PEM the operator publishes out of band (`eter pubkey`), compared by fingerprint.
 */
export function ledgerKeyRoute(app: FastifyInstance, proofs: ProofService | undefined): void {
  typed(app).get(
    '/v1/ledger/key',
    {
      config: { access: 'ledger-key' },
      schema: {
        summary: "The node's public key",
        description:
          'The Ed25519 key the ledger signs its heads with (as `eter pubkey` prints it), and its fingerprint: SHA-256 of the 32 raw key bytes, lowercase hex, as the web app shows it. Taking it from here is trust on first use; 501 on a ledger engine without a node key (Fabric).',
        tags: ['audit'],
        response: {
          200: {
            type: 'object',
            required: ['algorithm', 'publicKey', 'fingerprint'],
            properties: {
              algorithm: { type: 'string', enum: ['Ed25519'] },
              publicKey: { type: 'string' },
              fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            },
          },
          501: problemRef,
          '4xx': problemRef,
          '5xx': problemRef,
        },
      },
    },
    async () => {
      const pem = proofs?.publicKeyPem?.();
      if (pem === undefined)
        throw new ProblemError(
          problem(ProblemType.unavailable, 501, 'This ledger engine has no node key'),
        );
      return {
        algorithm: 'Ed25519' as const,
        publicKey: pem,
        fingerprint: sha256Hex(parsePublicKey(pem).raw),
      };
    },
  );
}
