#pragma once
// The desired state the mapping rules produce from source records: the components and
// references that should exist in the workspace. Type names are resolved against the
// workspace context by the planner; keys are the identity the sync joins on.

#include "model/chunked_vector.hpp"
#include "model/packed_fields.hpp"
#include "model/record.hpp"
#include "model/type_name.hpp"
#include "model/value.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace ardoq::model {

// A reference to a component by type name and identity key (parent, reference endpoints).
struct ComponentRef {
    TypeName type;   // component type name
    std::string key; // identity key ("app-42"), or the name when identity is by name
    friend bool operator==(const ComponentRef&, const ComponentRef&) = default;
};

// The mapped custom fields of a desired entity, in mapping order, packed
// (model/packed_fields.hpp): one heap block per entity instead of a Field per value. Keys
// are stored as field name ids (field_name_id()); iterating gives (key, value, id).
class DesiredFields {
public:
    struct Entry {
        std::string_view key; // apiKey
        ValueView value;
        std::uint32_t id = 0; // field_name_id(key)
    };

    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Entry;
        using difference_type = std::ptrdiff_t;
        using pointer = const Entry*;
        using reference = Entry;

        Iterator() noexcept = default;
        explicit Iterator(PackedFields::Iterator it) noexcept : m_it(it) {}
        Entry operator*() const { return {field_name(m_it->key), m_it->value, m_it->key}; }
        Iterator& operator++() noexcept {
            ++m_it;
            return *this;
        }
        friend bool operator==(const Iterator& a, const Iterator& b) noexcept {
            return a.m_it == b.m_it;
        }

    private:
        PackedFields::Iterator m_it;
    };

    DesiredFields() = default;
    DesiredFields(const Object& fields) { // NOLINT(google-explicit-constructor): a value form
        for (const auto& f : fields)
            push_back(f);
    }
    DesiredFields(std::initializer_list<Field> fields) {
        for (const auto& f : fields)
            push_back(f);
    }

    void push_back(const Field& f) { m_packed.append(field_name_id(f.key), f.value); }
    // Appends by name id (the evaluator resolves each rule's names once).
    void append(std::uint32_t id, const Value& v) { m_packed.append(id, v); }
    // Replaces the fields with packed ones whose keys are name ids.
    void assign(const PackedFields& packed) { m_packed = packed; }
    // Value of a field by apiKey (the first one), nullopt when not mapped.
    std::optional<ValueView> find(std::string_view api_key) const;
    // The fields as an Object (owning copies), in order.
    Object to_object() const;

    Iterator begin() const noexcept { return Iterator(m_packed.begin()); }
    Iterator end() const noexcept { return Iterator(m_packed.end()); }
    std::size_t size() const noexcept { return m_packed.size(); }
    bool empty() const noexcept { return m_packed.empty(); }
    const PackedFields& packed() const noexcept { return m_packed; }
    void shrink_to_fit() { m_packed.shrink_to_fit(); }

    friend bool operator==(const DesiredFields& a, const DesiredFields& b) noexcept {
        return a.m_packed == b.m_packed;
    }

private:
    PackedFields m_packed;
};

struct DesiredComponent {
    TypeName type;   // component type name ("Application")
    std::string key; // identity key
    std::string name;
    std::optional<std::string> description; // nullopt: not mapped, never touched
    std::optional<ComponentRef> parent;     // nullopt: parent not mapped
    DesiredFields fields;                   // mapped custom fields (apiKey -> value), mapping order
    Origin origin;                          // the record it came from
    std::size_t rule = 0;                   // index of the producing rule in the mapping
};

struct DesiredReference {
    TypeName type; // reference type name ("Depends on")
    ComponentRef source;
    ComponentRef target;
    std::optional<std::string> display_text;
    std::optional<std::string> description;
    DesiredFields fields;
    Origin origin;
    std::size_t rule = 0;
};

// Chunked: a million entities are built in place and never moved as the state grows.
struct DesiredState {
    ChunkedVector<DesiredComponent> components;
    ChunkedVector<DesiredReference> references;
};

} // namespace ardoq::model
