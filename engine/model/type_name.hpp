#pragma once
// TypeName: the name of a component or reference type in the desired state ("Application",
// "Depends on"), interned process-wide. A million desired entities name a handful of types;
// as a std::string each would carry 32 bytes (twice for a parent or each reference
// endpoint), as a TypeName 8. Reads like a const std::string; equal names are one object.

#include <compare>
#include <string>
#include <string_view>

namespace ardoq::model {

class TypeName {
public:
    TypeName();                       // ""
    TypeName(std::string_view name);  // NOLINT(google-explicit-constructor): interns
    TypeName(const std::string& name) // NOLINT(google-explicit-constructor)
        : TypeName(std::string_view(name)) {}
    TypeName(const char* name) // NOLINT(google-explicit-constructor)
        : TypeName(std::string_view(name)) {}

    const std::string& str() const noexcept { return *m_text; }
    operator const std::string&() const noexcept { return *m_text; } // NOLINT
    operator std::string_view() const noexcept { return *m_text; }   // NOLINT
    bool empty() const noexcept { return m_text->empty(); }
    std::size_t size() const noexcept { return m_text->size(); }

    friend bool operator==(const TypeName& a, const TypeName& b) noexcept {
        return a.m_text == b.m_text; // interned: equal text is the same object
    }
    friend bool operator==(const TypeName& a, std::string_view b) noexcept {
        return *a.m_text == b;
    }
    friend bool operator==(const TypeName& a, const char* b) noexcept { return *a.m_text == b; }
    friend std::strong_ordering operator<=>(const TypeName& a, const TypeName& b) noexcept {
        return *a.m_text <=> *b.m_text;
    }

    friend std::string operator+(const std::string& a, const TypeName& b) { return a + *b.m_text; }
    friend std::string operator+(std::string&& a, const TypeName& b) {
        return std::move(a) + *b.m_text;
    }
    friend std::string operator+(const char* a, const TypeName& b) { return a + *b.m_text; }
    friend std::string operator+(const TypeName& a, const std::string& b) { return *a.m_text + b; }
    friend std::string operator+(const TypeName& a, const char* b) { return *a.m_text + b; }

private:
    const std::string* m_text; // owned by the process-wide table, never freed
};

} // namespace ardoq::model
