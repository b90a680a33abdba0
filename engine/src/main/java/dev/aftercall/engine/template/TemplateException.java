package dev.aftercall.engine.template;

/**
 * A template that does not parse, such as {@code "unclosed '{{' at column 7"}. The message is written for the
 * person editing the flow, so callers prefix it with where the text lives and show it as is.
 */
public class TemplateException extends RuntimeException {
    public TemplateException(String msg) {
        super(msg);
    }
}
