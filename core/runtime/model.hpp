#pragma once

// What a generated header needs: descriptors, codecs, row reading, key lookups, inserts, JSON.
// Light on purpose: a header for 50 tables compiles in about 3 s.
#include "core/runtime/codec.hpp"
#include "core/runtime/descriptors.hpp"
#include "core/runtime/executor.hpp"
#include "core/runtime/insert.hpp"
#include "core/runtime/json.hpp"
#include "core/runtime/lookup.hpp"
#include "core/runtime/row.hpp"
