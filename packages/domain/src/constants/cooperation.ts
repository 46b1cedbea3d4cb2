// Placements' and projects' fixed lists, with no validator: the web imports these at run time, and the
// zod schemas in ../cooperation.ts are built from them, so there is one copy.

/** missing → recorded (the school enters its number and signing date) → confirmed (the enterprise checks it) */
export const agreementStatuses = ['missing', 'recorded', 'confirmed'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/**
 * Where a placement stands on a given day. 'blocked' is the rule of 职业学校学生实习管理规定 (2021): an internship
 * may not start without a signed tripartite agreement, so one whose first day has come without a confirmed
 * agreement is flagged to both sides (and to admins) rather than shown as running.
 */
export const placementPhases = ['awaiting_agreement', 'ready', 'blocked', 'running', 'finished', 'cancelled'] as const;
export type PlacementPhase = (typeof placementPhases)[number];

export const projectStatuses = ['active', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
