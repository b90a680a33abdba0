package dev.aftercall.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftercall.engine.http.OutboundBlockedException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The outbound guard on its own: which addresses are refused by default and what the allow-list lets through. */
class OutboundGuardTest {
    private final OutboundGuard strict = new OutboundGuard(Optional.empty());

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/", "http://127.8.9.10:8080/x", "http://[::1]/", "http://0.0.0.0/",
            "http://10.0.0.5/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00::1]/",
            "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://224.0.0.1/",
            "http://255.255.255.255/", "http://localhost/", "http://LOCALHOST:9100/leads"})
    void refusesTheServicesOwnNetworkByDefault(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url)).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(OutboundBlockedException.class)
                .cause().hasMessageContaining("blocked").hasMessageContaining("AFTERCALL_OUTBOUND_ALLOW_HOSTS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.215.14/", "https://8.8.8.8/dns", "http://172.32.0.1/", "http://[2606:4700::1111]/"})
    void letsPublicAddressesThrough(String url) {
        strict.check(URI.create(url)).toCompletableFuture().join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/", "gopher://127.0.0.1:25/", "jar:file:/x.jar!/"})
    void refusesOtherSchemes(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url)).toCompletableFuture().join())
                .hasCauseInstanceOf(OutboundBlockedException.class);
    }

    @Test
    void theAllowListTakesNamesAddressesAndRanges() {
        OutboundGuard guard = new OutboundGuard(Optional.of(List.of("localhost", "10.1.0.0/16", "192.168.7.7", " ")));

        guard.check(URI.create("http://localhost:9100/")).toCompletableFuture().join();
        guard.check(URI.create("http://10.1.200.3/")).toCompletableFuture().join();
        guard.check(URI.create("http://192.168.7.7/")).toCompletableFuture().join();
        assertThatThrownBy(() -> guard.check(URI.create("http://10.2.0.1/")).toCompletableFuture().join())
                .hasCauseInstanceOf(OutboundBlockedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1/")).toCompletableFuture().join())
                .hasCauseInstanceOf(OutboundBlockedException.class);
    }

    @Test
    void aStarSwitchesTheGuardOff() {
        new OutboundGuard(Optional.of(List.of("*"))).check(URI.create("http://169.254.169.254/")).toCompletableFuture().join();
    }

    @Test
    void aBadRangeIsAConfigurationErrorNamingTheSetting() {
        assertThatThrownBy(() -> new OutboundGuard(Optional.of(List.of("10.0.0.0/99"))))
                .hasMessageContaining("aftercall.outbound.allow-hosts");
    }

    @Test
    void aRestrictedAddressIsNamedWithTheReason() {
        assertThat(OutboundGuard.restricted(OutboundGuard.literal("169.254.169.254"))).contains("metadata");
        assertThat(OutboundGuard.restricted(OutboundGuard.literal("8.8.4.4"))).isNull();
    }
}
