"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Outbox = exports.OUTBOX_CHANNEL = void 0;
const node_crypto_1 = require("node:crypto");
const catalogue_1 = require("../events/catalogue");
const errors_1 = require("../events/errors");
const parse_event_1 = require("../events/parse-event");
const topics_1 = require("../events/topics");
const request_context_1 = require("../logging/request-context");
exports.OUTBOX_CHANNEL = 'trustwide_outbox';
/**
 * Writes events into the transactional outbox. Call it with the EntityManager of the transaction that
 * makes the change, so the change and its events commit or roll back together.
 */
class Outbox {
    source;
    topicPrefix;
    constructor(source, topicPrefix) {
        this.source = source;
        this.topicPrefix = topicPrefix;
    }
    /** Builds the envelope for an event (validated against its contract) without storing it. */
    envelope(type, input) {
        const def = catalogue_1.EVENT_CATALOGUE[type];
        const problems = (0, parse_event_1.validateEventData)(type, input.data);
        // Our own code produced a payload that breaks its contract: a bug, never something to publish.
        if (problems.length > 0)
            throw new errors_1.PermanentEventError('invalid-data', `refusing to publish ${type}: ${problems.join('; ')}`);
        const ctx = request_context_1.requestContext.current();
        return {
            eventId: (0, node_crypto_1.randomUUID)(),
            type,
            version: def.version,
            trustId: input.trustId,
            aggregateType: def.aggregateType,
            aggregateId: input.aggregateId,
            occurredAt: (input.occurredAt ?? new Date()).toISOString(),
            correlationId: ctx?.correlationId ?? (0, node_crypto_1.randomUUID)(),
            causationId: ctx?.causationId ?? null,
            actor: input.actor ?? ctx?.actor ?? { kind: 'service', id: this.source },
            source: this.source,
            data: input.data,
        };
    }
    async record(manager, type, input) {
        const [envelope] = await this.recordMany(manager, [{ type, ...input }]);
        return envelope;
    }
    /** Stores many events in one statement (imports write thousands). */
    async recordMany(manager, items) {
        if (items.length === 0)
            return [];
        if (!manager.queryRunner?.isTransactionActive) {
            throw new Error('Outbox.record must be called inside the transaction that makes the change');
        }
        const envelopes = items.map((item) => this.envelope(item.type, item));
        // Postgres caps bind parameters at 65535; 6 per row.
        for (let start = 0; start < envelopes.length; start += 5000) {
            const chunk = envelopes.slice(start, start + 5000);
            const params = [];
            const rows = chunk.map((e, i) => {
                params.push(e.eventId, (0, topics_1.topicName)(this.topicPrefix, catalogue_1.EVENT_CATALOGUE[e.type].topic), e.aggregateId, e.type, e.trustId, JSON.stringify(e));
                const b = i * 6;
                return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb)`;
            });
            await manager.query(`INSERT INTO outbox_events (event_id, topic, message_key, event_type, trust_id, payload) VALUES ${rows.join(', ')}`, params);
        }
        // Wakes the relay as soon as the transaction commits (notifications are delivered on commit).
        await manager.query(`SELECT pg_notify($1, '')`, [exports.OUTBOX_CHANNEL]);
        return envelopes;
    }
}
exports.Outbox = Outbox;
//# sourceMappingURL=outbox.js.map