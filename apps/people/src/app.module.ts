import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { DeploymentRow, LeaderCapacity } from './capacity/capacity.entity';
import { CapacityModule } from './capacity/capacity.module';
import { DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow } from './designations/designation.entity';
import { DesignationsModule } from './designations/designations.module';
import { PeopleSchema1763900000100 } from './migrations/1763900000100-people-schema';
import { PeopleConfig } from './people.config';
import { PrivacyModule } from './privacy/privacy.module';
import { KnownSchool } from './school-directory/known-school.entity';
import { SchoolDirectoryModule } from './school-directory/school-directory.module';
import { SkillsAssessmentRow, SkillsFrameworkRow } from './skills/skills.entity';
import { SkillsModule } from './skills/skills.module';
import { RoleSpellRow } from './staff/role-spell.entity';
import { Staff } from './staff/staff.entity';
import { StaffModule } from './staff/staff.module';

/** Entities are listed here once for the connection; each feature module registers its own (forFeature). */
export const PEOPLE_ENTITIES = [
  KnownSchool,
  Staff,
  RoleSpellRow,
  DesignationRow,
  DesignationTransitionRow,
  ReleaseCommitmentRow,
  LeaderCapacity,
  DeploymentRow,
  SkillsFrameworkRow,
  SkillsAssessmentRow,
];

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'people',
      config: PeopleConfig,
      entities: PEOPLE_ENTITIES,
      migrations: [PeopleSchema1763900000100],
      publishes: [Topics.people],
    }),
    SchoolDirectoryModule,
    StaffModule,
    CapacityModule,
    DesignationsModule,
    SkillsModule,
    PrivacyModule,
  ],
})
export class AppModule {}
