# The JVM flags the bench scripts start the server with (source it): the recommended ones of README's "Run the
# packaged server" unless JAVA_OPTS is set (JAVA_OPTS= runs with the JVM's defaults). See STARTUP-RSS.md.
JAVA_OPTS=${JAVA_OPTS-}
