// Reference operations of the file: target's batch applier (see batch_applier.hpp).

#include "connectors/file/batch_state.hpp"

#include <algorithm>

namespace ardoq::connectors::batch {

namespace {

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::int64_t reference_type(State& st, const json::object& body, const std::string& where) {
    const auto* t = body.if_contains("type");
    if (t == nullptr)
        fail(400, where + ": \"type\" is required");
    if (!t->is_int64())
        fail(400, where + ".type: expected an integer reference type");
    if (st.snap.context.reference_type_by_id(t->get_int64()) == nullptr)
        fail(422, where + ".type: unknown reference type " + std::to_string(t->get_int64()) +
                      " in workspace " + quoted(st.snap.workspace.id));
    return t->get_int64();
}

void apply_body(State& st, model::SnapshotReference& r, const json::object& body, bool full,
                const std::string& where) {
    check_keys(body,
               {"source", "target", "type", "displayText", "description", "customFields",
                "rootWorkspace", "targetWorkspace", "_id", "_version", "_meta"},
               where);
    if (full || body.contains("source")) {
        if (!body.contains("source"))
            fail(400, where + ": \"source\" is required");
        r.source = st.component_ref(body.at("source"), where + ".source");
    }
    if (full || body.contains("target")) {
        if (!body.contains("target"))
            fail(400, where + ": \"target\" is required");
        r.target = st.component_ref(body.at("target"), where + ".target");
    }
    if (full || body.contains("type")) {
        auto type = reference_type(st, body, where);
        if (!full && type != r.type)
            fail(422, where + ".type: a reference's type cannot be changed (it is " +
                          std::to_string(r.type) + ")");
        r.type = type;
    }
    if (body.contains("displayText")) {
        auto text = optional_text(body, "displayText", where);
        r.display_text = text ? std::optional(st.snap.store(*text)) : std::nullopt;
    }
    if (body.contains("description")) {
        auto text = optional_text(body, "description", where);
        r.description = text ? std::optional(st.snap.store(*text)) : std::nullopt;
    }
    if (const auto* fields = body.if_contains("customFields"))
        merge_fields(st, r.custom_fields, *fields, where);
    r.last_updated = st.snap.store(st.clock.now);
}

std::string batch_id_of(const json::object& op) {
    const auto* b = op.if_contains("batchId");
    return b != nullptr && b->is_string() ? std::string(b->get_string()) : std::string();
}

// References an upsert's uniqueBy selects: by a custom field within the source's
// workspace, or by (source, target, type).
std::vector<model::Oid> upsert_matches(State& st, const json::object& op, const json::object& body,
                                       const std::string& where) {
    const auto* unique_by = op.if_contains("uniqueBy");
    if (unique_by == nullptr || !unique_by->is_array())
        fail(400, where + ".uniqueBy: required, an array such as [\"customFields.external_id\", "
                          "\"source.rootWorkspace\"]");
    std::vector<std::string_view> keys;
    for (const auto& k : unique_by->get_array()) {
        if (!k.is_string())
            fail(400, where + ".uniqueBy: expected strings");
        keys.emplace_back(k.get_string());
    }
    std::sort(keys.begin(), keys.end());
    std::vector<model::Oid> out;
    if (keys == std::vector<std::string_view>{"source", "target", "type"}) {
        auto source = st.component_ref(body.contains("source") ? body.at("source") : json::value(),
                                       where + ".body.source");
        auto target = st.component_ref(body.contains("target") ? body.at("target") : json::value(),
                                       where + ".body.target");
        auto type = reference_type(st, body, where + ".body");
        for (const auto& r : st.snap.references())
            if (r.source == source && r.target == target && r.type == type &&
                st.reference(r.id) != nullptr)
                out.push_back(r.id);
        return out;
    }
    std::string_view field =
        keys.size() == 2 && keys[1] == "source.rootWorkspace" ? custom_field_name(keys[0]) : "";
    if (field.empty())
        fail(400, where + ".uniqueBy: expected [\"customFields.<field>\", "
                          "\"source.rootWorkspace\"] or [\"source\", "
                          "\"target\", \"type\"] (in any order)");
    const json::value* wanted = nullptr;
    if (const auto* fields = body.if_contains("customFields"); fields && fields->is_object())
        wanted = fields->get_object().if_contains(field);
    if (wanted == nullptr || wanted->is_null())
        fail(400, where + ".body.customFields." + std::string(field) + ": required by uniqueBy");
    auto key = st.snap.find_field(field);
    if (!key)
        return out;
    for (const auto& r : st.snap.references())
        if (same_field_value(model::Snapshot::field_value(r.custom_fields, *key), *wanted) &&
            st.reference(r.id) != nullptr)
            out.push_back(r.id);
    return out;
}

void create(State& st, const json::object& op, const json::object& body, const std::string& where) {
    model::SnapshotReference r;
    r.id = st.new_oid();
    r.version = 1;
    apply_body(st, r, body, true, where + ".body");
    auto id = r.id;
    st.reference_at.emplace(id, st.snap.adopt_reference(std::move(r)));
    st.touched_references.insert(id);
    st.register_batch_id(Kind::reference, op, id, where);
    st.created[1].push_back({id, batch_id_of(op)});
}

bool reference_matches(State& st, const model::SnapshotReference& r, const json::object& match,
                       const std::string& where) {
    for (const auto& kv : match) {
        std::string_view key = kv.key();
        const auto& v = kv.value();
        if (key == "source" || key == "target") {
            if (!v.is_string())
                fail(400, where + ".match." + std::string(key) + ": expected a component id");
            auto oid = model::Oid::parse(v.get_string());
            if (!oid || *oid != (key == "source" ? r.source : r.target))
                return false;
        } else if (key == "type") {
            if (!v.is_int64())
                fail(400, where + ".match.type: expected an integer");
            if (v.get_int64() != r.type)
                return false;
        } else if (key == "rootWorkspace") {
            if (!v.is_string())
                fail(400, where + ".match.rootWorkspace: expected a string");
            if (v.get_string() != st.snap.workspace.id)
                return false;
        } else if (auto matched = match_custom_field(st, r.custom_fields, key, v, where)) {
            if (!*matched)
                return false;
        } else {
            fail(400, where + ".match: unknown key " + quoted(key) +
                          " (use source, target, type, rootWorkspace or customFields)");
        }
    }
    return true;
}

} // namespace

void create_or_upsert_references(State& st, const json::object& ops) {
    const auto& creates = ops_array(ops, "create", "references");
    for (std::size_t i = 0; i < creates.size(); ++i) {
        const std::string where = "references.create[" + std::to_string(i) + "]";
        const auto& op = object_at(creates[i], where);
        check_keys(op, {"batchId", "body"}, where);
        if (!op.contains("body"))
            fail(400, where + ": \"body\" is required");
        create(st, op, object_at(op.at("body"), where + ".body"), where);
    }
    const auto& upserts = ops_array(ops, "upsert", "references");
    for (std::size_t i = 0; i < upserts.size(); ++i) {
        const std::string where = "references.upsert[" + std::to_string(i) + "]";
        const auto& op = object_at(upserts[i], where);
        check_keys(op, {"batchId", "uniqueBy", "body"}, where);
        if (!op.contains("body"))
            fail(400, where + ": \"body\" is required");
        const auto& body = object_at(op.at("body"), where + ".body");
        auto matches = upsert_matches(st, op, body, where);
        if (matches.empty()) {
            create(st, op, body, where);
            continue;
        }
        if (matches.size() > 1)
            fail(422,
                 where + ".uniqueBy: matches " + std::to_string(matches.size()) + " references");
        auto* r = st.reference(matches.front());
        if (reference_type(st, body, where + ".body") != r->type)
            fail(422, where + ".body.type: the matched reference " + quoted(r->id.to_string()) +
                          " has type " + std::to_string(r->type) +
                          "; a reference's type cannot be changed");
        apply_body(st, *r, body, true, where + ".body");
        ++r->version;
        st.touched_references.insert(r->id);
        st.register_batch_id(Kind::reference, op, r->id, where);
        st.updated[1].push_back({r->id, batch_id_of(op)});
    }
}

void update_references(State& st, const json::object& ops) {
    const auto& updates = ops_array(ops, "update", "references");
    for (std::size_t i = 0; i < updates.size(); ++i) {
        const std::string where = "references.update[" + std::to_string(i) + "]";
        const auto& op = object_at(updates[i], where);
        check_keys(op, {"id", "ifVersionMatch", "body"}, where);
        auto id_text = string_at(op, "id", where);
        auto id = model::Oid::parse(id_text);
        auto* r = id ? st.reference(*id) : nullptr;
        if (r == nullptr)
            fail(404, where + ".id: reference " + quoted(id_text) + " not found");
        check_version(op, r->version, where);
        if (!op.contains("body"))
            fail(400, where + ": \"body\" is required");
        apply_body(st, *r, object_at(op.at("body"), where + ".body"), false, where + ".body");
        ++r->version;
        st.touched_references.insert(r->id);
        st.updated[1].push_back({r->id, {}});
    }
}

void delete_references(State& st, const json::object& ops) {
    const auto& deletes = ops_array(ops, "delete", "references");
    for (std::size_t i = 0; i < deletes.size(); ++i) {
        const std::string where = "references.delete[" + std::to_string(i) + "]";
        const auto& op = object_at(deletes[i], where);
        check_keys(op, {"id", "match"}, where);
        if (op.contains("id") == op.contains("match"))
            fail(400, where + ": give either \"id\" or \"match\"");
        if (op.contains("id")) {
            auto id_text = string_at(op, "id", where);
            auto id = model::Oid::parse(id_text);
            if (!id || st.reference(*id) == nullptr)
                fail(404, where + ".id: reference " + quoted(id_text) + " not found");
            st.deleted_references.insert(*id);
            st.deleted[1].push_back({*id, {}});
            continue;
        }
        const auto& match = object_at(op.at("match"), where + ".match");
        if (match.empty())
            fail(400, where + ".match: must name at least one field");
        for (const auto& r : st.snap.references())
            if (st.reference(r.id) != nullptr && st.touched_references.count(r.id) == 0 &&
                reference_matches(st, r, match, where)) {
                st.deleted_references.insert(r.id);
                st.deleted[1].push_back({r.id, {}});
            }
    }
}

} // namespace ardoq::connectors::batch
