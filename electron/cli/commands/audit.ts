import { formatAuditHead } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { AuditLog } from '../../core/journal/auditChain';
import type { AuditShow } from '../args';
import { CommandFailure, type CommandResult } from '../context';
import { EXIT } from '../exitCodes';
import { formatAuditRecords, formatVerification } from '../format';

/** Reads the journal's audit trail: no broker, no connection secret (verify reads the audit key from the keychain). */
export async function showAudit(audit: AuditLog, show: AuditShow): Promise<CommandResult> {
  try {
    return await run(audit, show);
  } catch (error) {
    if (error instanceof AppError) throw new CommandFailure(error.toShape());
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && show.kind === 'export') {
      throw new CommandFailure({ code: 'validation', field: '--export', retryable: false, message: `--export ${show.file} exists already: Closeout never overwrites a file, choose a new name` });
    }
    throw error;
  }
}

async function run(audit: AuditLog, show: AuditShow): Promise<CommandResult> {
  switch (show.kind) {
    case 'list': {
      const records = await audit.read();
      return { value: records, human: formatAuditRecords(records), exitCode: EXIT.done };
    }
    case 'head': {
      const head = await audit.head();
      return { value: head, human: head ? formatAuditHead(head) : 'The audit trail is empty.', exitCode: EXIT.done };
    }
    case 'verify': {
      const result = await audit.verify(show.expectHead ? { expectHead: show.expectHead } : {});
      return { value: result, human: formatVerification(result), exitCode: result.ok ? EXIT.done : EXIT.refused };
    }
    case 'export': {
      const exported = await audit.exportTo(show.file);
      const ends = exported.head ? `, ending at ${formatAuditHead(exported.head)}` : '';
      return { value: exported, human: `Exported ${exported.records} records to ${show.file}${ends}.`, exitCode: EXIT.done };
    }
  }
}
