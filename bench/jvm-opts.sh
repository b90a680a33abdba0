# The JVM flags the bench scripts start the server with (source it): README's "Run the packaged server" flags
# unless JAVA_OPTS is set (JAVA_OPTS= runs with the JVM's defaults). Why these: STARTUP-RSS.md.
JAVA_OPTS=${JAVA_OPTS--Xmx128m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:TrimNativeHeapInterval=5000}
# The AppCDS archive of bench/appcds.sh, if the app directory has one; it is found only when the server starts
# from that directory (the archive records quarkus-run.jar's relative path).
cds_opt() { [ -f "$1/app-cds.jsa" ] && echo "-XX:SharedArchiveFile=app-cds.jsa" || true; }
