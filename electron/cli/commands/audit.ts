import { openAuditLog } from '../../core/audit/auditLog';
import type { CommandResult } from '../context';
import { EXIT } from '../exitCodes';
import { formatAuditRecords, formatVerification } from '../format';

/** Reads the data folder's audit trail directly: no broker, no keychain. */
export async function showAudit(dataDir: string, verify: boolean): Promise<CommandResult> {
  const log = openAuditLog(dataDir);
  if (verify) {
    const result = await log.verify();
    return { value: result, human: formatVerification(result), exitCode: result.ok ? EXIT.done : EXIT.refused };
  }
  const records = await log.read();
  return { value: records, human: formatAuditRecords(records), exitCode: EXIT.done };
}
