#pragma once

#include "core/diff/change.hpp"
#include "core/diff/hooks.hpp"
#include "core/schema/schema.hpp"

namespace orm::diff {

// The changes that turn `from` into `to`, in a foreign-key-safe order. Both are normalised through
// the hooks first. Renames come only from `renamed_from` hints in `to` ("was old_name").
Changes diff(const schema::Schema& from, const schema::Schema& to, const DiffHooks& hooks);

// `schema` with every table passed through hooks.normalize and sorted canonically.
schema::Schema normalized(schema::Schema schema, const DiffHooks& hooks);

} // namespace orm::diff
