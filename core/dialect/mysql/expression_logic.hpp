#pragma once

#include "core/dialect/mysql/expression_tokens.hpp"

// NOT, AND, OR and XOR in a MySQL expression rewritten as both servers rewrite them when they
// store a check, a generated column or an expression default (see expression_logic.cpp).
namespace orm::dialect::mysql {

// Every expression in a list (a call's arguments, a CASE's parts) rewritten.
Tokens rewrite_sequence(const Tokens& tokens, ServerKind server);

// MariaDB's !x is NOT x with the precedence of a unary minus: (not (x)).
void replace_exclamation_marks(Tokens& tokens);

} // namespace orm::dialect::mysql
