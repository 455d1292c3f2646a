import { formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import type { Refusal } from '../shared/refusal';
import { currentRoles, describeServed, roleList, servedInRoles, type RoleSpell } from '../shared/roles';
import type { ProgrammeDefinition } from '../programmes/programme';

/**
 * Whether a person meets a programme's prerequisites on a day, read from their role history as the
 * people service announced it. Every unmet prerequisite is reported, with what the history shows.
 */
export function unmetPrerequisites(
  programme: Pick<ProgrammeDefinition, 'code' | 'prerequisites'>,
  history: readonly RoleSpell[],
  on: IsoDate,
): Refusal[] {
  return programme.prerequisites.flatMap((pre): Refusal[] => {
    if (pre.kind === 'role-held') {
      const held = currentRoles(history, on);
      if (held.some((r) => pre.roles.includes(r))) return [];
      return [
        {
          rule: 'prerequisite',
          message: `${programme.code} is for someone currently ${roleList(pre.roles)}; on ${formatDate(on)} they are ${held.length === 0 ? 'in no recorded role' : roleList(held, 'and')}.`,
        },
      ];
    }
    const served = servedInRoles(history, pre.roles, on);
    if (served.years >= pre.years) return [];
    return [
      {
        rule: 'prerequisite',
        message: `${programme.code} needs at least ${pre.years} year${pre.years === 1 ? '' : 's'} of ${pre.experienceName}; the role history shows ${describeServed(served)}.`,
      },
    ];
  });
}

export const meetsPrerequisites = (
  programme: Pick<ProgrammeDefinition, 'code' | 'prerequisites'>,
  history: readonly RoleSpell[],
  on: IsoDate,
): boolean => unmetPrerequisites(programme, history, on).length === 0;
