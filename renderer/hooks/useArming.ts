import { createContext, useContext, useEffect, useRef, useState } from 'react';

/** How long a confirmation must have been in view before it can be confirmed, as browsers wait on permission prompts. */
export const ARM_DELAY_MS = 500;

/** Whether the open dialog's confirm button may act yet; true outside a dialog, where there is nothing to arm. */
export const ArmedContext = createContext(true);

export const useArmed = () => useContext(ArmedContext);

// Keys that press a focused button or submit a form from a field.
function activates(event: KeyboardEvent): boolean {
  if (event.key === 'Enter') return true;
  return event.key === ' ' && event.target instanceof HTMLButtonElement;
}

// Only the confirm button waits: Cancel, the fields and the options work from the first moment.
function confirms(event: Event): boolean {
  return event.target instanceof Element && event.target.closest('[data-confirm]') !== null;
}

// A plain button other than the confirm one (Cancel, Read, Done) sends nothing, so a fresh press of it acts at once.
function pressesHarmlessButton(event: Event): boolean {
  return event.target instanceof HTMLButtonElement && event.target.type === 'button' && !confirms(event);
}

function block(event: Event) {
  event.preventDefault();
  event.stopPropagation();
}

/**
 * Arms a confirmation only once it has been visible (from its first painted frame) for ARM_DELAY_MS, and then only for a fresh press: a key that was
 * already down when the dialog opened, a key's auto-repeat (by its flag, or a second keydown with no keyup between),
 * a press of the confirm button or a field's Enter before arming, and a click whose button went down before arming all
 * do nothing. The Enter that opened a dialog, held or pressed twice, therefore never confirms it; a fresh press of a
 * button that sends nothing (Cancel, a step that only reads) works from the first moment.
 */
export function useArming(): boolean {
  const [armed, setArmed] = useState(false);
  const armedRef = useRef(false);

  useEffect(() => {
    const down = new Set<string>();
    let pointerDownBeforeArming = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;

    const stop = () => {
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    // Counted from the first frame that shows the confirmation, not from its mount: on a busy machine the work after a
    // mount (a dialog whose chunk just arrived, layout, focus) can hold the first paint back for a good part of the delay.
    const arm = () => {
      stop();
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          armedRef.current = true;
          setArmed(true);
        }, ARM_DELAY_MS);
      });
    };
    const disarm = () => {
      stop();
      armedRef.current = false;
      setArmed(false);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const repeated = event.repeat || down.has(event.key);
      down.add(event.key);
      if (!activates(event)) return;
      if (repeated || (!armedRef.current && !pressesHarmlessButton(event))) block(event);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      const wasDown = down.delete(event.key);
      // A button clicks on Space's release: one never seen going down (held from before) must not click either.
      if (event.key === ' ' && activates(event) && (!wasDown || (!armedRef.current && !pressesHarmlessButton(event)))) block(event);
    };
    const onPointerDown = () => {
      pointerDownBeforeArming = !armedRef.current;
    };
    const onClick = (event: MouseEvent) => {
      // detail 0 is a click synthesised from a key press, already judged by its keydown.
      if (event.detail > 0 && (pointerDownBeforeArming || !armedRef.current) && confirms(event)) block(event);
    };
    // Keys released while the window was elsewhere never send their keyup.
    const onBlur = () => down.clear();
    // A dialog opened behind another window has not been seen: it arms once it has been in view for the delay.
    const onVisibility = () => {
      if (document.visibilityState === 'visible') arm();
      else disarm();
    };

    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('click', onClick, true);
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onVisibility);
    if (document.visibilityState === 'visible') arm();
    return () => {
      stop();
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('click', onClick, true);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  return armed;
}
