import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

const NUM = { allowNaN: false, allowInfinity: false };
const PERCENT = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsNumber(NUM)(target, key);
  Min(0)(target, key);
  Max(100)(target, key);
};

/** Values of one period; any subset of the measures a CEO watches. Percentages are 0–100. */
export class MeasureValuesDto {
  @IsOptional() @IsInt() @Min(0) @Max(10000) pupilsOnRoll?: number;
  /** % of pupils at the expected standard. */
  @PERCENT() attainmentExpectedStandard?: number;
  /** Progress score (e.g. Progress 8 or KS2 progress), around 0. */
  @IsOptional() @IsNumber(NUM) @Min(-20) @Max(20) progress?: number;
  @PERCENT() attendance?: number;
  @PERCENT() persistentAbsence?: number;
  @PERCENT() pupilPremiumShare?: number;
  @PERCENT() sendShare?: number;
  /** Suspensions and permanent exclusions in the period. */
  @IsOptional() @IsNumber(NUM) @Min(0) exclusions?: number;
  /** In-year financial balance in pounds (negative is a deficit). */
  @IsOptional() @IsNumber(NUM) @Min(-1e9) @Max(1e9) inYearBalance?: number;
  @PERCENT() staffTurnover?: number;
}

export class RecordMeasuresDto {
  /** Academic year `2024/25`, or a term of it: `2024/25-autumn`, `-spring`, `-summer`. */
  @Matches(/^\d{4}\/\d{2}(-(autumn|spring|summer))?$/, { message: 'period must be an academic year like 2024/25, or a term like 2024/25-autumn' })
  period: string;

  @IsDefined() @ValidateNested() @Type(() => MeasureValuesDto) values: MeasureValuesDto;
}

/** The two years of a period must follow each other (2024/25, not 2024/27). */
export function periodProblem(period: string): string | null {
  const [start, end] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  return (start + 1) % 100 === end ? null : `period ${period}: ${end} does not follow ${start}`;
}
