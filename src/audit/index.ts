export {
  PointsAudit,
  type AuditProblem,
  type PointsAuditReport,
  type PointsFigures,
} from './points-audit';
export { auditPointsInStore, auditPointsOverGateway } from './audit-ledger';
