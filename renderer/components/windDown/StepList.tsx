import { STEP_LABELS, type WindDownStep } from '../../../shared/windDown';
import './StepList.css';

export interface StepLine {
  step: WindDownStep;
  /** What the step will do or did, in one or two words: "run", "skip", "done", "failed"… */
  state: string;
  message: string;
  requestId?: string;
}

/** The five steps of one account, each with its state and words, in the order they run. */
export function StepList({ steps, label }: { steps: readonly StepLine[]; label: string }) {
  return (
    <ol className="step-list" aria-label={label}>
      {steps.map((line) => (
        <li key={line.step} className={`step step-${line.state.replace(/\s+/g, '-')}`} data-step={line.step} data-state={line.state}>
          <span className="step-name">{STEP_LABELS[line.step]}</span>
          <span className="step-state">{line.state.replace(/_/g, ' ')}</span>
          <span className="step-message">
            {line.message}
            {line.requestId ? <span className="mono"> (request id {line.requestId})</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
