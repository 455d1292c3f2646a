"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EVENT_CATALOGUE = void 0;
exports.isKnownEventType = isKnownEventType;
exports.eventDefinition = eventDefinition;
const topics_1 = require("./topics");
const schools_events_1 = require("./schools.events");
/**
 * The one catalogue of Trustwide events. Publishing (`Outbox.record`) and handling (`@OnEvent`) are
 * typed from it, so a wrong type name or a wrong payload shape does not compile.
 */
exports.EVENT_CATALOGUE = {
    'schools.trust.registered': {
        topic: topics_1.Topics.schools,
        aggregateType: 'trust',
        version: 1,
        data: schools_events_1.TrustRegisteredV1,
        description: 'A trust (the tenant) was registered, with its GIAS group UID and Companies House number.',
    },
    'schools.trust.updated': {
        topic: topics_1.Topics.schools,
        aggregateType: 'trust',
        version: 1,
        data: schools_events_1.TrustUpdatedV1,
        description: "A trust's name, Companies House number or group type changed.",
    },
    'schools.school.registered': {
        topic: topics_1.Topics.schools,
        aggregateType: 'school',
        version: 1,
        data: schools_events_1.SchoolRegisteredV1,
        description: 'A school was added to the trust\'s register (by hand or by a GIAS import), with its whole profile.',
    },
    'schools.school.updated': {
        topic: topics_1.Topics.schools,
        aggregateType: 'school',
        version: 1,
        data: schools_events_1.SchoolUpdatedV1,
        description: "A school's profile changed; carries the whole new profile and the names of the fields that changed.",
    },
    'schools.school.joined-trust': {
        topic: topics_1.Topics.schools,
        aggregateType: 'school',
        version: 1,
        data: schools_events_1.SchoolJoinedTrustV1,
        description: 'A school joined the trust (sponsored, converter, free school or transfer).',
    },
    'schools.school.left-trust': {
        topic: topics_1.Topics.schools,
        aggregateType: 'school',
        version: 1,
        data: schools_events_1.SchoolLeftTrustV1,
        description: 'A school left the trust.',
    },
    'schools.inspection.recorded': {
        topic: topics_1.Topics.schools,
        aggregateType: 'school',
        version: 1,
        data: schools_events_1.InspectionRecordedV1,
        description: 'An Ofsted inspection was recorded, tagged with its framework (oeif or report card).',
    },
    'schools.measures.recorded': {
        topic: topics_1.Topics.schools,
        aggregateType: 'school',
        version: 1,
        data: schools_events_1.MeasuresRecordedV1,
        description: "A school's measures for a term or year were recorded (only the values that changed).",
    },
    'schools.risk-status.changed': {
        topic: topics_1.Topics.schools,
        aggregateType: 'school',
        version: 1,
        data: schools_events_1.RiskStatusChangedV1,
        description: "A school's derived risk status changed, with the old and new status and the reasons.",
    },
};
function isKnownEventType(type) {
    return Object.prototype.hasOwnProperty.call(exports.EVENT_CATALOGUE, type);
}
function eventDefinition(type) {
    return exports.EVENT_CATALOGUE[type];
}
//# sourceMappingURL=catalogue.js.map