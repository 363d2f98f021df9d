#pragma once

#include "core/dialect/dialect.hpp"
#include "core/schema/schema.hpp"
#include "core/workflow/project.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace orm::workflow {

// The models file of the project, parsed.
schema::Schema load_models(const Project& project);

// The dialect planning uses: the project URL's, else orm.toml's `dialect`.
std::unique_ptr<dialect::Dialect> project_dialect(const Project& project);

// Connects to `url` (default: the project's) with the project's session settings; `source` names
// where `url` came from, for its errors.
std::unique_ptr<dialect::Session> open_session(const Project& project, const std::string& url = {},
                                               std::string_view source = {});

// One side of `orm diff`: a database URL, a models file, or "migrations" (the state the
// migration directory records).
struct DiffSide
{
  schema::Schema schema;
  // Set when the side is a database: its dialect knows the server, for the hooks and the plan.
  std::unique_ptr<dialect::Session> session;
};

DiffSide load_side(const std::string& spec, const Project& project, std::string_view source);

// The schema the migration directory leads to (orm.state); empty for a new project. Throws
// Error(migration) when migrations exist but orm.state does not.
schema::Schema migrations_state(const Project& project);

} // namespace orm::workflow
