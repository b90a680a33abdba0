package dev.aftercall.engine.js;

/**
 * Something wrong with a function's code, found before it runs: where it is (1-based line and column, as an
 * editor shows them) and what the operator should change.
 */
public record CodeProblem(String message, int line, int column) {
}
