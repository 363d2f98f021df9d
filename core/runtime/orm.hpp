#pragma once

// The runtime's public header: what a generated header and an application include.
#include "core/runtime/codec.hpp"
#include "core/runtime/descriptors.hpp"
#include "core/runtime/executor.hpp"
#include "core/runtime/json.hpp"
#include "core/runtime/lookup.hpp"
#include "core/runtime/row.hpp"
