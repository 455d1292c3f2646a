import { inspectionFacts, type Inspection, type InspectionFacts } from '../inspection.entity';

/** An inspection as the API returns it (`id` is the `inspectionId` of its events). */
export type InspectionResponseDto = { id: string; urn: number } & InspectionFacts & {
    /** `api`, or `import:<import id>` for one read from an Ofsted file. */
    source: string;
    recordedAt: string;
  };

export function mapInspection(inspection: Inspection): InspectionResponseDto {
  return {
    id: inspection.id,
    urn: inspection.urn,
    ...inspectionFacts(inspection),
    source: inspection.source,
    recordedAt: inspection.recordedAt.toISOString(),
  };
}
