#pragma once

// The runtime's public header for applications: the generated header's part (model.hpp) plus
// connections, transactions and the pool.
#include "core/runtime/connection.hpp"
#include "core/runtime/database.hpp"
#include "core/runtime/model.hpp"
