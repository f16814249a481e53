import type { AccountStatusTone } from '../../../shared/domain';
import { humanise } from '../../lib/format';

export type BadgeTone = AccountStatusTone | 'neutral' | 'positive' | 'negative' | 'warning';

export function Badge({ tone, children }: { tone: BadgeTone; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function StatusBadge({ status, tone }: { status: string; tone: AccountStatusTone }) {
  return <Badge tone={tone}>{humanise(status)}</Badge>;
}
