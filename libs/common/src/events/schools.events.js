"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RiskStatusChangedV1 = exports.MeasuresRecordedV1 = exports.MeasureValueV1 = exports.MEASURE_NAMES = exports.InspectionRecordedV1 = exports.InspectionJudgementV1 = exports.SchoolLeftTrustV1 = exports.SchoolJoinedTrustV1 = exports.SchoolUpdatedV1 = exports.SchoolRegisteredV1 = exports.SchoolProfileV1 = exports.TrustUpdatedV1 = exports.TrustRegisteredV1 = exports.TrustProfileV1 = exports.INSPECTION_FRAMEWORKS = exports.RISK_LEVELS = exports.JOIN_ROUTES = exports.MEMBERSHIPS = exports.LEADERSHIP_MODELS = exports.SCHOOL_PHASES = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
/** Contracts of the events the schools service publishes (topic `trustwide.schools`). */
exports.SCHOOL_PHASES = [
    'nursery',
    'primary',
    'middle',
    'secondary',
    'all-through',
    '16-plus',
    'special',
    'alternative-provision',
    'not-applicable',
];
/** A: headteacher alone; B: executive head with a head of school; C: within the trust under an executive head or the CEO. */
exports.LEADERSHIP_MODELS = ['A', 'B', 'C'];
exports.MEMBERSHIPS = ['member', 'former-member', 'not-member'];
exports.JOIN_ROUTES = ['sponsored', 'converter', 'free-school', 'transfer', 'other'];
exports.RISK_LEVELS = ['green', 'amber', 'red'];
exports.INSPECTION_FRAMEWORKS = ['oeif', 'report-card'];
class TrustProfileV1 {
    trustId;
    groupUid;
    name;
    companiesHouseNumber;
    groupType;
}
exports.TrustProfileV1 = TrustProfileV1;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], TrustProfileV1.prototype, "trustId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 20),
    __metadata("design:type", Object)
], TrustProfileV1.prototype, "groupUid", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 300),
    __metadata("design:type", String)
], TrustProfileV1.prototype, "name", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 20),
    __metadata("design:type", Object)
], TrustProfileV1.prototype, "companiesHouseNumber", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 100),
    __metadata("design:type", Object)
], TrustProfileV1.prototype, "groupType", void 0);
class TrustRegisteredV1 extends TrustProfileV1 {
}
exports.TrustRegisteredV1 = TrustRegisteredV1;
class TrustUpdatedV1 extends TrustProfileV1 {
    changedFields;
}
exports.TrustUpdatedV1 = TrustUpdatedV1;
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.IsString)({ each: true }),
    __metadata("design:type", Array)
], TrustUpdatedV1.prototype, "changedFields", void 0);
class SchoolProfileV1 {
    schoolId;
    urn;
    name;
    phase;
    establishmentType;
    status;
    localAuthorityCode;
    localAuthority;
    street;
    town;
    postcode;
    easting;
    northing;
    pupilsOnRoll;
    capacity;
    lowAge;
    highAge;
    membership;
    joinedTrustOn;
    leftTrustOn;
    joinRoute;
    leadershipModel;
    predecessorUrn;
    openedOn;
    closedOn;
}
exports.SchoolProfileV1 = SchoolProfileV1;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], SchoolProfileV1.prototype, "schoolId", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100000),
    (0, class_validator_1.Max)(9999999),
    __metadata("design:type", Number)
], SchoolProfileV1.prototype, "urn", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 300),
    __metadata("design:type", String)
], SchoolProfileV1.prototype, "name", void 0);
__decorate([
    (0, class_validator_1.IsIn)(exports.SCHOOL_PHASES),
    __metadata("design:type", String)
], SchoolProfileV1.prototype, "phase", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "establishmentType", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "status", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "localAuthorityCode", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "localAuthority", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "street", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "town", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "postcode", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "easting", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "northing", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "pupilsOnRoll", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "capacity", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "lowAge", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "highAge", void 0);
__decorate([
    (0, class_validator_1.IsIn)(exports.MEMBERSHIPS),
    __metadata("design:type", String)
], SchoolProfileV1.prototype, "membership", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "joinedTrustOn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "leftTrustOn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.JOIN_ROUTES),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "joinRoute", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.LEADERSHIP_MODELS),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "leadershipModel", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "predecessorUrn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "openedOn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", Object)
], SchoolProfileV1.prototype, "closedOn", void 0);
class SchoolRegisteredV1 {
    school;
}
exports.SchoolRegisteredV1 = SchoolRegisteredV1;
__decorate([
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => SchoolProfileV1),
    __metadata("design:type", SchoolProfileV1)
], SchoolRegisteredV1.prototype, "school", void 0);
class SchoolUpdatedV1 {
    school;
    /** Profile fields whose value changed. */
    changedFields;
}
exports.SchoolUpdatedV1 = SchoolUpdatedV1;
__decorate([
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => SchoolProfileV1),
    __metadata("design:type", SchoolProfileV1)
], SchoolUpdatedV1.prototype, "school", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ArrayMaxSize)(100),
    (0, class_validator_1.IsString)({ each: true }),
    __metadata("design:type", Array)
], SchoolUpdatedV1.prototype, "changedFields", void 0);
class SchoolJoinedTrustV1 {
    schoolId;
    urn;
    joinedOn;
    route;
}
exports.SchoolJoinedTrustV1 = SchoolJoinedTrustV1;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], SchoolJoinedTrustV1.prototype, "schoolId", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Number)
], SchoolJoinedTrustV1.prototype, "urn", void 0);
__decorate([
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", String)
], SchoolJoinedTrustV1.prototype, "joinedOn", void 0);
__decorate([
    (0, class_validator_1.IsIn)(exports.JOIN_ROUTES),
    __metadata("design:type", String)
], SchoolJoinedTrustV1.prototype, "route", void 0);
class SchoolLeftTrustV1 {
    schoolId;
    urn;
    leftOn;
    reason;
}
exports.SchoolLeftTrustV1 = SchoolLeftTrustV1;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], SchoolLeftTrustV1.prototype, "schoolId", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Number)
], SchoolLeftTrustV1.prototype, "urn", void 0);
__decorate([
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", String)
], SchoolLeftTrustV1.prototype, "leftOn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(0, 1000),
    __metadata("design:type", Object)
], SchoolLeftTrustV1.prototype, "reason", void 0);
class InspectionJudgementV1 {
    /** e.g. `quality-of-education` (oeif) or `curriculum-and-teaching` (report card). */
    area;
    /** oeif: 1..4 as text ("1".."4"); report card: exceptional | strong-standard | expected-standard | needs-attention | urgent-improvement; safeguarding: met | not-met. */
    grade;
}
exports.InspectionJudgementV1 = InspectionJudgementV1;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 100),
    __metadata("design:type", String)
], InspectionJudgementV1.prototype, "area", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 50),
    __metadata("design:type", String)
], InspectionJudgementV1.prototype, "grade", void 0);
class InspectionRecordedV1 {
    inspectionId;
    schoolId;
    urn;
    framework;
    inspectionNumber;
    inspectionType;
    startDate;
    publicationDate;
    /** oeif only: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate. */
    overallEffectiveness;
    categoryOfConcern;
    /** report card: met / not-met; oeif: effective / not-effective. */
    safeguarding;
    judgements;
}
exports.InspectionRecordedV1 = InspectionRecordedV1;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], InspectionRecordedV1.prototype, "inspectionId", void 0);
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], InspectionRecordedV1.prototype, "schoolId", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Number)
], InspectionRecordedV1.prototype, "urn", void 0);
__decorate([
    (0, class_validator_1.IsIn)(exports.INSPECTION_FRAMEWORKS),
    __metadata("design:type", String)
], InspectionRecordedV1.prototype, "framework", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], InspectionRecordedV1.prototype, "inspectionNumber", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], InspectionRecordedV1.prototype, "inspectionType", void 0);
__decorate([
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", String)
], InspectionRecordedV1.prototype, "startDate", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", Object)
], InspectionRecordedV1.prototype, "publicationDate", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(4),
    __metadata("design:type", Object)
], InspectionRecordedV1.prototype, "overallEffectiveness", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], InspectionRecordedV1.prototype, "categoryOfConcern", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(['met', 'not-met', 'effective', 'not-effective']),
    __metadata("design:type", Object)
], InspectionRecordedV1.prototype, "safeguarding", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => InspectionJudgementV1),
    __metadata("design:type", Array)
], InspectionRecordedV1.prototype, "judgements", void 0);
exports.MEASURE_NAMES = [
    'pupilsOnRoll',
    'attainmentExpectedStandard',
    'progress',
    'attendance',
    'persistentAbsence',
    'pupilPremiumShare',
    'sendShare',
    'exclusions',
    'inYearBalance',
    'staffTurnover',
];
class MeasureValueV1 {
    name;
    value;
}
exports.MeasureValueV1 = MeasureValueV1;
__decorate([
    (0, class_validator_1.IsIn)(exports.MEASURE_NAMES),
    __metadata("design:type", String)
], MeasureValueV1.prototype, "name", void 0);
__decorate([
    (0, class_validator_1.IsNumber)({ allowNaN: false, allowInfinity: false }),
    __metadata("design:type", Number)
], MeasureValueV1.prototype, "value", void 0);
class MeasuresRecordedV1 {
    schoolId;
    urn;
    /** Academic year `2024/25`, or a term of it: `2024/25-autumn`, `-spring`, `-summer`. */
    period;
    measures;
}
exports.MeasuresRecordedV1 = MeasuresRecordedV1;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], MeasuresRecordedV1.prototype, "schoolId", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Number)
], MeasuresRecordedV1.prototype, "urn", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(7, 20),
    __metadata("design:type", String)
], MeasuresRecordedV1.prototype, "period", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.ValidateNested)({ each: true }),
    (0, class_transformer_1.Type)(() => MeasureValueV1),
    __metadata("design:type", Array)
], MeasuresRecordedV1.prototype, "measures", void 0);
class RiskStatusChangedV1 {
    schoolId;
    urn;
    from;
    to;
    reasons;
    rulesVersion;
}
exports.RiskStatusChangedV1 = RiskStatusChangedV1;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], RiskStatusChangedV1.prototype, "schoolId", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    __metadata("design:type", Number)
], RiskStatusChangedV1.prototype, "urn", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(exports.RISK_LEVELS),
    __metadata("design:type", Object)
], RiskStatusChangedV1.prototype, "from", void 0);
__decorate([
    (0, class_validator_1.IsIn)(exports.RISK_LEVELS),
    __metadata("design:type", String)
], RiskStatusChangedV1.prototype, "to", void 0);
__decorate([
    (0, class_validator_1.IsArray)(),
    (0, class_validator_1.IsString)({ each: true }),
    __metadata("design:type", Array)
], RiskStatusChangedV1.prototype, "reasons", void 0);
__decorate([
    (0, class_validator_1.IsObject)(),
    (0, class_validator_1.IsOptional)(),
    __metadata("design:type", Object)
], RiskStatusChangedV1.prototype, "rulesVersion", void 0);
//# sourceMappingURL=schools.events.js.map