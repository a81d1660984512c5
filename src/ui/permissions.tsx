// What the signed-in user's role allows, for the screens to say so before the server does: a
// button that would be refused is disabled and says which role it needs. The server decides
// (server/auth/permissions.ts); this only spares a marketer a refusal. Without a provider (a
// component test) everything is allowed.
import { createContext, useContext, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Role = 'viewer' | 'editor' | 'admin';
const RANK: Readonly<Record<Role, number>> = { viewer: 1, editor: 2, admin: 3 };

const RoleContext = createContext<Role>('admin');

export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

/** The signed-in user's role. */
export function useRole(): Role {
  return useContext(RoleContext);
}

/** Whether the signed-in user may do what needs `need`. */
export function useCan(need: Exclude<Role, 'viewer'>): boolean {
  return RANK[useContext(RoleContext)] >= RANK[need];
}

/**
 * A write the signed-in role may not send, said on its control before the server refuses it: the
 * control stays in sight, disabled, with the role it needs as its tooltip and its description.
 */
export interface WriteGate {
  /** The signed-in role may send the write. */
  allowed: boolean;
  /** Why not, in the user's words (« Réservé aux éditeurs : vous êtes lecteur. »); null when allowed. */
  reason: string | null;
  /** Spread last on each control that sends the write: nothing when allowed. */
  control: {
    disabled?: true;
    title?: string;
    'aria-describedby'?: string;
    className?: string;
  };
  /** What the controls' description points at: render it once beside them. */
  note: ReactNode;
}

// A disabled button ignores the pointer (src/ui/Button.tsx); this one takes it back so its tooltip
// shows. A disabled button still fires no click.
const REFUSED = 'disabled:pointer-events-auto! disabled:cursor-not-allowed';

export function useWriteGate(need: 'editor' | 'admin'): WriteGate {
  const { t } = useTranslation('common');
  const role = useRole();
  const allowed = useCan(need);
  const id = useId();
  if (allowed) return { allowed, reason: null, control: {}, note: null };
  const reason = t(need === 'editor' ? 'permission.editorOnly' : 'permission.adminOnly', { role });
  return {
    allowed,
    reason,
    control: { disabled: true, title: reason, 'aria-describedby': id, className: REFUSED },
    note: (
      <span id={id} hidden>
        {reason}
      </span>
    ),
  };
}
