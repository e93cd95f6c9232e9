// Reference creates, upserts and updates of a batch.
#include "api_error.hpp"
#include "batch_executor.hpp"
#include "field_checks.hpp"

namespace ardoq::emulator {

namespace {

std::string reference_type_list(const Model& model) {
    std::string out;
    for (const auto& t : model.reference_types)
        out += (out.empty() ? "" : ", ") + std::to_string(t.type) + " (" + t.name + ")";
    return out.empty() ? "none" : out;
}

} // namespace

void BatchExecutor::note_reference_write(const std::string& id, const std::string& label) {
    auto [it, fresh] = m_written_references.emplace(std::string_view(id), &label);
    if (!fresh && m_options.repeated_writes == RepeatedWrites::reject)
        fail(422, "repeated_write", label,
             "reference " + id + " is already written by " + *it->second + " in this request",
             "write each reference once per request (or start the emulator with "
             "--repeated-writes allow)");
}

// Creates (existing == nullptr) or updates a reference from a create, upsert or update op.
void BatchExecutor::write_reference(const ReferenceOp& op, const Reference* existing,
                                    json::object* expanded) {
    const ReferenceBody& body = op.body;
    Reference r;
    if (existing != nullptr) {
        r = *existing;
    } else {
        r.id = m_store.new_id();
        r.seq = m_store.next_seq();
        r.meta = m_store.new_meta();
    }
    std::optional<Reference> before;
    if (existing != nullptr && m_options.version_bump == VersionBump::on_change)
        before = *existing;
    json::object* x_body = expanded == nullptr ? nullptr : &(*expanded)["body"].as_object();
    const Component* source = nullptr;
    const Component* target = nullptr;
    if (body.source) {
        source = &component_ref(*body.source, op.label, "body.source");
        r.source = source->id;
        if (x_body != nullptr && !m_component_batch.count(*body.source))
            (*x_body)["source"] = r.source;
    } else {
        source = m_store.component(r.source);
    }
    if (body.target) {
        target = &component_ref(*body.target, op.label, "body.target");
        r.target = target->id;
        if (x_body != nullptr && !m_component_batch.count(*body.target))
            (*x_body)["target"] = r.target;
    } else {
        target = m_store.component(r.target);
    }
    if (body.type)
        r.type = *body.type;
    r.root_workspace = source->root_workspace;
    r.target_workspace = target->root_workspace;
    const Workspace* ws = m_store.workspace(r.root_workspace);
    const Model* model = m_store.models.find(ws->model_id);
    if (model == nullptr || model->reference_type(r.type) == nullptr)
        fail(422, "unknown_reference_type", op.label,
             (body.type ? "body.type " : "type ") + std::to_string(r.type) +
                 " is not a reference type of workspace " + quoted(ws->name) +
                 " (the source's workspace)",
             "reference types of this workspace: " +
                 (model ? reference_type_list(*model) : "none"));
    if (body.display_text)
        r.display_text = *body.display_text;
    if (body.description)
        r.description = *body.description;
    if (body.custom_fields) {
        check_reference_fields(m_store, m_options, *ws, r.type, *body.custom_fields, op.label,
                               "body.customFields.");
        merge_fields(r.custom_fields, *body.custom_fields);
    }
    if (existing != nullptr) {
        note_reference_write(r.id, op.label);
        if (!before || !same_content(r, *before)) {
            r.version = existing->version + 1;
            m_store.touch_meta(r.meta);
        }
        m_updated_references.emplace_back(m_store.put_reference(std::move(r)).id);
    } else {
        const Reference& stored = m_store.put_reference(std::move(r));
        note_reference_write(stored.id, op.label);
        m_created_references.push_back({std::pmr::string(stored.id, &m_arena), op.batch_id});
    }
}

void BatchExecutor::reference_writes() {
    const auto& ops = m_request.references;
    if (m_expand) {
        m_x_reference_create.reserve(ops.create.size());
        m_x_reference_upsert.reserve(ops.upsert.size());
        m_x_reference_update.reserve(ops.update.size());
    }
    for (const auto& op : ops.create)
        write_reference(op, nullptr, expanded(m_x_reference_create, op.raw));
    for (const auto& op : ops.upsert) {
        const Component& source = component_ref(*op.body.source, op.label, "body.source");
        const ReferenceSet* matches = nullptr;
        ReferenceSet between;
        if (op.unique_by == UniqueBy::endpoints) {
            const Component& target = component_ref(*op.body.target, op.label, "body.target");
            between = m_store.references_between(source.id, target.id, *op.body.type);
            matches = &between;
        } else {
            const json::value& value = *find(*op.body.custom_fields, op.unique_field);
            matches = &m_store.references_with_field(source.root_workspace, op.unique_field,
                                                     canonical(value).value_or(""));
        }
        if (matches->size() > 1) {
            std::string criterion =
                op.unique_by == UniqueBy::endpoints
                    ? "source, target and type " + std::to_string(*op.body.type)
                    : "customFields." + std::string(op.unique_field) + " = " +
                          json::serialize(*find(*op.body.custom_fields, op.unique_field));
            std::string ids;
            for (const auto& [seq, m] : *matches)
                ids += (ids.empty() ? "" : ", ") + m->id;
            fail(422, "upsert_ambiguous", op.label,
                 "uniqueBy matches " + std::to_string(matches->size()) + " references with " +
                     criterion + " (" + ids + ")",
                 "make the identifying values unique, e.g. by deleting the duplicates");
        }
        const Reference* existing = matches->empty() ? nullptr : matches->begin()->second;
        if (existing != nullptr && existing->type != *op.body.type)
            fail(422, "type_mismatch", op.label,
                 "uniqueBy matches reference " + existing->id + " of type " +
                     std::to_string(existing->type) + "; an upsert cannot change its type to " +
                     std::to_string(*op.body.type),
                 "send the reference's current type, or delete it and create it again");
        write_reference(op, existing, expanded(m_x_reference_upsert, op.raw));
    }
    for (const auto& op : ops.update) {
        std::string id = existing_reference(op.id, op.label);
        const Reference* stored = m_store.reference(id);
        check_version(op.if_version, stored->version, "reference", id, op.label);
        json::object* x = expanded(m_x_reference_update, op.raw);
        if (x != nullptr)
            (*x)["id"] = id;
        write_reference(op, stored, x);
    }
}

} // namespace ardoq::emulator
