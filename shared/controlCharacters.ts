// Text from a broker is shown in terminals and opened in spreadsheets. Control characters there can move the cursor,
// recolour or clear the screen, or hide what came before a carriage return; bidirectional embeddings, overrides,
// isolates and marks reorder what is shown, so "sell 10 AAPL" can read as something else. Each becomes a plain space,
// so what is left reads in the order it was written and nothing vanishes without a trace.

// C0 controls, DEL and C1 controls; U+061C, U+200E and U+200F (marks); U+202A-U+202E (embeddings, overrides);
// U+2066-U+2069 (isolates).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function neutralizeControls(text: string): string {
  return text.replace(CONTROLS, ' ');
}
