// Component creates, upserts and updates of a batch.
#include "api_error.hpp"
#include "batch_executor.hpp"
#include "field_checks.hpp"

namespace ardoq::emulator {

namespace {

std::string type_list(const Model& model) {
    std::string out;
    for (const auto& t : model.component_types)
        out += (out.empty() ? "" : ", ") + t.type_id + " (" + t.name + ")";
    return out.empty() ? "none" : out;
}

} // namespace

const Workspace& BatchExecutor::workspace_of(std::string_view id, const std::string& label) const {
    const Workspace* ws = m_store.workspace(id);
    if (ws == nullptr)
        fail(422, "unknown_workspace", label,
             "body.rootWorkspace " + quoted(id) + " is not an existing workspace",
             "list the workspaces with GET /api/v2/workspaces");
    return *ws;
}

void BatchExecutor::check_version(const VersionMatch& expected, std::int64_t actual,
                                  const std::string& what, const std::string& id,
                                  const std::string& label) const {
    if (!expected.latest && expected.version != actual)
        fail(409, "version_conflict", label,
             "ifVersionMatch " + std::to_string(expected.version) + " does not match _version " +
                 std::to_string(actual) + " of " + what + " " + id,
             "fetch the " + what + " again and retry with its current _version, or use \"latest\"");
}

void BatchExecutor::note_component_write(const std::string& id, const std::string& label) {
    auto [it, fresh] = m_written_components.emplace(std::string_view(id), &label);
    if (!fresh && m_options.repeated_writes == RepeatedWrites::reject)
        fail(422, "repeated_write", label,
             "component " + id + " is already written by " + *it->second + " in this request",
             "write each component once per request (or start the emulator with "
             "--repeated-writes allow)");
}

Component BatchExecutor::new_component(const ComponentOp& op, const Workspace& ws) {
    Component c;
    c.id = m_store.new_id();
    c.seq = m_store.next_seq();
    c.root_workspace = ws.id;
    c.type_id = *op.body.type_id;
    c.component_key = m_store.next_component_key(ws.id);
    c.meta = m_store.new_meta();
    return c;
}

void BatchExecutor::apply_component_body(Component& c, const ComponentBody& body,
                                         const std::string& label) {
    if (body.name)
        c.name = *body.name;
    if (body.description)
        c.description = *body.description;
    if (body.color)
        c.color = *body.color;
    if (body.shape)
        c.shape = *body.shape;
    if (body.icon)
        c.icon = *body.icon;
    if (body.image)
        c.image = *body.image;
    if (body.custom_fields) {
        const Workspace* ws = m_store.workspace(c.root_workspace);
        check_component_fields(m_store, m_options, *ws, c.type_id, *body.custom_fields, label,
                               "body.customFields.");
        merge_fields(c.custom_fields, *body.custom_fields);
    }
}

const std::string& BatchExecutor::new_parent(const Component& c, const ComponentBody& body,
                                             const std::string& label,
                                             json::object* expanded) const {
    static const std::string k_none;
    if (body.parent_null)
        return k_none;
    if (!body.parent)
        return c.parent;
    const Component& parent = component_ref(*body.parent, label, "body.parent");
    if (parent.root_workspace != c.root_workspace)
        fail(422, "parent_workspace", label,
             "body.parent " + quoted(*body.parent) + " is in workspace " + parent.root_workspace +
                 ", not in the component's workspace " + c.root_workspace,
             "a parent must belong to the same workspace");
    if (parent.id == c.id)
        fail(422, "parent_cycle", label, "body.parent names the component itself");
    // The expansion keeps batchIds and replaces aliases by OIDs.
    if (expanded != nullptr && !m_component_batch.count(*body.parent))
        (*expanded)["body"].as_object()["parent"] = parent.id;
    return parent.id;
}

void BatchExecutor::bump_version(Component& c, std::int64_t old_version, const Component& before) {
    if (m_options.version_bump == VersionBump::always || !same_content(c, before)) {
        c.version = old_version + 1;
        m_store.touch_meta(c.meta);
    }
}

void BatchExecutor::component_writes() {
    const auto& ops = m_request.components;
    std::vector<PendingParent> pending;
    pending.reserve(ops.create.size() + ops.upsert.size());
    m_created_components.reserve(ops.create.size() + ops.upsert.size());
    if (m_expand) {
        m_x_component_create.reserve(ops.create.size());
        m_x_component_upsert.reserve(ops.upsert.size());
        m_x_component_update.reserve(ops.update.size());
    }
    auto check_type = [&](const ComponentOp& op, const Workspace& ws) {
        const Model* model = m_store.models.find(ws.model_id);
        if (model == nullptr || model->component_type(*op.body.type_id) == nullptr)
            fail(422, "unknown_type_id", op.label,
                 "body.typeId " + quoted(*op.body.type_id) +
                     " is not a component type of workspace " + quoted(ws.name),
                 "component types of this workspace: " + (model ? type_list(*model) : "none"));
    };
    // A new component; its parent (when it names one) is set once every batchId is known.
    auto create = [&](const ComponentOp& op, const Workspace& ws, json::object* x) {
        Component c = new_component(op, ws);
        apply_component_body(c, op.body, op.label);
        const Component& stored = m_store.put_component(std::move(c));
        note_component_write(stored.id, op.label);
        if (op.batch_id)
            m_component_batch[*op.batch_id] = &stored;
        m_created_components.push_back({std::pmr::string(stored.id, &m_arena), op.batch_id});
        if (op.body.parent)
            pending.push_back({&stored, &op, false, 0, nullptr, x});
    };

    for (const auto& op : ops.create) {
        const Workspace& ws = workspace_of(*op.body.root_workspace, op.label);
        check_type(op, ws);
        create(op, ws, expanded(m_x_component_create, op.raw));
    }

    for (const auto& op : ops.upsert) {
        const Workspace& ws = workspace_of(*op.body.root_workspace, op.label);
        check_type(op, ws);
        json::object* x = expanded(m_x_component_upsert, op.raw);
        const ComponentSet* matches = nullptr;
        ComponentSet named;
        if (op.unique_by == UniqueBy::name) {
            named = m_store.components_named(ws.id, *op.body.name, m_store.name_match());
            matches = &named;
        } else {
            const json::value& value = *find(*op.body.custom_fields, op.unique_field);
            matches = &m_store.components_with_field(ws.id, op.unique_field,
                                                     canonical(value).value_or(""));
        }
        if (matches->size() > 1) {
            std::string criterion =
                op.unique_by == UniqueBy::name
                    ? "name " + quoted(*op.body.name)
                    : "customFields." + std::string(op.unique_field) + " = " +
                          json::serialize(*find(*op.body.custom_fields, op.unique_field));
            std::string ids;
            for (const auto& [seq, m] : *matches)
                ids += (ids.empty() ? "" : ", ") + m->id;
            fail(422, "upsert_ambiguous", op.label,
                 "uniqueBy matches " + std::to_string(matches->size()) + " components with " +
                     criterion + " in workspace " + quoted(ws.name) + " (" + ids + ")",
                 "make the identifying values unique, e.g. by deleting the duplicates");
        }
        if (matches->empty()) {
            create(op, ws, x);
            continue;
        }
        const Component& existing = *matches->begin()->second;
        if (existing.type_id != *op.body.type_id)
            fail(422, "type_mismatch", op.label,
                 "uniqueBy matches component " + existing.id + " of typeId " + existing.type_id +
                     "; an upsert cannot change its typeId to " + std::string(*op.body.type_id),
                 "send the component's current typeId, or delete it and create it again");
        note_component_write(existing.id, op.label);
        Component c = existing;
        apply_component_body(c, op.body, op.label);
        if (op.body.parent_null)
            c.parent.clear();
        if (op.body.parent) {
            std::unique_ptr<const Component> before;
            if (m_options.version_bump == VersionBump::on_change)
                before = std::make_unique<const Component>(existing);
            pending.push_back({&existing, &op, true, existing.version, std::move(before), x});
        } else {
            bump_version(c, existing.version, existing);
        }
        // `existing` is the stored component: overwritten in place here.
        const Component& stored = m_store.put_component(std::move(c));
        if (op.batch_id)
            m_component_batch[*op.batch_id] = &stored;
        m_updated_components.emplace_back(stored.id);
    }

    // Parents: every batchId of the request is known now.
    for (auto& p : pending) {
        const Component& stored = *p.component;
        if (!p.updated) {
            // Created by this request: only the parent changes, set in place (a copy of
            // the whole component, put back, cost more than the rest of the create).
            m_store.set_component_parent(stored.id,
                                         new_parent(stored, p.op->body, p.op->label, p.expanded));
            continue;
        }
        Component c = stored;
        c.parent = new_parent(stored, p.op->body, p.op->label, p.expanded);
        bump_version(c, p.old_version, p.before ? *p.before : c);
        m_store.put_component(std::move(c));
    }

    for (const auto& op : ops.update) {
        std::string id = existing_component(op.id, op.label);
        note_component_write(id, op.label);
        const Component& stored = *m_store.component(id);
        check_version(op.if_version, stored.version, "component", id, op.label);
        json::object* x = expanded(m_x_component_update, op.raw);
        if (x != nullptr)
            (*x)["id"] = id;
        Component c = stored;
        apply_component_body(c, op.body, op.label);
        c.parent = new_parent(c, op.body, op.label, x);
        bump_version(c, stored.version, stored);
        m_store.put_component(std::move(c));
        m_updated_components.emplace_back(id);
    }
    check_parent_cycles();
}

void BatchExecutor::check_parent_cycles() const {
    std::size_t limit = m_store.component_count();
    for (const auto& [id, label] : m_written_components) {
        const Component* c = m_store.component(id);
        std::size_t steps = 0;
        for (const Component* p = c; p != nullptr && !p->parent.empty();
             p = m_store.component(p->parent)) {
            if (p->parent == std::string_view(id) || ++steps > limit)
                fail(422, "parent_cycle", *label,
                     "setting the parent of component " + std::string(id) +
                         " makes it its own ancestor",
                     "a component cannot be below itself in the hierarchy");
        }
    }
}

} // namespace ardoq::emulator
