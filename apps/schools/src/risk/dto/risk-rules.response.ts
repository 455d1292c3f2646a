import type { RiskRules } from '../risk-rules';

/** A trust's risk rules: its own, or the defaults (`isDefault`) until it sets some. */
export interface RiskRulesResponseDto {
  rules: RiskRules;
  isDefault: boolean;
}

/** The rules as stored (their version is the previous one plus one) and what re-deriving every school changed. */
export interface ReplaceRiskRulesResponseDto {
  rules: RiskRules;
  /** Schools re-derived (those with something to judge by). */
  reassessed: number;
  /** Schools whose risk status changed. */
  changed: number;
}
