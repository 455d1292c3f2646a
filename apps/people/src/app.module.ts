import { Module } from '@nestjs/common';
import { SCHOOL_DIRECTORY_ENTITIES, SCHOOL_DIRECTORY_MIGRATIONS, Topics, TrustwideModule } from '@trustwide/common';
import { DeploymentRow, LeaderCapacity } from './capacity/capacity.entity';
import { CapacityModule } from './capacity/capacity.module';
import { DEPLOYMENTS_CONSUMER } from './capacity/deployments.handlers';
import { DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow } from './designations/designation.entity';
import { DesignationsModule } from './designations/designations.module';
import { PeopleSchema1763900000100 } from './migrations/1763900000100-people-schema';
import { PeopleConsumers1763900000200 } from './migrations/1763900000200-people-consumers';
import { PeopleConfig } from './people.config';
import { PrivacyModule } from './privacy/privacy.module';
import { QualificationRow } from './qualifications/qualification.entity';
import { QUALIFICATIONS_CONSUMER } from './qualifications/qualifications.handlers';
import { QualificationsModule } from './qualifications/qualifications.module';
import { PeopleSchoolDirectoryModule } from './school-directory/school-directory.module';
import { SchoolInspectionRow } from './school-directory/school-inspection.entity';
import { SCHOOL_INSPECTIONS_CONSUMER } from './school-directory/school-inspections.handlers';
import { SkillsAssessmentRow, SkillsFrameworkRow } from './skills/skills.entity';
import { SkillsModule } from './skills/skills.module';
import { RoleSpellRow } from './staff/role-spell.entity';
import { Staff } from './staff/staff.entity';
import { StaffModule } from './staff/staff.module';
import { StaffImportJob } from './staff-imports/staff-import-job.entity';
import { StaffImportsModule } from './staff-imports/staff-imports.module';
import { PeopleStaffImports1763900000300 } from './migrations/1763900000300-staff-imports';

/** Entities are listed here once for the connection; each feature module registers its own (forFeature). */
export const PEOPLE_ENTITIES = [
  ...SCHOOL_DIRECTORY_ENTITIES,
  SchoolInspectionRow,
  Staff,
  RoleSpellRow,
  DesignationRow,
  DesignationTransitionRow,
  ReleaseCommitmentRow,
  LeaderCapacity,
  DeploymentRow,
  SkillsFrameworkRow,
  SkillsAssessmentRow,
  QualificationRow,
  StaffImportJob,
];

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'people',
      config: PeopleConfig,
      entities: PEOPLE_ENTITIES,
      migrations: [
        PeopleSchema1763900000100,
        ...SCHOOL_DIRECTORY_MIGRATIONS,
        PeopleConsumers1763900000200,
        PeopleStaffImports1763900000300,
      ],
      publishes: [Topics.people],
      // Each its own group, started, replayed and reset alone (the school directory declares its own).
      consumers: [
        { name: SCHOOL_INSPECTIONS_CONSUMER, topics: [Topics.schools], fromBeginning: true },
        { name: DEPLOYMENTS_CONSUMER, topics: [Topics.improvement], fromBeginning: true },
        { name: QUALIFICATIONS_CONSUMER, topics: [Topics.cpd], fromBeginning: true },
      ],
    }),
    PeopleSchoolDirectoryModule,
    // Before StaffModule: `staff/imports` must be routed before `staff/:staffId`.
    StaffImportsModule,
    StaffModule,
    CapacityModule,
    DesignationsModule,
    SkillsModule,
    PrivacyModule,
    QualificationsModule,
  ],
})
export class AppModule {}
