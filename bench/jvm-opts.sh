# The JVM flags and the H2 URL the bench scripts start the server with (source it): README's "Run the packaged
# server" flags unless JAVA_OPTS is set (JAVA_OPTS= runs with the JVM's defaults). Why these: STARTUP-RSS.md.
JAVA_OPTS=${JAVA_OPTS--Xmx128m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:TrimNativeHeapInterval=5000 -XX:TargetSurvivorRatio=90 -XX:MaxTenuringThreshold=3}
# The AppCDS archive of bench/appcds.sh, if the app directory has one; it is found only when the server starts
# from that directory (the archive records quarkus-run.jar's relative path).
cds_opt() { [ -f "$1/app-cds.jsa" ] && echo "-XX:SharedArchiveFile=app-cds.jsa" || true; }
# The H2 URL for a data directory, as application.properties' dev profile has it: WRITE_DELAY=0 (a commit is on disk
# before the call is answered) and a 4 MB page cache (CACHE_SIZE is in KB). H2's 16 MB default is an eighth of the
# heap above, and the copy-on-write pages it churned through were most of what young collections promoted into the
# old generation, which then filled every 7-8 s (BENCHMARKS.md, "Full collections").
h2_url() { echo "jdbc:h2:file:$1/aftercall;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=4096"; }
