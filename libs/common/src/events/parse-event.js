"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flattenValidationErrors = flattenValidationErrors;
exports.validateEventData = validateEventData;
exports.parseEvent = parseEvent;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const catalogue_1 = require("./catalogue");
const envelope_1 = require("./envelope");
const errors_1 = require("./errors");
function flattenValidationErrors(errors, prefix = '') {
    return errors.flatMap((e) => {
        const path = prefix + e.property;
        const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
        return [...own, ...flattenValidationErrors(e.children ?? [], `${path}.`)];
    });
}
/** Problems with an event's data against its contract (empty when valid). */
function validateEventData(type, data) {
    const def = catalogue_1.EVENT_CATALOGUE[type];
    const instance = (0, class_transformer_1.plainToInstance)(def.data, data);
    return flattenValidationErrors((0, class_validator_1.validateSync)(instance, { forbidUnknownValues: false }), 'data.');
}
/**
 * Parses and validates raw bytes from Kafka. Throws PermanentEventError (never retried) for bad JSON,
 * a bad envelope, an unknown type or version, or data that breaks its contract.
 */
function parseEvent(raw) {
    if (raw === null)
        throw new errors_1.PermanentEventError('malformed-json', 'message has no value');
    let json;
    try {
        json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
    }
    catch (e) {
        throw new errors_1.PermanentEventError('malformed-json', `not JSON: ${e.message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new errors_1.PermanentEventError('invalid-envelope', 'event is not a JSON object');
    }
    const envelope = (0, class_transformer_1.plainToInstance)(envelope_1.EventEnvelopeDto, json);
    const problems = flattenValidationErrors((0, class_validator_1.validateSync)(envelope, { forbidUnknownValues: false }));
    if (problems.length > 0)
        throw new errors_1.PermanentEventError('invalid-envelope', problems.join('; '));
    if (!(0, catalogue_1.isKnownEventType)(envelope.type)) {
        throw new errors_1.PermanentEventError('unknown-type', `unknown event type "${envelope.type}"`);
    }
    const def = catalogue_1.EVENT_CATALOGUE[envelope.type];
    if (envelope.version !== def.version) {
        throw new errors_1.PermanentEventError('unsupported-version', `${envelope.type} version ${envelope.version} is not supported (this build knows version ${def.version})`);
    }
    const dataProblems = validateEventData(envelope.type, envelope.data);
    if (dataProblems.length > 0)
        throw new errors_1.PermanentEventError('invalid-data', dataProblems.join('; '));
    // Keep the plain JSON (not class instances): handlers get exactly what was published.
    return json;
}
//# sourceMappingURL=parse-event.js.map