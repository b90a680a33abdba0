package dev.aftercall.engine.auth;

import java.util.Optional;

/** Finds an auth profile by the name a node gives. The server scopes the lookup to the run's outlet. */
@FunctionalInterface
public interface AuthProfiles {
    AuthProfiles NONE = name -> Optional.empty();

    Optional<AuthProfile> find(String name);
}
