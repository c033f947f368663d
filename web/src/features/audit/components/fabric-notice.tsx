import { useI18n } from '../../../lib/i18n/i18n';
import { Command, ProofJson } from './proof-json';

/**
 * The command that checks Fabric's documents, with the orderer root CA of the local network
 * (docs/fabric.md); a deployment names its own orderer organisations' CA file.
 */
export function fabricCommand(fileName: string): string {
  return `eter check-proof ${fileName} --orderer-ca data/fabric/crypto/ordererOrganizations/orderer.eter.local/msp/cacerts/ca.orderer.eter.local-cert.pem`;
}

/**
 * A Fabric proof is not checked in the browser: its evidence is orderer-signed block headers
 * (ASN.1 DER), X.509 certificates to chain to the orderer root CAs, and protobuf envelopes, which
 * the one verifier here does not read. It says so, and gives the command that does check it.
 */
export function FabricNotice({ doc, fileName }: { doc: unknown; fileName: string }) {
  const { t } = useI18n();
  return (
    <div className="fabric-notice" role="note" data-testid="fabric-notice">
      <p>
        <strong>{t('audit.fabric.title')}</strong> {t('audit.fabric.why')}
      </p>
      <p>{t('audit.fabric.how')}</p>
      <Command>{fabricCommand(fileName)}</Command>
      <ProofJson doc={doc} fileName={fileName} />
    </div>
  );
}
