import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { mapStaff } from '../staff/dto/staff.response';
import { EraseStaff, ExportStaffData } from './privacy.usecases';

@Controller('trusts/:trustId/staff/:staffId')
export class PrivacyController {
  constructor(
    private readonly eraseStaff: EraseStaff,
    private readonly exportData: ExportStaffData,
  ) {}

  /** Erasure request: removes the person's details here and announces `people.staff.erased`. */
  @Post('erase')
  @HttpCode(200)
  async erase(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string) {
    return mapStaff(await this.eraseStaff.execute(trustId, staffId));
  }

  /** Subject-access export: the person's data held here, as JSON. */
  @Get('export')
  export(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string) {
    return this.exportData.execute(trustId, staffId);
  }
}
