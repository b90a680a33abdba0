package dev.aftercall.engine.run;

import dev.aftercall.engine.auth.AuthProfiles;

/** What a run may use beyond its own state: the outlet's auth profiles and where to checkpoint. */
public record RunEnvironment(AuthProfiles authProfiles, Checkpointer checkpointer) {

    public RunEnvironment {
        authProfiles = authProfiles == null ? AuthProfiles.NONE : authProfiles;
        checkpointer = checkpointer == null ? Checkpointer.NONE : checkpointer;
    }

    /** No auth profiles, nothing persisted: test runs and tools. */
    public static RunEnvironment inMemory() {
        return new RunEnvironment(AuthProfiles.NONE, Checkpointer.NONE);
    }
}
