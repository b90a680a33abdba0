package dev.aftercall.engine.model;

/** A connection from one node's output port to another node. A missing port means the node's default port. */
public record Edge(String from, String port, String to) {
}
