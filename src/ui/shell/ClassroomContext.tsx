/**
 * Which controls a link hid or locked (`?hide=`, `?lock=`), for every component that renders
 * one: `<Control id="objective">…</Control>` renders nothing when hidden and its children
 * read-only (a disabled fieldset) when locked.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { controlMode, type ControlId, type ControlMode } from '../../app/classroom';

interface ClassroomControls {
  hidden: ReadonlySet<ControlId>;
  locked: ReadonlySet<ControlId>;
}

const NONE: ClassroomControls = { hidden: new Set(), locked: new Set() };

export const ClassroomContext = createContext<ClassroomControls>(NONE);

/** How a control shows on this page. */
export function useControlMode(id: ControlId): ControlMode {
  return controlMode(useContext(ClassroomContext), id);
}

/** A control a link can hide or lock. */
export function Control({ id, children }: { id: ControlId; children: ReactNode }) {
  const mode = useControlMode(id);
  if (mode === 'hidden') return null;
  if (mode === 'shown') return <>{children}</>;
  return (
    <fieldset
      className="locked-control"
      disabled
      data-control={id}
      title="Locked by the link this page was opened with"
    >
      {children}
    </fieldset>
  );
}
