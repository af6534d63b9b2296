package io.lingqian.risk;

/** A rule set that does not parse or validate; the message names the line and what is wrong. */
public class RuleSyntaxException extends IllegalArgumentException {

    private final int line;

    public RuleSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line of the source the problem is on. */
    public int line() {
        return line;
    }
}
