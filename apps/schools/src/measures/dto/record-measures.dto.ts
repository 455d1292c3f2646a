import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsAcademicPeriod, IsNumberFrom, IsWholeNumber } from '@trustwide/common';

const PERCENT = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsNumberFrom(0, 100)(target, key);
};

/**
 * Values of one period; any subset of the measures a CEO watches. Percentages are 0–100; every measure
 * has a range a real school's figure cannot leave, so a typo (or `1e308`) is refused, not stored.
 */
export class MeasureValuesDto {
  @IsOptional() @IsWholeNumber(0, 10000) pupilsOnRoll?: number;
  /** % of pupils at the expected standard. */
  @PERCENT() attainmentExpectedStandard?: number;
  /** Progress score (e.g. Progress 8 or KS2 progress), around 0. */
  @IsOptional() @IsNumberFrom(-20, 20) progress?: number;
  @PERCENT() attendance?: number;
  @PERCENT() persistentAbsence?: number;
  @PERCENT() pupilPremiumShare?: number;
  @PERCENT() sendShare?: number;
  /** Suspensions and permanent exclusions in the period (a count; a pupil may be suspended more than once). */
  @IsOptional() @IsWholeNumber(0, 100_000) exclusions?: number;
  /** In-year financial balance in pounds (negative is a deficit). */
  @IsOptional() @IsNumberFrom(-1e9, 1e9) inYearBalance?: number;
  @PERCENT() staffTurnover?: number;
}

export class RecordMeasuresDto {
  /** Academic year `2024/25`, or a term of it: `2024/25-autumn`, `-spring`, `-summer`. */
  @IsAcademicPeriod() period: string;

  @IsDefined() @IsObject() @ValidateNested() @Type(() => MeasureValuesDto) values: MeasureValuesDto;
}
